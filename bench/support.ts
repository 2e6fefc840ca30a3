/** Shared pieces of the benchmarks: a bot on loopback with the embedded Slack and simulator. */
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalTools } from '../dev/local';
import { startApp, type RunningApp } from '../src/app';
import { ShiftableClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { startSlackWorkspace, type SlackWorkspace } from '../dev/slack';
import type { RunningSimulator } from '../dev/simulator';
import { createLogger } from '../src/logging/logger';

export const BENCH_SECRET = 'bench0signing0secret0000000000000';

export interface BenchBot {
  app: RunningApp;
  slack: SlackWorkspace;
  /** The embedded simulator in full (faults, request counters); null when InnerSpace is configured. */
  simulator: RunningSimulator | null;
  stop(): Promise<void>;
}

export async function startBenchBot(env: Record<string, string> = {}): Promise<BenchBot> {
  const clock = new ShiftableClock();
  const slack = await startSlackWorkspace({ now: () => clock.now() });
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: BENCH_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const { logger, addSecret } = createLogger({ level: config.logLevel, secrets: config.secrets });
  const local = createLocalTools();
  const app = await startApp({
    config,
    logger,
    addSecret,
    clock,
    host: '127.0.0.1',
    botIdentity: { botId: slack.bot.botId, botUserId: slack.bot.userId },
    local,
  });
  return {
    app,
    slack,
    simulator: local.simulator,
    async stop() {
      await app.stop();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A response_url sink in its own process (it stands for Slack, which is not on the bot's event
 * loop): answers 200 to every POST. `count()` asks it how many answers it has received: the
 * "Looking up…" notice a slow answer gets first is a post, not an answer.
 */
const SINK_SCRIPT = `
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (d) => { body += d; });
  req.on('end', () => {
    if (req.url === '/count') return res.end(String(n));
    if (!body.includes('"text":"Looking up')) n += 1;
    res.end('ok');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

export interface Sink {
  url: string;
  count(): Promise<number>;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  const child = spawn(process.execPath, ['-e', SINK_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
    child.once('error', reject);
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/response`,
    count: async () => Number(await (await fetch(`${base}/count`, { method: 'POST' })).text()),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function commandBody(text: string, responseUrl: string, triggerId = '1.2.3'): string {
  return new URLSearchParams({
    token: 'x',
    team_id: 'T0LOCAL',
    team_domain: 'local',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0LOCAL001',
    user_name: 'grace',
    command: '/occupancy',
    text,
    api_app_id: 'A0LOCALAPP',
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}
