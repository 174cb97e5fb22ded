import type { Summary } from '../resolver/service.js';

/** What the server embeds in a trace page so the app needs no round trip for its first render. */
export interface EmbeddedState {
  path: string;
  summary?: Summary;
  notFound?: string;
  /** The code is malformed (a 400 from the resolver): why. */
  invalid?: string;
}

/** JSON that is safe inside a <script> element (no </script>, no HTML comment openers). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The <body> of a plain server-rendered page: the content shown before the app's script runs. */
export function bodyOf(html: string): string {
  const match = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html);
  return match?.[1] ?? '';
}

/**
 * The app's index.html with the state embedded and the plain page's content in #root, so the
 * first response already shows the summary (and works without JavaScript).
 */
export function renderAppPage(index: string, state: EmbeddedState, plainHtml: string): string {
  const script = `<script id="suyuan-state" type="application/json">${scriptJson(state)}</script>`;
  const title = /<title>[^<]*<\/title>/i.exec(plainHtml)?.[0];
  // Replacement functions, not strings: a `$&` in a product name must stay literal.
  let html = index
    .replace('<!--suyuan-state-->', () => script)
    .replace('<!--suyuan-app-->', () => bodyOf(plainHtml));
  if (title) html = html.replace(/<title>[^<]*<\/title>/, () => title);
  return html;
}
