import { CHARSET_PATTERNS } from './ai.js';

// GB/T 33993 and GB/T 40204 (商品二维码 / 追溯二维码) restrict batch (AI 10) and serial (AI 21) values beyond
// GS1: at most 20 characters and none of the characters that break URIs and XML.
const FORBIDDEN = /[%&/<>?]/g;

/** The reasons `value` may not be a lot (AI 10) or serial (AI 21) under GB/T 33993 / 40204; empty when it may. */
export function lotSerialErrors(value: string, what: 'lot' | 'serial' = 'lot'): string[] {
  const errors: string[] = [];
  if (value === '') return [`the ${what} is empty`];
  if (value.length > 20) errors.push(`the ${what} should have at most 20 characters, not ${value.length}`);
  const forbidden = [...new Set(value.match(FORBIDDEN) ?? [])];
  if (forbidden.length > 0) errors.push(`the ${what} may not contain ${forbidden.join(' ')}`);
  if (!CHARSET_PATTERNS.X.test(value)) {
    errors.push(`the ${what} may only contain letters, digits and GS1 punctuation (no spaces or Chinese)`);
  }
  return errors;
}
