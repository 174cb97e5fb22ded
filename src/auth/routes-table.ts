import type { FastifyInstance } from 'fastify';
import type { Access } from './principal.js';

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const tables = new WeakMap<FastifyInstance, RouteAccess[]>();

/** Collects every route with the access it declared (the permissions table of docs/permissions.md). */
export function recordRoute(
  app: FastifyInstance,
  method: string | string[],
  url: string,
  access: Access,
): void {
  const list = tables.get(app) ?? [];
  tables.set(app, list);
  for (const m of Array.isArray(method) ? method : [method]) {
    if (m === 'HEAD') continue;
    list.push({ method: m, url, access });
  }
}

export function routeTable(app: FastifyInstance): RouteAccess[] {
  return [...(tables.get(app) ?? [])].sort((a, b) =>
    a.url === b.url ? a.method.localeCompare(b.method) : a.url.localeCompare(b.url),
  );
}

const meaning: Record<Access, string> = {
  public: 'anyone, without logging in',
  user: 'any logged-in person or API key',
  capture: 'enterprise users and API keys with the capture scope',
  query: 'logged-in people and API keys with the query scope',
  admin: 'platform administrators and admin keys',
  'enterprise-admin': "an enterprise's administrator",
};

/** docs/permissions.md, generated from the routes (a test keeps the file equal to this). */
export function permissionsMarkdown(routes: RouteAccess[]): string {
  const lines = [
    '# Permissions',
    '',
    'Generated from the route declarations by `npm run docs:permissions`; a test fails when this file',
    'and the code disagree. Platform administrators may call every route.',
    '',
    '| access | who |',
    '|---|---|',
    ...Object.entries(meaning).map(([a, who]) => `| \`${a}\` | ${who} |`),
    '',
    '| method | path | access |',
    '|---|---|---|',
    ...routes.map((r) => `| ${r.method} | \`${r.url}\` | ${r.access} |`),
    '',
  ];
  return lines.join('\n');
}
