import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from './db/root.js';

const root = packageRoot();

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, output: () => output, exited };
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

/** The real entry point, as `npm start` runs it: embedded database in a folder, one owner at a time. */
describe('server process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'suyuan-server-'));
  const port = String(18000 + Math.floor(Math.random() * 1000));

  beforeAll(() => {
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 120_000);

  let first: ReturnType<typeof start> | undefined;
  afterAll(() => {
    first?.child.kill('SIGKILL');
  });

  it('starts on PGlite, refuses a second process on the same folder, and shuts down gracefully', async () => {
    first = start({ PORT: port, SUYUAN_DATA_DIR: dataDir });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200);

    const second = start({ PORT: String(Number(port) + 1), SUYUAN_DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/is in use by process \d+/);

    const cli = spawnSync(process.execPath, ['bin/suyuan.js', 'apikey', 'create', '--name', 'x'], {
      cwd: root,
      env: { ...process.env, SUYUAN_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/in use by process/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/shutting down/);
  }, 120_000);

  it('keeps data across a restart and lets the CLI in when the server is stopped', async () => {
    const cli = spawnSync(
      process.execPath,
      ['bin/suyuan.js', 'apikey', 'create', '--name', 'ci', '--scope', 'capture,query'],
      {
        cwd: root,
        env: { ...process.env, SUYUAN_DATA_DIR: dataDir },
        encoding: 'utf8',
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const key = /key:\s+(sy_\S+)/.exec(cli.stdout)?.[1];
    expect(key).toBeDefined();
    first = start({ PORT: port, SUYUAN_DATA_DIR: dataDir });
    await until(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200);
    const response = await fetch(`http://127.0.0.1:${port}/epcis/events`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 120_000);

  it('files an enterprise, creates its API key and an administrator on the command line', () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['bin/suyuan.js', ...args], {
        cwd: root,
        env: { ...process.env, SUYUAN_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
      });
    const filed = run([
      'enterprise',
      'add',
      '--credit-code',
      '91460100MA5T0CXX1X',
      '--name',
      '海口测试食品厂',
      '--region',
      '460106',
    ]);
    expect(filed.status, filed.stderr).toBe(0);
    expect(filed.stdout).toMatch(/filed 91460100MA5T0CXX1X/);
    const key = run([
      'apikey',
      'create',
      '--name',
      'ci',
      '--enterprise',
      '91460100MA5T0CXX1X',
      '--scope',
      'capture',
    ]);
    expect(key.stdout).toMatch(/enterprise: 91460100MA5T0CXX1X/);
    const admin = run(['admin', 'create', '--username', 'root-admin']);
    expect(admin.status, admin.stderr).toBe(0);
    expect(admin.stdout).toMatch(/password: \S{20,}/);
    const weak = run(['admin', 'create', '--username', 'weak-admin'], { SUYUAN_ADMIN_PASSWORD: 'short' });
    expect(weak.status).toBe(1);
  });

  it('stops with a message naming a wrong variable', async () => {
    const bad = start({ PORT: 'eighty', SUYUAN_DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toMatch(/PORT/);
  });
});
