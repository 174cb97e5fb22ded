import { checkDigitError, gs1CheckPair } from './check-digit.js';

// Linters of the GS1 syntax dictionary that this module applies. Those that need external code lists
// (iso3166, iso4217, iban, packagetype, coupon rules) or the GS1 company prefix list (gcppos1/2) are not
// applied: a value they would reject passes here.
type Linter = (component: string, label: string) => string | undefined;

const KEY_NAMES: Record<string, string> = {
  '00': 'SSCC',
  '01': 'GTIN',
  '02': 'GTIN',
  '03': 'GTIN',
  '253': 'GDTI',
  '255': 'GCN',
  '402': 'GSIN',
  '8003': 'GRAI',
  '8006': 'GTIN',
  '8017': 'GSRN',
  '8018': 'GSRN',
  '8026': 'GTIN',
  '8013': 'GMN',
  '8014': 'MUDI',
};

export function keyName(ai: string): string {
  if (/^41[0-7]$/.test(ai)) return 'GLN';
  return KEY_NAMES[ai] ?? `AI (${ai})`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dateError(year: number, month: number, day: number, allowZeroDay: boolean): boolean {
  if (month < 1 || month > 12) return true;
  if (day === 0) return !allowZeroDay;
  return day > daysInMonth(year, month);
}

// Two-digit years follow GS1 General Specifications 7.12: within -49..+50 years of the current year.
function fullYear(yy: number): number {
  const now = new Date().getUTCFullYear();
  const century = Math.floor(now / 100) * 100;
  const difference = yy - (now % 100);
  if (difference >= 51) return century - 100 + yy;
  if (difference <= -50) return century + 100 + yy;
  return century + yy;
}

function yymmdd(allowZeroDay: boolean): Linter {
  return (value, label) => {
    const [yy, mm, dd] = [0, 2, 4].map((at) => Number(value.slice(at, at + 2))) as [number, number, number];
    return dateError(fullYear(yy), mm, dd, allowZeroDay)
      ? `${label} is not a valid date (YYMMDD)`
      : undefined;
  };
}

function range(min: number, max: number, what: string): Linter {
  return (value, label) => {
    const number = Number(value);
    return number < min || number > max ? `${label} has an invalid ${what}` : undefined;
  };
}

const LINTERS: Record<string, Linter> = {
  yymmd0: yymmdd(true),
  yymmdd: yymmdd(false),
  yyyymmdd: (value, label) => {
    const [year, month, day] = [value.slice(0, 4), value.slice(4, 6), value.slice(6, 8)].map(Number) as [
      number,
      number,
      number,
    ];
    return dateError(year, month, day, false) ? `${label} is not a valid date (YYYYMMDD)` : undefined;
  },
  hhmi: (value, label) =>
    Number(value.slice(0, 2)) > 23 || Number(value.slice(2, 4)) > 59
      ? `${label} has an invalid time`
      : undefined,
  hh: range(0, 23, 'hour'),
  mi: range(0, 59, 'minute'),
  ss: range(0, 59, 'second'),
  zero: (value, label) => (value === '0' ? undefined : `${label} should start with 0`),
  nonzero: (value, label) => (/^0+$/.test(value) ? `${label} has a zero dimension` : undefined),
  winding: (value, label) =>
    /^[019]$/.test(value) ? undefined : `${label} has an invalid winding direction`,
  yesno: (value, label) => (/^[01]$/.test(value) ? undefined : `${label} should be 0 or 1`),
  iso5218: (value, label) => (/^[0129]$/.test(value) ? undefined : `${label} should be 0, 1, 2 or 9`),
  hyphen: (value, label) => (value === '-' ? undefined : `${label} may only end with a hyphen`),
  nozeroprefix: (value, label) =>
    value.length > 1 && value.startsWith('0') ? `${label} should not start with 0` : undefined,
  hasnondigit: (value, label) => (/^[0-9]*$/.test(value) ? `${label} should contain a non-digit` : undefined),
  pcenc: (value, label) =>
    /%(?![0-9A-Fa-f]{2})/.test(value) ? `${label} has invalid percent-encoding` : undefined,
  latitude: range(0, 1800000000, 'latitude'),
  longitude: range(0, 3600000000, 'longitude'),
  mediatype: (value, label) => {
    const number = Number(value);
    return (number >= 1 && number <= 10) || number >= 80 ? undefined : `${label} has an invalid media type`;
  },
  pieceoftotal: (value, label) => {
    const piece = Number(value.slice(0, 2));
    const total = Number(value.slice(2, 4));
    return piece === 0 || total === 0 || piece > total ? `${label} has an invalid piece/total` : undefined;
  },
  posinseqslash: (value, label) => {
    const match = /^([1-9])\/([1-9])$/.exec(value);
    return match && Number(match[1]) <= Number(match[2]) ? undefined : `${label} should look like 1/2`;
  },
};

/** Applies the named linters to one component of AI `ai`'s data field. */
export function lintComponent(ai: string, linters: readonly string[], component: string, label: string) {
  for (const name of linters) {
    let error: string | undefined;
    if (name === 'csum') error = checkDigitError(component, keyName(ai));
    else if (name === 'csumalpha') {
      const expected = component.length > 2 ? gs1CheckPair(component.slice(0, -2)) : undefined;
      if (!expected || !component.endsWith(expected)) {
        error = expected ? `${keyName(ai)} check characters should be ${expected}` : `${label} is too short`;
      }
    } else error = LINTERS[name]?.(component, label);
    if (error) return error;
  }
  return undefined;
}
