import { existsSync, readFileSync } from 'node:fs';

/** The package root: the nearest folder up from this file with suyuan's package.json (src/web or dist/src/web). */
function packageRoot(): URL {
  let dir = new URL('./', import.meta.url);
  for (let i = 0; i < 6; i++) {
    const file = new URL('package.json', dir);
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'suyuan')
      return dir;
    dir = new URL('../', dir);
  }
  throw new Error('cannot find the suyuan package root');
}

const root = packageRoot();

/** Where the web app's sources live and where `vite build` writes it (dist/web). */
export const webRoot = {
  package: root,
  source: new URL('web/', root),
  output: new URL('dist/web/', root),
};
