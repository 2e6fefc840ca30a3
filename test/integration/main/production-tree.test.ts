/**
 * The production image's tree, built the way the Dockerfile builds it and started as it runs:
 * the runtime stage's COPY lines are read from the Dockerfile (the context's files, the deps
 * stage's `npm ci --omit=dev`, the build stage's compiled dist/), so the two describe the same
 * files. Without dist/dev the bot runs HTTP and Socket Mode and loads nothing of dev/ (it is
 * not there); with it, local mode starts from production dependencies alone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';
import { PATIENCE_MS } from '../../support/patience';
import { runBotToExit, simulatorEnv, spawnBot, STARTUP_MS, type BotProcess } from '../../support/bot-process';
import { testDatabase, type TestDatabase } from '../../support/postgres';

const ROOT = join(__dirname, '../../..');
/** One start, a few requests and a stop, on a loaded machine. */
const BOT_TEST_MS = STARTUP_MS + 60_000;
const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

interface Copy {
  readonly from: string | null;
  readonly sources: readonly string[];
  readonly dest: string;
}

/** The COPY lines and the RUN lines of each stage, by stage name, and the runtime stage's ENV. */
function readDockerfile(): { runtime: Copy[]; runs: Map<string, string[]>; env: Record<string, string> } {
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const raw of readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n')) {
    const line = raw.trim();
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      current = [];
      stages.set(from[1] ?? `stage${stages.size}`, current);
    } else if (line && !line.startsWith('#')) {
      current.push(line);
    }
  }
  const runtime = [...stages.values()].at(-1) ?? [];
  const copies = runtime
    .filter((l) => /^COPY\s/i.test(l))
    .map((l): Copy => {
      if (l.includes('[')) throw new Error(`the test reads plain COPY lines only: ${l}`);
      const words = l.split(/\s+/).slice(1);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length) ?? null;
      return { from, sources: paths.slice(0, -1), dest: paths.at(-1)! };
    });
  const runs = new Map([...stages].map(([name, lines]) => [name, lines.filter((l) => /^RUN\s/i.test(l)).map((l) => l.slice(4).trim())]));
  const env: Record<string, string> = {};
  for (const l of runtime.filter((line) => /^ENV\s/i.test(line))) {
    for (const [, k, v] of l.slice(4).matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[k!] = v!;
  }
  return { runtime: copies, runs, env };
}

