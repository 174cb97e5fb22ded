import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { page as plainHome } from '../http/home.js';
import { webRoot } from './assets.js';
import { type EmbeddedState, renderAppPage } from './page.js';
import { portalRoutes } from './producer.js';

/** The web app, when built: what the resolver hands its trace pages to (src/resolver/routes.ts). */
export interface WebApp {
  /** The app's HTML with the state embedded and the plain page's content shown before the script runs. */
  page(state: EmbeddedState, plainHtml: string): string;
}

declare module 'fastify' {
  interface FastifyInstance {
    webApp?: WebApp;
  }
}

/**
 * Client-side routes of the app (web/src/App.tsx) that the server answers with index.html. A list,
 * not a catch-all: unknown /api, /epcis, /docs … paths keep their JSON 404s. /t/{code} and Digital
 * Link paths are the resolver's, which embeds the summary through `webApp.page`.
 */
export const appPaths = [
  '/',
  '/alerts',
  '/blacklist',
  '/notices',
  '/complaints',
  '/complaints/new',
  '/complaints/:ticket',
];

/** Paths the resolver answers: /t/{code} and GS1 Digital Link paths (a numeric AI first). */
const tracePath = /^\/(t|\d{2,4})\/./;

/** A browser navigation: asks for HTML first and not ?format=json. */
function wantsHtml(accept: string | undefined, query: unknown): boolean {
  if ((query as { format?: string } | undefined)?.format === 'json') return false;
  return /text\/html/.test(accept ?? '');
}

/** index.html, re-read when a new build replaces it. */
function indexReader(file: string): () => string | undefined {
  let cached: { mtime: number; html: string } | undefined;
  return () => {
    try {
      const mtime = statSync(file).mtimeMs;
      if (cached?.mtime !== mtime) cached = { mtime, html: readFileSync(file, 'utf8') };
      return cached.html;
    } catch {
      return undefined;
    }
  };
}

/**
 * Serves the built web app (dist/web, `npm run build`): hashed assets under /assets/ and index.html
 * for the app's routes. Without a build only the portal API is registered and the plain pages stay.
 */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  // The portal's own API is there whether or not the app is built (the OpenAPI document must not vary).
  await app.register(portalRoutes, { prefix: '/api' });
  const file = fileURLToPath(new URL('index.html', webRoot.output));
  const index = indexReader(file);
  if (index() === undefined) {
    app.log.warn(`the web app is not built (${file} is missing): run npm run build`);
    return;
  }
  app.decorate('webApp', {
    page: (state: EmbeddedState, plainHtml: string) => {
      const html = index();
      return html ? renderAppPage(html, state, plainHtml) : plainHtml;
    },
  });
  // A malformed code opened in a browser (/t/{code}, a Digital Link path) gets the app's page saying
  // why, not the problem+json the resolver answers API clients.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 400 || request.method !== 'GET' || typeof payload !== 'string') return payload;
    const path = request.url.split('?')[0] as string;
    if (!tracePath.test(path) || !wantsHtml(request.headers.accept, request.query)) return payload;
    let detail = '';
    try {
      detail = String((JSON.parse(payload) as { detail?: unknown }).detail ?? '');
    } catch {
      return payload;
    }
    const html = index();
    if (!html) return payload;
    void reply.type('text/html; charset=utf-8');
    return renderAppPage(html, { path, invalid: detail }, '');
  });
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: fileURLToPath(new URL('assets/', webRoot.output)),
      serve: false,
    });
    scope.get(
      '/assets/*',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        const path = (request.params as { '*': string })['*'];
        return reply.sendFile(path, { immutable: true, maxAge: 365 * 24 * 3600 * 1000 });
      },
    );
    for (const path of appPaths) {
      scope.get(path, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
        const html = index() ?? '';
        // The home page's first paint is the plain search form (it works before and without the script).
        const body = path === '/' ? renderAppPage(html, { path }, plainHome) : html;
        return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(body);
      });
    }
  });
}
