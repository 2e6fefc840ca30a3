import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../../src/app';
import { ShiftableClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import type { SlackDriver } from '../../../src/console/slack';
import type { StoredMessage } from '../../../src/console/slack/types';
import { createLogger } from '../../../src/logging/logger';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';
import { TEST_NOW } from '../app/harness';

export { TEST_NOW };

export const GRACE = 'U0LOCAL001';
export const LINUS = 'U0LOCAL002';
export const MARGARET = 'U0LOCAL003';
export const ADA = 'U0LOCALADM';
export const GENERAL = 'C0GENERAL';
export const FACILITIES = 'C0FACILITY';
export const HOUR = 3_600_000;

/** Never fires during a test run: the tests run each check themselves. */
export const QUIET_CRON = '0 0 1 1 *';

export interface AlertTestApp {
  readonly app: RunningApp;
  readonly slack: FakeSlack;
  readonly driver: SlackDriver;
  readonly clock: ShiftableClock;
  readonly logs: string[];
  readonly dbPath: string;
  /** Stops the app only: the fake Slack and the database file stay for the next process. */
  stopApp(): Promise<void>;
  /** Stops everything this test app owns. */
  stop(): Promise<void>;
}

/**
 * The real app in HTTP mode against the fake Slack and the embedded simulator, like the app
 * harness, but able to start again on the same database file and the same fake Slack (a
 * restart), at the instant the previous clock had reached.
 */
export async function startAlertApp(opts: { env?: Record<string, string>; slack?: FakeSlack; dbPath?: string; at?: number } = {}): Promise<AlertTestApp> {
  const clock = new ShiftableClock(Date.now, opts.at ?? TEST_NOW);
  const ownSlack = opts.slack === undefined;
  const slack = opts.slack ?? (await startFakeSlack({ now: () => clock.now() }));
  const dir = opts.dbPath === undefined ? mkdtempSync(join(tmpdir(), 'occupancy-alerts-')) : null;
  const dbPath = opts.dbPath ?? join(dir ?? '', 'bot.db');
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_URL: `sqlite:${dbPath}`,
    QUICKCHART_URL: 'https://quickchart.example.test',
    LOG_LEVEL: 'debug',
    INNERSPACE_TIMEOUT_MS: '2000',
    INNERSPACE_DEADLINE_MS: '6000',
    ALERT_CHECK_CRON: QUIET_CRON,
    ...(opts.env ?? {}),
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
  const app = await startApp({ config, logger, addSecret, clock, host: '127.0.0.1', botIdentity: slack.identity, drainTimeoutMs: 2000 });
  const driver = slack.httpDriver(`http://127.0.0.1:${app.port}`);
  let appStopped = false;
  const stopApp = async () => {
    if (appStopped) return;
    appStopped = true;
    await app.stop();
  };
  return {
    app,
    slack,
    driver,
    clock,
    logs,
    dbPath,
    stopApp,
    async stop() {
      await stopApp();
      if (ownSlack) await slack.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Moves the app's clock (and the simulator's publishing) forward to an instant. */
export function advanceTo(t: { clock: ShiftableClock }, iso: string): void {
  t.clock.set(Date.parse(iso));
}

/** The bot's direct-message channel with a user. */
export function dmOf(t: { slack: FakeSlack }, user: string): string {
  return t.slack.state.openIm(user).id;
}

/** Top-level bot messages of a channel, oldest first. */
export function botPosts(t: { slack: FakeSlack }, channel: string): StoredMessage[] {
  return t.slack.state.timeline(channel).filter((m) => m.user === t.slack.bot.userId && m.ephemeralFor === undefined);
}

export function repliesTo(t: { slack: FakeSlack }, channel: string, ts: string): StoredMessage[] {
  return t.slack.state.thread(channel, ts).slice(1);
}

export function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/** Runs `/occupancy <text>` and returns the answer posted to its response_url. */
export async function command(t: AlertTestApp, user: string, channel: string, text: string): Promise<{ text: string; blocks: unknown[] }> {
  const res = await t.driver.command(user, channel, '/occupancy', text);
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  const post = await t.slack.waitForResponse(res.responseUrlId, undefined, 15_000);
  return post.body as { text: string; blocks: unknown[] };
}
