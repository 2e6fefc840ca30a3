import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../../src/app';
import { ShiftableClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import type { SlackDriver } from '../../../src/console/slack';
import { createLogger } from '../../../src/logging/logger';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';

/** 15:00 UTC on Wed 25 Nov 2026: Tue 24 Nov is the latest published day in every building. */
export const TEST_NOW = Date.parse('2026-11-25T15:00:00Z');

export interface TestApp {
  readonly app: RunningApp;
  readonly slack: FakeSlack;
  readonly driver: SlackDriver;
  readonly clock: ShiftableClock;
  readonly logs: string[];
  readonly dir: string;
  stop(): Promise<void>;
}

/**
 * The real app in HTTP mode, with the fake Slack as its Web API, the embedded simulator as
 * InnerSpace, a real SQLite file, and a clock fixed at TEST_NOW (moving with real time).
 */
export interface TestAppOptions {
  /** Socket Mode with the workspace's app token instead of HTTP. */
  readonly socketMode?: boolean;
  readonly unhandledRequestTimeoutMillis?: number;
}

export async function startTestApp(env: Record<string, string> = {}, opts: TestAppOptions = {}): Promise<TestApp> {
  const clock = new ShiftableClock(Date.now, TEST_NOW);
  const slack = await startFakeSlack({ now: () => clock.now() });
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-app-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`,
    QUICKCHART_URL: 'https://quickchart.example.test',
    LOG_LEVEL: 'debug',
    INNERSPACE_TIMEOUT_MS: '2000',
    INNERSPACE_DEADLINE_MS: '6000',
    ...(opts.socketMode ? { SLACK_APP_TOKEN: slack.appToken, SLACK_SIGNING_SECRET: '' } : {}),
    ...env,
  });
  const logs: string[] = [];
  const { logger, addSecret } = createLogger({
    level: config.logLevel,
    secrets: config.secrets,
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const app = await startApp({
    config,
    logger,
    addSecret,
    clock,
    host: '127.0.0.1',
    botIdentity: slack.identity,
    drainTimeoutMs: 2000,
    unhandledRequestTimeoutMillis: opts.unhandledRequestTimeoutMillis,
  });
  const driver = slack.httpDriver(`http://127.0.0.1:${app.port}`);
  return {
    app,
    slack,
    driver,
    clock,
    logs,
    dir,
    async stop() {
      await app.stop();
      // Socket Mode: Bolt's stop returns before the socket's close handshake ends.
      await slack.waitFor(() => slack.socket.connections === 0);
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Text of a Block Kit message, for assertions that read like the user would. */
export function textOf(msg: unknown): string {
  return JSON.stringify(msg);
}
