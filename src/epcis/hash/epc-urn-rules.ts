/**
 * EPC URN -> GS1 Digital Link rules of the reference implementation's dl_normaliser.py (see
 * dl-normaliser.ts for why the event hash uses this port). Regular expressions, fixed string offsets and
 * check digit computation follow the Python code, quirks included: no check digit or length validation
 * beyond the patterns, percent-encoding of ! ( ) * + , : only, and no conversion of a GRAI URN with a
 * 12-digit company prefix (its pattern needs three dots).
 */

const E = `(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])`;
const CPI = '(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])';
/** Characters allowed in the checked Digital Link values (the reference's \x22\x27\x2D... class). */
export const C = `[\\x22\\x27\\x2D\\x2E\\x30-\\x39\\x3B-\\x3F\\x41-\\x5A\\x5F\\x61-\\x7A]`;
export const C_SLASH = `[\\x2F\\x22\\x27\\x2D\\x2E\\x30-\\x39\\x3B-\\x3F\\x41-\\x5A\\x5F\\x61-\\x7A]`;

/** (\d{6}\.\d{total-6})|...|(\d{11}\.\d{total-11})|(last12), each alternative optionally ending in `$`. */
function gcp(total: number, last12: string, end = ''): string {
  const alts: string[] = [];
  for (let n = 6; n <= 11; n++) alts.push(`(?:\\d{${n}}\\.\\d{${total - n}}${end})`);
  return `(?:${[...alts, `(?:${last12}${end})`].join('|')})`;
}

/** (\d{6}\.X{1,max-6})|...|(\d{12}\.X{1,max-12}) */
function gcpChars(chars: string, max: number): string {
  const alts: string[] = [];
  for (let n = 6; n <= 12; n++) alts.push(`(?:\\d{${n}}\\.${chars}{1,${max - n}})`);
  return `(?:${alts.join('|')})`;
}

export const re = (source: string): RegExp => new RegExp(source);

/** GS1 General Specifications mod-10 check digit. */
function checkDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const weight = (digits.length - i) % 2 === 1 ? 3 : 1;
    sum += Number(digits[i]) * weight;
  }
  return String((10 - (sum % 10)) % 10);
}

const withCd = (raw: string): string => raw + checkDigit(raw);

function encode(value: string): string {
  return value
    .replaceAll('!', '%21')
    .replaceAll('(', '%28')
    .replaceAll(')', '%29')
    .replaceAll('*', '%2A')
    .replaceAll('+', '%2B')
    .replaceAll(',', '%2C')
    .replaceAll(':', '%3A');
}

const DL = 'https://id.gs1.org/';

/** Company prefix + reference of `len` digits, the GTIN/ITIP way (indicator digit moved to the front). */
function gtinLike(uri: string, from: number, p: number): string {
  const prefix = uri.slice(from, p);
  const itemref = uri.slice(p + 1, p + 1 + (13 - prefix.length));
  return itemref.slice(0, 1) + prefix + itemref.slice(1);
}

/** Company prefix + reference filling 12 digits (GLN, GDTI, GRAI, SGCN...). */
function twelve(uri: string, from: number, p: number): string {
  const prefix = uri.slice(from, p);
  return prefix + uri.slice(p + 1, p + 1 + (12 - prefix.length));
}

type Rule = [RegExp, (uri: string, p: number) => string];

