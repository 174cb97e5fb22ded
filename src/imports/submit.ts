import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import { getTemplate } from '../templates/engine.js';
import { parseTemplateRef } from '../templates/model.js';
import { FileProblem } from './grid.js';
import { csvOutline, type Outline, readOutline } from './outline.js';
import { identifyUpload } from './sheets.js';

export type ImportFormat = 'xlsx' | 'csv';
export type ImportMode = 'rollback' | 'proceed';

export interface NewImport {
  file: Buffer;
  format: ImportFormat;
  fileName?: string;
  /** Template id, or id@version; optional for a suyuan workbook (its marker names it). */
  template?: string;
  /** A CTE id, or `all` (every sheet of the workbook). */
  cte?: string;
  mode: ImportMode;
  /** Store rows equal to ones imported before as new events, keyed on this import (default false). */
  repeat?: boolean;
  /** The enterprise the events belong to; defaults to the principal's. */
  enterprise?: string;
  /** The file's outline when the caller read it already (outlineUpload), outside its transaction. */
  outline?: Outline;
}

/** A problem with the file, as the upload's 400 problem+json. */
function refused(problem: FileProblem): DomainError {
  return new DomainError('VALIDATION_FAILED', problem.message, [
    { pointer: problem.pointer, message: problem.message },
  ]);
}

/**
 * Reads what identifies an upload without reading its rows: the sheets, marker and header rows of a
 * workbook (straight from the zip, whatever its size), or the first rows of a CSV file.
 */
export async function outlineUpload(format: ImportFormat, file: Buffer): Promise<Outline> {
  if (format === 'xlsx' && file.subarray(0, 2).toString('latin1') !== 'PK') {
    throw new DomainError(
      'UNSUPPORTED_MEDIA_TYPE',
      'The file is not an .xlsx workbook (old .xls files must be saved as .xlsx; CSV goes with Content-Type text/csv)',
    );
  }
  try {
    return format === 'csv' ? csvOutline(file) : await readOutline(file);
  } catch (error) {
    if (error instanceof FileProblem) throw refused(error);
    throw error;
  }
}

/** The enterprise an import stores events for: the caller's own, or any for administrators. */
export function importEnterprise(principal: Principal, asked?: string): string | null {
  const wanted = asked?.trim().toUpperCase() || undefined;
  if (!wanted || wanted === principal.enterprise) return principal.enterprise ?? null;
  if (principal.scopes.has('admin')) return wanted;
  throw new DomainError(
    'FORBIDDEN',
    `You act for ${principal.enterprise ?? 'no enterprise'}, not ${wanted}`,
    [{ pointer: 'enterprise', message: 'only administrators import for another enterprise' }],
  );
}

/**
 * Checks what can be checked at once (the file is not empty, the template and CTE exist, a CSV
 * says which template it is, the workbook is one of that template: its marker, sheets and header
 * rows) and stores the upload as a queued import. Reading the rows is the job's work. `db` runs as
 * the caller, so row-level security records the owner.
 */
export async function createImport(db: Kysely<DB>, principal: Principal, input: NewImport): Promise<string> {
  const enterprise = importEnterprise(principal, input.enterprise);
  if (input.file.length === 0)
    throw new DomainError('VALIDATION_FAILED', 'The file is empty', [
      { pointer: 'file', message: 'is empty' },
    ]);
  const ref = input.template ? parseTemplateRef(input.template.trim()) : undefined;
  const cte = input.cte?.trim() || undefined;
  if (input.format === 'csv' && (!ref || !cte || cte === 'all')) {
    throw new DomainError('VALIDATION_FAILED', 'A CSV file needs the template and the CTE it follows', [
      ...(ref ? [] : [{ pointer: 'template', message: 'is required for CSV' }]),
      ...(cte && cte !== 'all'
        ? []
        : [{ pointer: 'cte', message: 'is required for CSV (one CTE id, not all)' }]),
    ]);
  }
  const outline = input.outline ?? (await outlineUpload(input.format, input.file));
  if (ref) {
    const template = await getTemplate(db, ref.id, ref.version);
    if (!template) {
      throw new DomainError('VALIDATION_FAILED', `Unknown template ${input.template}`, [
        { pointer: 'template', message: `no template ${input.template}` },
      ]);
    }
    if (cte && cte !== 'all' && !template.ctes.some((c) => c.id === cte)) {
      throw new DomainError('VALIDATION_FAILED', `Template ${template.id} has no CTE ${cte}`, [
        {
          pointer: 'cte',
          message: `unknown CTE ${cte}; ${template.id} has ${template.ctes.map((c) => `${c.id} (${c.label.zh})`).join(', ')}`,
        },
      ]);
    }
  }
  try {
    await identifyUpload(db, outline, {
      template: ref?.id ?? null,
      templateVersion: ref?.version ?? null,
      cte: cte ?? null,
    });
  } catch (error) {
    if (error instanceof FileProblem) throw refused(error);
    throw error;
  }
  const id = randomUUID();
  await db
    .insertInto('imports')
    .values({
      id,
      enterprise,
      created_by: principal.id,
      template: ref?.id ?? null,
      template_version: ref?.version ?? null,
      cte: cte ?? null,
      format: input.format,
      file_name: input.fileName?.slice(0, 255) ?? null,
      file: input.file,
      file_size: input.file.length,
      mode: input.mode,
      repeat: input.repeat ?? false,
    })
    .execute();
  return id;
}
