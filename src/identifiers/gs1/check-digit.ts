/** GS1 mod-10 check digit of a digit string that does not yet carry one (weights 3,1,3,… from the right). */
export function gs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Error message when the last digit of `digits` is not the GS1 check digit, else undefined. */
export function checkDigitError(digits: string, keyName: string): string | undefined {
  const expected = gs1CheckDigit(digits.slice(0, -1));
  return digits.endsWith(expected) ? undefined : `${keyName} check digit should be ${expected}`;
}

// GS1 General Specifications 7.9.5: the check character pair of a GMN (AI 8013) and MUDI (AI 8014).
const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83];

/** The two check characters for `body` (a GMN without its last two characters), or undefined if too long. */
export function gs1CheckPair(body: string): string | undefined {
  if (body.length > PRIMES.length) return undefined;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const value = CSET82.indexOf(body.charAt(body.length - 1 - i));
    if (value < 0) return undefined;
    sum += value * (PRIMES[i] ?? 0);
  }
  sum %= 1021;
  return `${CSET32.charAt(Math.floor(sum / 32))}${CSET32.charAt(sum % 32)}`;
}
