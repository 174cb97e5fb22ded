import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { stableJson } from '../epcis/capture/store.js';
import { builtinTemplates } from './loader.js';
import type { Template } from './model.js';

// Template versions never change once stored, so a version read once is kept for the process.
const versions = new Map<string, Template>();

/** A template version this process has read already (no database access). */
export function cachedTemplate(id: string, version: number): Template | undefined {
  return versions.get(`${id}@${version}`);
}

function builtin(id: string, version?: number): Template | undefined {
  const all = builtinTemplates().filter((t) => t.id === id);
  if (version !== undefined) return all.find((t) => t.version === version);
  return all.sort((a, b) => b.version - a.version)[0];
}

/**
 * A template version from the database; the built-in files answer when the database does not
 * have it (a scratch database the templates were not loaded into).
 */
export async function findTemplate(
  db: Kysely<DB>,
  id: string,
  version?: number,
): Promise<Template | undefined> {
  if (version !== undefined) {
    const hit = versions.get(`${id}@${version}`);
    if (hit) return hit;
  }
  let query = db.selectFrom('templates').select(['body']).where('id', '=', id);
  query =
    version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  const found = (row?.body as Template | undefined) ?? builtin(id, version);
  if (found && (version !== undefined || row)) versions.set(`${found.id}@${found.version}`, found);
  return found;
}

export interface TemplateSummary {
  id: string;
  version: number;
  category: string;
  label: Template['label'];
  builtin: boolean;
  createdAt: string;
  ctes: { id: string; label: Template['label']; bizStep: string }[];
}

/** The latest version of every template, optionally of one category. */
export async function listTemplates(db: Kysely<DB>, category?: string): Promise<TemplateSummary[]> {
  let query = db
    .selectFrom('templates')
    .distinctOn('id')
    .select(['id', 'version', 'category', 'body', 'builtin', 'created_at'])
    .orderBy('id')
    .orderBy('version', 'desc');
  if (category) query = query.where('category', '=', category);
  const rows = await query.execute();
  return rows.map((r) => {
    const t = r.body as Template;
    return {
      id: r.id,
      version: r.version,
      category: r.category,
      label: t.label,
      builtin: r.builtin,
      createdAt: new Date(r.created_at).toISOString(),
      ctes: t.ctes.map((c) => ({ id: c.id, label: c.label, bizStep: c.bizStep })),
    };
  });
}

export async function templateVersions(db: Kysely<DB>, id: string): Promise<number[]> {
  const rows = await db
    .selectFrom('templates')
    .select('version')
    .where('id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => r.version);
}

/** Stores a new template version (checked by the caller); false when that version exists. */
export async function insertTemplate(
  db: Kysely<DB>,
  template: Template,
  createdBy: string,
  isBuiltin = false,
): Promise<boolean> {
  const rows = await db
    .insertInto('templates')
    .values({
      id: template.id,
      version: template.version,
      category: template.category,
      body: JSON.stringify(template),
      builtin: isBuiltin,
      created_by: createdBy,
    })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .returning('id')
    .execute();
  if (rows.length > 0) versions.set(`${template.id}@${template.version}`, template);
  return rows.length > 0;
}

/**
 * Inserts the built-in template versions the database does not have yet. Returns the versions
 * added and those whose stored body differs from the file (a built-in changed without a new
 * version: the stored one stays, since versions are immutable).
 */
export async function syncBuiltinTemplates(db: Kysely<DB>): Promise<{ added: string[]; changed: string[] }> {
  const templates = builtinTemplates();
  const { rows } = await sql<{ id: string; version: number; body: unknown }>`
    SELECT id, version, body FROM templates WHERE builtin`.execute(db);
  const stored = new Map(rows.map((r) => [`${r.id}@${r.version}`, r.body]));
  const added: string[] = [];
  const changed: string[] = [];
  for (const t of templates) {
    const key = `${t.id}@${t.version}`;
    const before = stored.get(key);
    if (before === undefined) {
      if (await insertTemplate(db, t, 'system', true)) added.push(key);
    } else if (stableJson(before) !== stableJson(t)) changed.push(key);
  }
  return { added, changed };
}