function run(cmd: string, args: string[], cwd: string): void {
  try {
    execFileSync(cmd, args, { cwd, stdio: 'pipe', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${String(e.stdout ?? '')}${String(e.stderr ?? '')}${e.message}`);
  }
}

/**
 * The runtime stage's files in `tree`: context files copied as they are, the deps stage's
 * node_modules installed for real with its own `npm ci` line, the build stage's dist/ compiled
 * by the project's build script, its other paths (copied into the build stage from the
 * context) taken from the repository.
 */
function buildTree(tree: string): void {
  const { runtime, runs } = readDockerfile();
  expect(runtime.length).toBeGreaterThan(0);
  for (const copy of runtime) {
    const dest = join(tree, copy.dest);
    for (const source of copy.sources) {
      if (copy.from === 'deps') {
        expect(source).toBe('/app/node_modules');
        const ci = (runs.get('deps') ?? []).find((r) => r.startsWith('npm ci'));
        expect(ci).toContain('--omit=dev');
        const [, ...args] = ci!.split(/\s+/);
        run('npm', [...args, '--prefer-offline'], tree);
      } else if (copy.from === 'build' && source === '/app/dist') {
        run('npm', ['run', 'build', '--', '--outDir', join(tree, 'dist')], ROOT);
      } else {
        const inRepo = copy.from === null ? source : source.replace(/^\/app\//, '');
        const target = copy.dest.endsWith('/') ? join(dest, inRepo.split('/').at(-1)!) : dest;
        mkdirSync(dirname(target), { recursive: true });
        cpSync(join(ROOT, inRepo), target, { recursive: true });
      }
    }
  }
}

/**
 * `node dist/src/main.js` (the Dockerfile's CMD) with the image's ENV and `env` on top; PORT and
 * DATABASE_URL are moved to a free port and a file in the tree.
 */
async function startBot(tree: string, env: Record<string, string>, ready: RegExp): Promise<BotProcess> {
  const cmd = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').match(/^CMD\s+(\[.*\])\s*$/m);
  const argv = JSON.parse(cmd![1]!) as string[];
  expect(argv[0]).toBe('node');
  return spawnBot({
    cwd: tree,
    argv: argv.slice(1),
    env: { ...readDockerfile().env, PORT: '0', DATABASE_URL: `sqlite:${join(tree, 'data', 'bot.db')}`, ...env },
    ready,
  });
}

describe('the production tree (Dockerfile: npm ci --omit=dev, dist/)', () => {
  let tree: string;
  let devAside: string;
  let slack: FakeSlack;
  let sim: RunningSimulator;
  let innerspaceEnv: Record<string, string>;

  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), 'occupancy-prod-'));
    mkdirSync(join(tree, 'data'));
    buildTree(tree);
    devAside = join(tree, '..', `${tree.split('/').at(-1)}-dist-dev`);
    slack = await startFakeSlack();
    sim = await startSimulator();
    innerspaceEnv = { ...simulatorEnv(sim), QUICKCHART_URL: 'https://quickchart.example.test' };
  }, 15 * 60_000);

  afterAll(async () => {
    await slack?.close();
    await sim?.close();
    if (tree) rmSync(tree, { recursive: true, force: true });
    if (devAside) rmSync(devAside, { recursive: true, force: true });
  });

  /** dist/dev in place or set aside (deleted, as far as the bot can tell). */
  function withDevTools(present: boolean): void {
    const dist = join(tree, 'dist', 'dev');
    if (present && !existsSync(dist)) renameSync(devAside, dist);
    if (!present && existsSync(dist)) renameSync(dist, devAside);
    expect(existsSync(dist)).toBe(present);
  }

  it('has production dependencies only, the compiled product and the dev tools beside it', () => {
    expect(existsSync(join(tree, 'node_modules', 'ws'))).toBe(true);
    expect(existsSync(join(tree, 'node_modules', 'typescript'))).toBe(false);
    expect(existsSync(join(tree, 'node_modules', 'jest'))).toBe(false);
    expect(existsSync(join(tree, 'dist', 'src', 'main.js'))).toBe(true);
    expect(existsSync(join(tree, 'dist', 'dev', 'local.js'))).toBe(true);
    expect(existsSync(join(tree, 'src'))).toBe(false);
  });

  it('HTTP mode without dist/dev: /healthz, and a signed /occupancy building 71 answered at its response_url', async () => {
    withDevTools(false);
    const bot = await startBot(
      tree,
      { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, ...innerspaceEnv },
      /occupancy-bot ready: HTTP mode, Slack events http:\/\/localhost:(\d+)\/slack\/events/,
    );
    try {
      const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'http', innerspace: 'live' });
      const res = await slack.httpDriver(`http://127.0.0.1:${bot.port}`).command(USER, CHANNEL, '/occupancy', 'building 71');
      expect(res.status).toBe(200);
      expect(res.body).toBeUndefined();
      // QUICKCHART_URL is unreachable, so Slack refuses the chart (404 at the response_url) and the
      // bot sends the answer again with the chart's text table: the accepted one is the answer.
      // A slow answer is preceded by a "Looking up…" notice: the answer is the post naming the building.
      const answer = await slack.waitForResponse(res.responseUrlId, (r) => r.status === 200 && JSON.stringify(r.body).includes('DEMO'), PATIENCE_MS);
      expect(JSON.stringify(answer.body)).toContain('DEMO');
      expect(JSON.stringify(answer.body)).not.toContain('image_url');
      expect(await bot.stop()).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
    }
  }, BOT_TEST_MS);

  it('Socket Mode without dist/dev: connects, answers over the socket, and serves /healthz', async () => {
    withDevTools(false);
    const bot = await startBot(
      tree,
      { SLACK_BOT_TOKEN: slack.botToken, SLACK_APP_TOKEN: slack.appToken, SLACK_API_URL: slack.apiUrl, ...innerspaceEnv },
      /occupancy-bot ready: Socket Mode, health http:\/\/localhost:(\d+)\/healthz/,
    );
    try {
      const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'socket' });
      await slack.waitFor(() => slack.socket.connections > 0, PATIENCE_MS);
      const res = await slack.socketDriver().command(USER, CHANNEL, '/occupancy', 'building 71');
      expect(res.status).toBe(200);
      const answer = await slack.waitForResponse(res.responseUrlId, (r) => r.status === 200, PATIENCE_MS);
      expect(JSON.stringify(answer.body)).toContain('DEMO');
      expect(await bot.stop()).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
      await slack.waitFor(() => slack.socket.connections === 0, PATIENCE_MS).catch(() => undefined);
    }
  }, BOT_TEST_MS);

  it('HTTP mode on PostgreSQL: /healthz reports the store, and an answer is served', async () => {
    withDevTools(false);
    const database: TestDatabase = await testDatabase();
    try {
      const bot = await startBot(
        tree,
        { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, DATABASE_URL: database.url, ...innerspaceEnv },
        /occupancy-bot ready: HTTP mode, Slack events http:\/\/localhost:(\d+)\/slack\/events/,
      );
      try {
        const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok', mode: 'http', store: { engine: 'postgres', ok: true, migrations: 'current' } });
        const res = await slack.httpDriver(`http://127.0.0.1:${bot.port}`).command(USER, CHANNEL, '/occupancy', 'digest list');
        expect(res.status).toBe(200);
        expect(await bot.stop()).toBe(0);
        expect(bot.output()).not.toContain(new URL(database.url).password);
      } finally {
        bot.child.kill('SIGKILL');
      }
    } finally {
      await database.drop();
    }
  }, BOT_TEST_MS);

  it.each([
    ['a wrong password', (url: URL) => (url.password = 'not-the-password-9f2c'), /password authentication failed: check the user and password in DATABASE_URL/],
    ['no server on the port', (url: URL) => (url.port = '1'), /connection refused: is the server running and listening on that host and port\?/],
  ])('PostgreSQL with %s: exits 1 with one clear line naming the store, never the password', async (_what, spoil, reason) => {
    withDevTools(false);
    const database = await testDatabase();
    try {
      const url = new URL(database.url);
      spoil(url);
      const { code, output: out } = await runBotToExit({
        cwd: tree,
        env: {
          PORT: '0', DATABASE_URL: url.toString(),
          SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, ...innerspaceEnv,
        },
      });
      expect(code).toBe(1);
      expect(out).toMatch(/occupancy-bot could not start: Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+, database occupancy_test_\w+, user \w+, sslmode=disable: /);
      expect(out).toMatch(reason);
      expect(out).not.toContain(url.password);
      expect(out).not.toContain(new URL(database.url).password);
      expect(out).not.toMatch(/\n\s+at |"stack"/);
    } finally {
      await database.drop();
    }
  }, BOT_TEST_MS);

  it('without dist/dev and nothing set: exits 2 saying what is missing and what to set, no stack trace', async () => {
    withDevTools(false);
    const { code, output: out } = await runBotToExit({ cwd: tree, env: { PORT: '0', DATABASE_URL: `sqlite:${join(tree, 'data', 'none.db')}` } });
    expect(code).toBe(2);
    expect(out).toContain('this build has no local dev tools (dist/dev is missing)');
    expect(out).toContain('set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
    expect(out).toContain('set INNERSPACE_CLIENT_ID and INNERSPACE_CLIENT_SECRET');
    expect(out).not.toMatch(/\n\s+at |"stack"/);
  }, BOT_TEST_MS);

  it('local mode with dist/dev and nothing set: /healthz, the console page, and /occupancy building 71 signed by the console', async () => {
    withDevTools(true);
    expect(readDockerfile().env).toMatchObject({ NODE_ENV: 'production', LOCAL_CONSOLE_REMOTE: 'true' });
    const bot = await startBot(tree, {}, /occupancy-bot ready: local mode, console http:\/\/localhost:(\d+)\//);
    try {
      const base = `http://127.0.0.1:${bot.port}`;
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local', innerspace: 'simulator' });
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect((await fetch(`${base}/console/static/console.js`)).status).toBe(200);
      expect((await fetch(`${base}/console/vendor/chart.umd.js`)).status).toBe(200);
      // The console signs the command as Slack would and the bot answers it at its response_url.
      const sent = await fetch(`${base}/console/api/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: USER, channel: CHANNEL, text: '/occupancy building 71' }),
      });
      expect(await sent.json()).toMatchObject({ ok: true, kind: 'command', status: 200 });
      const until = Date.now() + 20_000;
      let texts: string[] = [];
      while (!texts.some((t) => t.includes('DEMO')) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 100));
        const state = (await (await fetch(`${base}/console/api/state?user=${USER}&channel=${CHANNEL}`)).json()) as {
          channel: { messages: { text: string; blocks?: unknown[] }[] } | null;
        };
        texts = (state.channel?.messages ?? []).map((m) => `${m.text} ${JSON.stringify(m.blocks ?? [])}`);
      }
      expect(texts.some((t) => t.includes('DEMO'))).toBe(true);
      expect(await bot.stop()).toBe(0);
    } finally {
      bot.child.kill('SIGKILL');
    }
  }, BOT_TEST_MS);
});
