import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { DomainError } from '../http/errors.js';
import type { Template } from './model.js';
import { findTemplate, insertTemplate, templateVersions } from './repository.js';
import { validateTemplate, withDefaults } from './schema.js';

/** A template version with the list of its versions. */
export async function readTemplate(
  db: Kysely<DB>,
  id: string,
  version?: number,
): Promise<(Template & { versions: number[] }) | undefined> {
  const template = await findTemplate(db, id, version);
  if (!template) return undefined;
  const versions = await templateVersions(db, id);
  return { ...template, versions: versions.length > 0 ? versions : [template.version] };
}

/**
 * Adds a template or a new version: checked like the built-in files; without `version` it becomes
 * the next one; an existing version is never replaced.
 */
export async function createTemplate(db: Kysely<DB>, body: unknown, createdBy: string): Promise<Template> {
  const given = withDefaults(body) as Record<string, unknown>;
  const versions = typeof given?.id === 'string' ? await templateVersions(db, given.id) : [];
  const builtin = typeof given?.id === 'string' ? await findTemplate(db, given.id) : undefined;
  const latest = Math.max(0, ...versions, builtin?.version ?? 0);
  const candidate =
    given && typeof given === 'object' && given.version === undefined
      ? { ...given, version: latest + 1 }
      : given;
  const issues = validateTemplate(candidate);
  if (issues.length > 0)
    throw new DomainError('VALIDATION_FAILED', `The template has ${issues.length} error(s)`, issues);
  const template = candidate as unknown as Template;
  if (template.version <= latest) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `Template ${template.id} already has version ${latest}; versions are immutable`,
      [{ pointer: '/version', message: `use ${latest + 1} (or leave version out)` }],
    );
  }
  if (builtin && builtin.category !== template.category) {
    throw new DomainError('VALIDATION_FAILED', 'A new version keeps the category of the template', [
      { pointer: '/category', message: `${template.id} is a ${builtin.category} template` },
    ]);
  }
  if (!(await insertTemplate(db, template, createdBy))) {
    throw new DomainError('VALIDATION_FAILED', `Template ${template.id} version ${template.version} exists`, [
      { pointer: '/version', message: 'already exists' },
    ]);
  }
  return template;
}
