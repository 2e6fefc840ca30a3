import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
/**
 * ts-node compiles the whole app before it prints anything: seconds alone, much longer on a
 * loaded machine. Only a broken start should ever reach this.
 */
const STARTUP_MS = 150_000;

/** Runs src/main.ts as a real process with exactly this environment (nothing inherited but PATH). */
function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += String(d)));
  child.stderr.on('data', (d: Buffer) => (out += String(d)));
  // 'close', not 'exit': it comes after the last of the output has been read.
  let closed = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      closed = true;
      resolve(code);
    }),
  );
  /** Resolves once the output matches; fails when the process ends first (or, for a broken test, after `ms`). */
  const waitFor = (re: RegExp, ms = STARTUP_MS): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const m = out.match(re);
        if (m) finish(() => resolve(m));
        else if (closed) finish(() => reject(new Error(`exited ${child.exitCode} before ${re} appeared:\n${out}`)));
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${re} in output after ${ms} ms:\n${out}`))), ms);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        child.stdout.off('data', check);
        child.stderr.off('data', check);
        child.off('close', check);
        settle();
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('close', check);
      check();
    });
  return { child, exited, waitFor, output: () => out };
}

describe('the bot process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'occupancy-main-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with nothing configured, says where to open the console, and stops cleanly on SIGTERM', async () => {
    const p = run({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}` });
    try {
      const [, port] = await p.waitFor(/occupancy-bot ready: local mode, console http:\/\/localhost:(\d+)\//);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local', innerspace: 'simulator' });
      expect(p.output()).toMatch(/InnerSpace simulator http:\/\/127\.0\.0\.1:\d+\/v2\/api/);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(p.output()).toContain('"msg":"stopped"');
    } finally {
      p.child.kill('SIGKILL');
    }
  }, STARTUP_MS + 30_000);

  it('exits at once with every configuration problem named and no secret shown', async () => {
    const p = run({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxb-canary-token', INNERSPACE_CLIENT_ID: 'id' });
    expect(await p.exited).toBe(2);
    const out = p.output();
    expect(out).toContain('SLACK_SIGNING_SECRET is required');
    expect(out).toContain('PORT must be a whole number');
    expect(out).toContain('INNERSPACE_CLIENT_SECRET');
    expect(out).not.toContain('canary');
  }, STARTUP_MS + 30_000);
});