/** The EPC URN, EPC class URN and EPC pattern URN conversions of dl_normaliser.py, in its order. */
export const URN_RULES: Rule[] = [
  [
    re(`^urn:epc:id:sgtin:${gcp(13, '\\d{12}\\.\\d{1}')}\\.${E}{1,20}$`),
    (u, p) => `${DL}01/${withCd(gtinLike(u, 17, p))}/21/${encode(u.slice(32))}`,
  ],
  [
    re(`^urn:epc:id:sscc:${gcp(17, '\\d{12}\\.\\d{5}', '$')}`),
    (u, p) => `${DL}00/${withCd(u.slice(p + 1, p + 2) + u.slice(16, p) + u.slice(p + 2))}`,
  ],
  [
    re(`^urn:epc:id:sgln:${gcp(12, '\\d{12}\\.')}\\.${E}{1,20}$`),
    (u, p) => {
      const ext = u.slice(30);
      const gln = `${DL}414/${withCd(twelve(u, 16, p))}`;
      return ext === '0' ? gln : `${gln}/254/${encode(ext)}`;
    },
  ],
  [
    re(`^urn:epc:id:grai:${gcp(12, '\\d{12}\\.\\.')}\\.${E}{1,16}$`),
    (u, p) => `${DL}8003/${withCd(`0${twelve(u, 16, p)}`)}${encode(u.slice(30))}`,
  ],
  [
    re(`^urn:epc:id:giai:${gcpChars(E, 30)}$`),
    (u, p) => `${DL}8004/${u.slice(16, p)}${encode(u.slice(p + 1))}`,
  ],
  [
    re(`^urn:epc:id:gsrn:${gcp(17, '\\d{12}\\.\\d{5}', '$')}`),
    (u, p) => `${DL}8018/${withCd(u.slice(16, p) + u.slice(p + 1))}`,
  ],
  [
    re(`^urn:epc:id:gsrnp:${gcp(17, '\\d{12}\\.\\d{5}', '$')}`),
    (u, p) => `${DL}8017/${withCd(u.slice(17, p) + u.slice(p + 1))}`,
  ],
  [
    re(`^urn:epc:id:gdti:${gcp(12, '\\d{12}\\.\\.')}${E}{1,20}$`),
    (u, p) => `${DL}253/${withCd(twelve(u, 16, p))}${encode(u.slice(30))}`,
  ],
  [
    re(`^urn:epc:id:cpi:${gcpChars(CPI, 30)}\\.\\d{1,12}$`),
    (u, p) => {
      const sep = u.lastIndexOf('.');
      return `${DL}8010/${encode(u.slice(15, p) + u.slice(p + 1, sep))}/8011/${u.slice(sep + 1)}`;
    },
  ],
  [
    re(`^urn:epc:id:sgcn:${gcp(12, '\\d{12}\\.')}\\.\\d{1,12}$`),
    (u, p) => `${DL}255/${withCd(twelve(u, 16, p))}${u.slice(30)}`,
  ],
  [
    re(`^urn:epc:id:ginc:${gcpChars(E, 30)}$`),
    (u, p) => `${DL}401/${u.slice(16, p)}${encode(u.slice(p + 1))}`,
  ],
  [
    re(`^urn:epc:id:gsin:${gcp(16, '\\d{12}\\.\\d{4}', '$')}`),
    (u, p) => `${DL}402/${withCd(u.slice(16, p) + u.slice(p + 1))}`,
  ],
  [
    re(`^urn:epc:id:itip:${gcp(13, '\\d{12}\\.\\d{1}')}\\.\\d{2}\\.\\d{2}\\.${E}{1,20}$`),
    (u, p) =>
      `${DL}8006/${withCd(gtinLike(u, 16, p))}${u.slice(31, 33)}${u.slice(34, 36)}/21/${encode(u.slice(37))}`,
  ],
  [
    re(`^urn:epc:id:upui:${gcp(13, '\\d{12}\\.\\d{1}')}\\.${E}{1,28}$`),
    (u, p) => `${DL}01/${withCd(gtinLike(u, 16, p))}/235/${encode(u.slice(31))}`,
  ],
  [re(`^urn:epc:id:pgln:${gcp(12, '\\d{12}\\.')}$`), (u, p) => `${DL}417/${withCd(twelve(u, 16, p))}`],
  [
    re(`^urn:epc:class:lgtin:${gcp(13, '\\d{12}\\.\\d{1}')}\\.${E}{1,20}$`),
    (u, p) => `${DL}01/${withCd(gtinLike(u, 20, p))}/10/${encode(u.slice(35))}`,
  ],
  [
    re(`^urn:epc:idpat:sgtin:${gcp(13, '\\d{12}\\.\\d{1}')}\\.\\*$`),
    (u, p) => `${DL}01/${withCd(gtinLike(u, 20, p))}`,
  ],
  [
    re(`^urn:epc:idpat:grai:${gcp(12, '\\d{12}\\.\\.')}\\.\\*$`),
    (u, p) => `${DL}8003/${withCd(`0${twelve(u, 19, p)}`)}`,
  ],
  [
    re(`^urn:epc:idpat:gdti:${gcp(12, '\\d{12}\\.\\.')}\\.\\*$`),
    (u, p) => `${DL}253/${withCd(twelve(u, 19, p))}`,
  ],
  [
    re(`^urn:epc:idpat:sgcn:${gcp(12, '\\d{12}\\.\\.')}\\.\\*$`),
    (u, p) => `${DL}255/${withCd(twelve(u, 19, p))}`,
  ],
  [
    re(`^urn:epc:idpat:cpi:${gcpChars(CPI, 30)}\\.\\*$`),
    (u, p) => `${DL}8010/${encode(u.slice(18, p) + u.slice(p + 1, u.lastIndexOf('.')))}`,
  ],
  [
    re(`^urn:epc:idpat:itip:${gcp(13, '\\d{12}\\.\\d{1}')}\\.\\d{2}\\.\\d{2}\\.\\*$`),
    (u, p) => `${DL}8006/${withCd(gtinLike(u, 19, p))}${u.slice(34, 36)}${u.slice(37, 39)}`,
  ],
  [
    re(`^urn:epc:idpat:upui:${gcp(13, '\\d{12}\\.\\d{1}')}\\.\\*$`),
    (u, p) => `${DL}01/${withCd(gtinLike(u, 19, p))}`,
  ],
];
