import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/** The plain home page: also the first paint of the web app's home (src/web/routes.ts). */
export const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>溯源 suyuan — 重要产品追溯平台</title>
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:640px;padding:16px}
input{width:70%;padding:10px;font-size:16px}button{padding:10px 16px;font-size:16px}</style></head>
<body><h1>重要产品追溯平台</h1>
<p>输入或粘贴追溯码、商品条码链接（GS1 数字链接）或元素串，查询产品来源与去向。</p>
<form action="/search" method="get"><input name="q" required maxlength="512" placeholder="追溯码 / GS1 数字链接 / (01)…(21)…">
<button type="submit">查询</button></form>
<h2>接口</h2><ul><li><a href="/docs">API 参考 (OpenAPI)</a></li><li><a href="/openapi.json">openapi.json</a></li>
<li>GS1 EPCIS 2.0: <code>/epcis</code></li></ul></body></html>`;

/** The home page until the web app exists, and the search box's redirect to the resolver. */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  // The web app (src/web/routes.ts) serves / when it is built.
  if (!app.hasRoute({ method: 'GET', url: '/' }))
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(page),
    );
  app.get(
    '/search',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Resolver'],
        summary: 'Search box: redirects to the resolver for any code',
        querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 512 }) }),
      },
    },
    async (request, reply) => {
      const q = (request.query as { q: string }).q.trim();
      const dl =
        /^https?:\/\/[^/]+(\/(?:01|00|414|417|8003|8004|8006|8010|8017|8018|253|255|401|402)\/.*)$/.exec(q);
      const element = /^\(01\)(\d{14})(?:\(10\)([^()]+))?(?:\(21\)([^()]+))?$/.exec(q);
      let target = `/t/${encodeURIComponent(q)}`;
      if (dl) target = dl[1] as string;
      else if (element) {
        target = `/01/${element[1]}${element[2] ? `/10/${encodeURIComponent(element[2])}` : ''}${element[3] ? `/21/${encodeURIComponent(element[3])}` : ''}`;
      }
      return reply.redirect(target, 302);
    },
  );
}
