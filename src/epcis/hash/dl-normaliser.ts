/**
 * The GS1 Digital Link normaliser of the reference implementation of the CBV 2.0 event hash
 * (RalphTro/epcis-event-hash-generator, dl_normaliser.py), ported rule for rule.
 *
 * Why not `canonicalEpc` from src/identifiers: the event hash has to be byte-identical to the reference,
 * and the reference's "normalised" form is not the canonical Digital Link of GS1 Digital Link 1.x:
 * - it checks syntax only: EPC URNs are converted and Digital Links on any domain are moved to
 *   id.gs1.org without checking check digits or AI formats (canonicalEpc rejects those);
 * - it keeps only the finest identification level: a lot is dropped when a serial is present, and a
 *   CPV (AI 22) is dropped; other qualifiers not in its list make the URI not normalisable;
 * - it percent-encodes only ! ( ) * + , : in serials and keeps every %xx escape of the EPC URN as is;
 * - URIs it does not recognise (including DLs that fail its final syntax check, e.g. a key with an
 *   unsupported qualifier, and anything without a '.') are hashed unchanged, never rejected;
 * - its regular expressions have quirks that decide whether a value is converted at all (for example a
 *   GRAI URN with a 12-digit company prefix is never converted; `id.gs1.org` is matched with unescaped dots).
 * The differences are covered by dl-normaliser.test.ts, which also compares with canonicalEpc.
 */

import { C, C_SLASH, re, URN_RULES } from './epc-urn-rules.js';

const KEYS =
  '01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai';
const ANY_DL = re(
  `^https?:(\\/\\/((([^\\/?#]*)@)?([^\\/?#:]*)(:([^\\/?#]*))?))?((([^?#]*)(\\/(${KEYS})\\/)(\\d{4}[^\\/]+)(\\/[^/]+\\/[^/]+)?[/]?(\\?([^?\\n]*))?(#([^\\n]*))?)|(\\/[A-Za-z_-]{10}$))`,
);
const CANONICAL_HOST = re(
  `^(?:https:\\/\\/id.gs1.org\\/(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)\\/(\\d{4}[^\\/]+)(\\/[^\\/]+\\/[^\\/]+)?[\\/]?(\\?([^?\\n]*))?(#([^\\n]*))?|(\\/[A-Za-z_-]{10}$))`,
);
const SHORT_NAMES: [string, string][] = [
  ['gtin', '01'],
  ['itip', '8006'],
  ['cpid', '8010'],
  ['gln', '414'],
  ['party', '417'],
  ['gsrnp', '8017'],
  ['gsrn', '8018'],
  ['gcn', '255'],
  ['sscc', '00'],
  ['gdti', '253'],
  ['ginc', '401'],
  ['gsin', '402'],
  ['grai', '8003'],
  ['giai', '8004'],
  ['cpv', '22'],
  ['lot', '10'],
  ['ser', '21'],
];
const REHOST = [
  '00',
  '01',
  '253',
  '255',
  '401',
  '402',
  '414',
  '417',
  '8003',
  '8004',
  '8006',
  '8010',
  '8017',
  '8018',
];
const H = 'https:\\/\\/id.gs1.org\\/';
const CPV_ONLY = [
  re(`^${H}8006\\/\\d{18}\\/22\\/(${C}{0,20})$`),
  re(`^${H}01\\/\\d{14}\\/22\\/(${C}{0,20})$`),
];
const CPV_MORE = [
  re(`^${H}8006\\/\\d{18}\\/22\\/(${C_SLASH}{0,20})$`),
  re(`^${H}01\\/\\d{14}\\/22\\/(${C_SLASH}{0,20})$`),
];
const LOT_AND_SERIAL = [
  re(`^${H}8006\\/\\d{18}\\/10\\/(${C}{0,20})\\/21\\/(${C}{0,20})$`),
  re(`^${H}01\\/(\\d{14})\\/10\\/(${C}{0,20})\\/21\\/(${C}{0,20})$`),
];
const VALID = [
  '00\\/(\\d{18})',
  `01\\/(\\d{14})\\/21\\/(${C}{0,20})`,
  `01\\/(\\d{14})\\/10\\/(${C}{0,20})`,
  '01\\/(\\d{14})',
  `01\\/(\\d{14})\\/235\\/(${C}{0,28})`,
  `253\\/(\\d{13})(${C}{0,17})`,
  '255\\/(\\d{13})(\\d{0,12})',
  `401\\/(${C}{0,30})`,
  '402\\/(\\d{17})',
  '414\\/(\\d{13})',
  `414\\/(\\d{13})\\/254\\/(${C}{0,20})`,
  '417\\/(\\d{13})',
  `8003\\/(\\d{14})(${C}{0,16})`,
  `8004\\/(${C}{0,30})`,
  `8006\\/(\\d{18})\\/21\\/(${C}{0,20})`,
  `8006\\/(\\d{18})\\/10\\/(${C}{0,20})`,
  '8006\\/(\\d{18})',
  '8010\\/([\\x23\\x2D\\x2F\\x30-\\x39\\x41-\\x5A]{0,30})\\/8011/(\\d{0,12})',
  '8010\\/([\\x23\\x2D\\x2F\\x30-\\x39\\x41-\\x5A]{0,30})',
  '8017\\/(\\d{18})',
  '8018\\/(\\d{18})',
].map((tail) => re(`^${H}${tail}$`));

