// Builds the web app into dist/web when its sources changed (npm run build, prepare, start), then
// checks the scan page's JavaScript budget: everything a phone loads for /t/{code} before the lazy
// chunks (route chart, camera scanner) must stay under 200 KB gzip.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budgetBytes = 200 * 1024;
const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const out = join(root, 'dist/web');
const stampFile = join(out, '.build-hash');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A hash of everything the build reads of ours: sources, config, and the lock file (dependency versions). */
function inputsHash() {
  const hash = createHash('sha256');
  const inputs = [
    ...files(join(here, 'src')),
    join(here, 'index.html'),
    join(here, 'vite.config.ts'),
    join(here, 'build.mjs'),
  ];
  const lock = join(root, 'package-lock.json');
  if (existsSync(lock)) inputs.push(lock);
  for (const file of inputs.sort()) hash.update(relative(root, file)).update('\0').update(readFileSync(file));
  return hash.digest('hex');
}

/** JavaScript a page loads up front: the entry, the page's chunk, and their static imports. */
export function scanPageBudget(outDir = out) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) return;
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit('index.html');
  visit('src/pages/Trace.tsx');
  const chunks = [...seen].map((key) => manifest[key].file).filter((f) => f.endsWith('.js'));
  const gzip = chunks.reduce(
    (sum, f) => sum + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length,
    0,
  );
  return { chunks, gzip, budget: budgetBytes };
}

/** One build at a time: test files run in parallel and would otherwise empty dist/web under each other. */
async function locked(fn) {
  const lock = join(root, 'dist/.web-build.lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000 || Date.now() - statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 300_000) {
        rmSync(lock, { recursive: true, force: true });
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function buildWeb(options = {}) {
  return locked(() => build(options));
}

async function build({ force = false } = {}) {
  const hash = inputsHash();
  const fresh =
    existsSync(join(out, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash;
  if (fresh && !force) {
    console.log('web app: dist/web is up to date');
  } else {
    const started = Date.now();
    const vite = await import('vite');
    // A production build even inside vitest (NODE_ENV=test would give React's development runtime).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await vite.build({ configFile: join(here, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    writeFileSync(stampFile, hash);
    console.log(`web app: built dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const budget = scanPageBudget();
  console.log(
    `web app: scan page JavaScript ${(budget.gzip / 1024).toFixed(1)} KB gzip (budget ${budget.budget / 1024} KB) in ${budget.chunks.length} chunks`,
  );
  if (budget.gzip > budget.budget) throw new Error('web app: the scan page is over its JavaScript budget');
  return budget;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWeb({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
