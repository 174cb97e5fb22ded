import type { FieldError } from '../../http/errors.js';
import { checkCreditCode, lookupRegion, parseGln } from '../../identifiers/index.js';

// Checks of enterprise master data that need more than a schema. Each returns field errors (which
// refuse the request) and warnings (which are stored and answered, never refused).

export interface Checked {
  errors: FieldError[];
  warnings: FieldError[];
}

/**
 * A 统一社会信用代码: structurally invalid is refused; a failed check character is accepted with a
 * warning, because genuine early codes from pilot regions fail it (e.g. 91350100M0001TGQXM).
 */
export function checkEnterpriseCode(raw: string, out: Checked): { code: string; checkFailed: boolean } {
  const result = checkCreditCode(raw);
  const code = raw.trim().toUpperCase();
  if (!result.valid && result.expected === undefined) {
    out.errors.push({ pointer: '/creditCode', message: result.errors.join('; ') });
    return { code, checkFailed: false };
  }
  if (result.expected !== undefined) {
    out.warnings.push({
      pointer: '/creditCode',
      message: `the check character should be ${result.expected}; accepted because some genuine early codes fail the GB 32100 check`,
    });
  }
  for (const message of result.warnings) out.warnings.push({ pointer: '/creditCode', message });
  return { code, checkFailed: result.expected !== undefined };
}

/** A region must exist in GB/T 2260; a county-level code is expected (cities without counties warn). */
export function checkRegion(code: string, pointer: string, out: Checked): void {
  const result = lookupRegion(code);
  if (!result.valid || !result.region) {
    out.errors.push({ pointer, message: result.errors.join('; ') || `region ${code} does not exist` });
    return;
  }
  if (result.region.level === 'province') {
    out.errors.push({ pointer, message: `${code} is a province (${result.region.name}); give the county` });
  } else if (result.region.level === 'city') {
    out.warnings.push({
      pointer,
      message: `${code} (${result.region.name}) is a prefecture-level code; give the county where there is one`,
    });
  }
}

export function checkGln(value: string | null | undefined, pointer: string, out: Checked): string | null {
  if (value === undefined || value === null) return null;
  const parsed = parseGln(value);
  if (!parsed.ok) {
    out.errors.push({ pointer, message: parsed.error });
    return null;
  }
  return parsed.value;
}

// A rough box around China: coordinates outside it are most likely swapped or mistyped.
export function checkCoordinates(
  value: { lat: number; lng: number } | null | undefined,
  pointer: string,
  out: Checked,
): void {
  if (!value) return;
  if (value.lat < 3.5 || value.lat > 54 || value.lng < 73 || value.lng > 136) {
    out.warnings.push({ pointer, message: 'lies outside China; are latitude and longitude swapped?' });
  }
}

export function regionName(code: string): string[] {
  return lookupRegion(code).region?.chain ?? [];
}
