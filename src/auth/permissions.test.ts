import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { packageRoot } from '../db/root.js';
import { permissionsMarkdown, routeTable } from './routes-table.js';

describe('permissions table', () => {
  const ctx = useApp('pglite');

  it('docs/permissions.md lists every route with the access it declares (npm run docs:permissions)', () => {
    const file = readFileSync(join(packageRoot(), 'docs', 'permissions.md'), 'utf8');
    expect(file).toBe(permissionsMarkdown(routeTable(ctx.app)));
  });

  it('has no route without a declared access', () => {
    for (const route of routeTable(ctx.app)) expect(route.access).toBeTruthy();
  });
});
