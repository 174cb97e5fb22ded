import { randomInt } from 'node:crypto';
import { withCheckDigit } from '../identifiers/gs1/keys.js';
import { issueSuyuanCode, SUYUAN_KINDS, type SuyuanKind } from '../identifiers/suyuan-code.js';
import type { FieldValue, RecordInput, Template, TemplateCte } from './model.js';

/** The example record of a CTE, from the `example` of each field (every built-in field has one). */
export function exampleFields(cte: TemplateCte): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  for (const f of cte.fields) if (f.example !== undefined) fields[f.name] = f.example as FieldValue;
  return fields;
}

export function exampleRecord(template: Template, cteId: string): RecordInput {
  const cte = template.ctes.find((c) => c.id === cteId);
  if (!cte) throw new Error(`no CTE ${cteId} in ${template.id}`);
  return { template: template.id, cte: cte.id, fields: exampleFields(cte) };
}

/** A fixed "now" after every example date of the built-in templates. */
export const exampleNow = new Date('2026-11-24T04:00:00Z');

const digits = (n: number) => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** A new code of the same kind as an example code (so examples can be stored again and again). */
export function freshCode(example: string): string {
  const suyuan = /^([A-Z]{2}\d{0,4})([BSCA])/.exec(example);
  if (suyuan && /^[0-9A-Z]{12,24}$/.test(example)) {
    const kind = (Object.entries(SUYUAN_KINDS).find(([, k]) => k === suyuan[2]) as [SuyuanKind, string])[0];
    return issueSuyuanCode({ prefix: suyuan[1] as string, kind });
  }
  if (/^\d{18}$/.test(example)) return withCheckDigit(`0690123${digits(10)}`);
  if (/^\d{20}$/.test(example)) return `${example.slice(0, 7)}${digits(13)}`;
  return `${example}-${digits(6)}`;
}

/**
 * The example records of a template's CTEs in the given order (default: as listed), with every
 * code replaced by a fresh one, the same example code by the same new code across CTEs.
 */
export function exampleChain(template: Template, order?: string[]): RecordInput[] {
  const renamed = new Map<string, string>();
  const rename = (v: string) => {
    if (!renamed.has(v)) renamed.set(v, freshCode(v));
    return renamed.get(v) as string;
  };
  const ids = order ?? template.ctes.map((c) => c.id);
  return ids.map((id) => {
    const record = exampleRecord(template, id);
    const cte = template.ctes.find((c) => c.id === id) as TemplateCte;
    for (const f of cte.fields) {
      const v = record.fields[f.name];
      if (f.type !== 'code' || v === undefined || v === null) continue;
      record.fields[f.name] = Array.isArray(v) ? v.map(rename) : rename(String(v));
    }
    return record;
  });
}

/** The order a template's examples are stored in, when it is not the order of its CTEs. */
export const chainOrder: Record<string, string[]> = {
  'fsma-204': ['receiving', 'shipping'],
};

/** The enterprise the example chains are captured by: the gas cylinders' registered filling unit. */
export const exampleEnterprise = '91460100MA5T0051XQ';
