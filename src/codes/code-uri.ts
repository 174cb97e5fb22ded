import { canonicalEpc } from '../identifiers/epc.js';
import { parseSuyuanCode } from '../identifiers/suyuan-code.js';

/**
 * The canonical identifier of a suyuan code inside EPCIS events. Labels carry the resolver URL
 * (https://<node>/t/CODE) and scanners record whatever they read, so every such URL on any host maps
 * to one URN: urn:suyuan:code:CODE.
 */
export const suyuanUrnPrefix = 'urn:suyuan:code:';

export function suyuanUri(code: string): string {
  return suyuanUrnPrefix + code;
}

/** The suyuan code inside a resolver URL or a urn:suyuan:code: URN, if it is one. */
export function suyuanCodeOf(value: string): string | undefined {
  if (value.startsWith(suyuanUrnPrefix)) return value.slice(suyuanUrnPrefix.length);
  const m = /^https?:\/\/[^/?#]+(?:\/[^?#]*)?\/t\/([0-9A-Z]{8,24})(?:[?#].*)?$/.exec(value);
  if (!m) return undefined;
  return parseSuyuanCode(m[1] as string).ok ? m[1] : undefined;
}

/** Canonical identifier of anything a code can be written as in an event or a scan. */
export function canonicalCodeUri(value: string): ReturnType<typeof canonicalEpc> {
  const code = suyuanCodeOf(value);
  if (code) return { ok: true, value: suyuanUri(code) };
  return canonicalEpc(value);
}