const GTIN_14 = re(`^${H}01\\/\\d{14}`);
const GTIN_13 = re(`^${H}01\\/\\d{13}`);
const GTIN_12 = re(`^${H}01\\/\\d{12}`);
const GTIN_8 = re(`^${H}01\\/\\d{8}`);
/** Whether any `/shortname/` of SHORT_NAMES occurs (if none does, their replacements change nothing). */
const SHORT_NAME = new RegExp(`\\/(?:${SHORT_NAMES.map(([name]) => name).join('|')})\\/`);

/** Python's s[start:] for a start that may be -1 + offset (str.find's "not found"). */
const fromIndex = (s: string, start: number): string =>
  start < 0 ? s.slice(s.length + start) : s.slice(start);

function constrainDigitalLink(input: string): string | undefined {
  let uri = input;
  if (!ANY_DL.test(uri)) return undefined;
  if (uri.includes('?')) uri = uri.slice(0, uri.indexOf('?'));
  if (SHORT_NAME.test(uri))
    for (const [name, ai] of SHORT_NAMES) uri = uri.replaceAll(`/${name}/`, `/${ai}/`);
  if (!CANONICAL_HOST.test(uri)) {
    const ai = REHOST.find((k) => uri.includes(`/${k}/`));
    if (ai) uri = `https://id.gs1.org${uri.slice(uri.indexOf(`/${ai}/`))}`;
  }
  if (!GTIN_14.test(uri)) {
    if (GTIN_13.test(uri)) uri = uri.replaceAll('/01/', '/01/0');
    else if (GTIN_12.test(uri)) uri = uri.replaceAll('/01/', '/01/00');
    else if (GTIN_8.test(uri)) uri = uri.replaceAll('/01/', '/01/000000');
  }
  const x = fromIndex(uri, uri.indexOf('/22/') + 4);
  if (CPV_ONLY.some((r) => r.test(uri))) uri = uri.slice(0, uri.indexOf('/22/'));
  if (CPV_MORE.some((r) => r.test(uri)))
    uri = uri.slice(0, uri.indexOf('/22/')) + fromIndex(x, x.indexOf('/'));
  if (LOT_AND_SERIAL.some((r) => r.test(uri))) {
    const y = uri.slice(uri.indexOf('/10/') + 4);
    uri = uri.slice(0, uri.indexOf('/10/')) + fromIndex(y, y.indexOf('/'));
  }
  return VALID.some((r) => r.test(uri)) ? uri : undefined;
}

/**
 * The URN rules by their literal prefix `urn:epc:<kind>:<scheme>:`. The prefixes are distinct, so at
 * most one rule can match a given URN: looking it up gives what trying every rule in order gives.
 */
const RULE_BY_PREFIX = new Map(
  URN_RULES.map((rule) => {
    const prefix = /^\^(urn:epc:[a-z]+:[a-z]+:)/.exec(rule[0].source)?.[1];
    if (prefix === undefined) throw new Error(`URN rule without a literal prefix: ${rule[0].source}`);
    return [prefix, rule] as const;
  }),
);
if (RULE_BY_PREFIX.size !== URN_RULES.length) throw new Error('URN rules with the same prefix');

/** `urn:epc:<kind>:<scheme>:` of a URN (up to its fourth colon), or '' */
function urnPrefix(uri: string): string {
  if (!uri.startsWith('urn:epc:')) return '';
  const kind = uri.indexOf(':', 8);
  const scheme = kind < 0 ? -1 : uri.indexOf(':', kind + 1);
  return scheme < 0 ? '' : uri.slice(0, scheme + 1);
}

/**
 * The reference's normalised GS1 Digital Link for an EPC URN, EPC class/pattern URN or Digital Link URI,
 * or undefined when the value is none of these (the caller then hashes the value unchanged).
 */
export function referenceDigitalLink(uri: string): string | undefined {
  const p = uri.indexOf('.');
  if (p < 0) return undefined;
  const rule = RULE_BY_PREFIX.get(urnPrefix(uri));
  if (rule?.[0].test(uri)) return rule[1](uri, p);
  return constrainDigitalLink(uri);
}
