/**
 * Saves text as a file on the device through a Blob URL: nothing is uploaded anywhere.
 * The URL is revoked after the click has been handled.
 */
export function saveTextFile(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A file-name-safe stem from a title and a time: `2026-01-02-headache`. */
export function fileStem(title: string, at: number): string {
  const date = new Date(at).toISOString().slice(0, 10);
  const words = title
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\s]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return words ? `${date}-${words}` : date;
}
