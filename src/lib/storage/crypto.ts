/**
 * PIN encryption for stored history: AES-GCM with a key derived from the PIN by PBKDF2-SHA-256.
 * Pure WebCrypto (global in browsers and in Node 20), no DOM and no database, so it is tested in Node.
 *
 * Threat model: a shared clinic device whose browser profile someone else can open. The PIN keeps the
 * history unreadable at rest; it does not protect against code running in the unlocked page. Someone who
 * copies the database can try PINs offline: at 600,000 iterations each guess costs a fraction of a second,
 * so a 4-digit PIN falls within hours. The settings say so and suggest a longer PIN.
 */

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. Stored with each lock, so it can be raised later. */
export const PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;
/** 96-bit IVs are what AES-GCM is specified for; a fresh random one per record. */
const IV_BYTES = 12;
/** A known plaintext sealed with the key, so a wrong PIN is told apart from corrupt data. */
const CHECK_PLAINTEXT = 'yizhen-history-pin-check-v1';

/** An encrypted value as it is stored: its own IV and the AES-GCM ciphertext (with the tag). */
export interface SealedBox {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** What the database keeps about the PIN: never the PIN or the key, only what is needed to re-derive it. */
export interface PinLock {
  salt: Uint8Array<ArrayBuffer>;
  iterations: number;
  check: SealedBox;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Derives a non-extractable AES-GCM 256-bit key from a PIN.
 * @returns the key; it can encrypt and decrypt but never be exported.
 */
export async function deriveKey(
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations = PBKDF2_ITERATIONS,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts any JSON-serialisable value with a fresh random IV. */
export async function seal(key: CryptoKey, value: unknown): Promise<SealedBox> {
  const iv = randomBytes(IV_BYTES);
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    key,
    encoder.encode(JSON.stringify(value)),
  );
  return { iv, data };
}

/**
 * Decrypts a value sealed by {@link seal}.
 * @throws DOMException (OperationError) when the key is wrong or the data was altered.
 */
export async function unseal<T>(key: CryptoKey, box: SealedBox): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv }, key, box.data);
  return JSON.parse(decoder.decode(plain)) as T;
}

/**
 * Sets up a new PIN: a random salt, the derived key and a check value to recognise the PIN later.
 * @returns what to store (`lock`) and the key to use now (`key`).
 */
export async function createPinLock(
  pin: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<{ lock: PinLock; key: CryptoKey }> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(pin, salt, iterations);
  return { lock: { salt, iterations, check: await seal(key, CHECK_PLAINTEXT) }, key };
}

/**
 * Tries a PIN against a stored lock.
 * @returns the key when the PIN is right, `null` when it is wrong.
 */
export async function unlockPin(lock: PinLock, pin: string): Promise<CryptoKey | null> {
  const key = await deriveKey(pin, lock.salt, lock.iterations);
  try {
    return (await unseal<string>(key, lock.check)) === CHECK_PLAINTEXT ? key : null;
  } catch {
    return null; // AES-GCM's tag does not verify: a different key, i.e. a wrong PIN
  }
}
