/**
 * Check digits and date checks for identifiers. A number only counts as an ID or a card when its check passes,
 * which is what keeps clinical numbers (lab values, dates, counts) from being mistaken for one.
 */

/** Luhn (mod 10) check used by bank and credit cards. `digits` holds only 0-9. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** True when year-month-day is a real calendar date no later than today and not before 1900. */
export function validBirthDate(year: number, month: number, day: number, today?: Date): boolean {
  // Cheap range checks first: this runs for every 15- and 18-digit window in a long run of numbers.
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return date.getTime() <= (today ?? new Date()).getTime();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * Mainland resident ID (GB 11643-1999): 18 characters, a region code that does not start with 0, a valid
 * birth date YYYYMMDD at positions 7-14, and the ISO 7064 MOD 11-2 check character (0-9 or X).
 */
export function cnIdValid(id: string): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!validBirthDate(year, month, day)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

/** Legacy 15-digit mainland ID (issued before 1999): region code, birth date YYMMDD in the 1900s, sequence. */
export function cnLegacyIdValid(id: string): boolean {
  if (!/^[1-9]\d{14}$/.test(id)) return false;
  return validBirthDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

/** Letter value for the Hong Kong ID check: A=10 ... Z=35; the blank before a one-letter prefix counts 36. */
function hkLetter(ch: string): number {
  return ch.toUpperCase().charCodeAt(0) - 55;
}

/**
 * Hong Kong identity card: one or two letters, six digits, a check digit 0-9 or A (mod 11, weights 9..2).
 */
export function hkIdValid(prefix: string, digits: string, check: string): boolean {
  if (!/^[A-Za-z]{1,2}$/.test(prefix) || !/^\d{6}$/.test(digits)) return false;
  const letters = prefix.length === 1 ? [36, hkLetter(prefix)] : [hkLetter(prefix[0]!), hkLetter(prefix[1]!)];
  let sum = letters[0]! * 9 + letters[1]! * 8;
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const expected = (11 - (sum % 11)) % 11;
  const want = expected === 10 ? 'A' : String(expected);
  return check.toUpperCase() === want;
}

/** Taiwan letter codes: the letter stands for a two-digit area number, not in alphabetical order. */
const TW_CODES: Record<string, number> = {
  A: 10,
  B: 11,
  C: 12,
  D: 13,
  E: 14,
  F: 15,
  G: 16,
  H: 17,
  I: 34,
  J: 18,
  K: 19,
  L: 20,
  M: 21,
  N: 22,
  O: 35,
  P: 23,
  Q: 24,
  R: 25,
  S: 26,
  T: 27,
  U: 28,
  V: 29,
  W: 32,
  X: 30,
  Y: 31,
  Z: 33,
};

/**
 * Taiwan national ID (and the new-format resident certificate, second digit 8 or 9): a letter and nine digits
 * whose weighted sum (1, 9, 8 ... 1, 1 over the letter's two digits and the nine digits) is a multiple of 10.
 */
export function twIdValid(id: string): boolean {
  if (!/^[A-Za-z][1289]\d{8}$/.test(id)) return false;
  const code = TW_CODES[id[0]!.toUpperCase()]!;
  let sum = Math.floor(code / 10) + (code % 10) * 9;
  for (let i = 1; i <= 8; i++) sum += (id.charCodeAt(i) - 48) * (9 - i);
  sum += id.charCodeAt(9) - 48;
  return sum % 10 === 0;
}

/**
 * NHS number (England, Wales, Isle of Man): 10 digits, the last a mod-11 check digit over the first nine with
 * weights 10 down to 2. A remainder that would need check digit 10 means no such number was ever issued.
 * `digits` holds exactly the 10 digits, separators removed.
 */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}
