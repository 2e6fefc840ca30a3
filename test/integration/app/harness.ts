import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../../src/app';
import { ShiftableClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { createLocalTools } from '../../../dev/local';
import type { RunningSimulator } from '../../../dev/simulator';
import type { ChannelSeed, SlackDriver, SlackWorkspaceOptions } from '../../../dev/slack';
import { createLogger } from '../../../src/logging/logger';
import { realPacingClock } from '../../../src/services/digests';
import { FakeQuickChartServer } from '../../fakes/quickchart-server';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';
import { PATIENCE_MS, PATIENT_INNERSPACE } from '../../support/patience';

/** 15:00 UTC on Wed 25 Nov 2026: Tue 24 Nov is the latest published day in every building. */
export const TEST_NOW = Date.parse('2026-11-25T15:00:00Z');

/** A notice delay no test waits out. */
const NO_NOTICE_MS = 10 * 60_000;

/** The app as tests see it: its simulator in full (stats, faults), as dev/local started it. */
export interface AppUnderTest extends Omit<RunningApp, 'simulator'> {
  readonly simulator: RunningSimulator | null;
}

export interface StartOptions {
  /** Socket Mode with the workspace's app token instead of HTTP. */
  readonly socketMode?: boolean;
  readonly unhandledRequestTimeoutMillis?: number;
  /**
   * Pacing (per-channel turns, Retry-After holds) follows the world's clock, as the fake Slack's
   * rate limits do: moving the clock past a hold ends it. Real elapsed time otherwise.
   */
  readonly pacingFollowsClock?: boolean;
  /** Answers worked on at once and waiting, before the bot says it is busy. */
  readonly answerLimits?: { readonly concurrency: number; readonly maxWaiting: number };
  /** How long an answer may take before the "Looking up…" notice goes first (never, unless set). */
  readonly slowNoticeMs?: number;
}

/**
 * What outlives an app process: the fake Slack, the clock and the folder of the SQLite file.
 * `start()` runs the real app against them (HTTP mode unless asked for Socket Mode, the
 * embedded simulator as InnerSpace); stopping it and starting again is a restart on the same
 * store, as after a deploy or a crash.
 */
export interface TestWorld {
  readonly slack: FakeSlack;
  /** The QuickChart server the app draws with (QUICKCHART_URL); the fake Slack downloads from it unless it is private. */
  readonly charts: FakeQuickChartServer;
  readonly clock: ShiftableClock;
  readonly dir: string;
  readonly dbPath: string;
  readonly logs: string[];
  start(env?: Record<string, string>, opts?: StartOptions): Promise<{ app: AppUnderTest; driver: SlackDriver }>;
  /** Stops every app still running, then the fake Slack, and removes the folder. */
  close(): Promise<void>;
}

export interface WorldOptions {
  readonly start?: number;
  readonly channels?: readonly ChannelSeed[];
  readonly env?: Record<string, string>;
  /** `private`: the bot reaches the chart server, Slack's image downloads don't (a QuickChart on a private network). */
  readonly chartServer?: 'public' | 'private';
  /** Anything else the embedded Slack is started with (its scopes, say). */
  readonly slack?: SlackWorkspaceOptions;
}

export async function createTestWorld(opts: WorldOptions = {}): Promise<TestWorld> {
  const clock = new ShiftableClock(Date.now, opts.start ?? TEST_NOW);
  const charts = await FakeQuickChartServer.start();
  const slack = await startFakeSlack({
    now: () => clock.now(),
    ...(opts.channels ? { channels: opts.channels } : {}),
    ...(opts.chartServer === 'private' ? { unreachableHosts: [new URL(charts.baseUrl).host] } : {}),
    ...opts.slack,
  });
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-app-'));
  const dbPath = join(dir, 'bot.db');
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const running = new Set<RunningApp>();
  return {
    slack,
    charts,
    clock,
    dir,
    dbPath,
    logs,
    async start(env = {}, startOpts = {}) {
      const config = loadConfig({
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        DATABASE_URL: `sqlite:${dbPath}`,
        QUICKCHART_URL: charts.baseUrl,
        LOG_LEVEL: 'debug',
        // Far beyond any loaded-machine delay: a test about timeouts sets its own (see answers.test.ts).
        INNERSPACE_TIMEOUT_MS: String(PATIENT_INNERSPACE.timeoutMs),
        INNERSPACE_DEADLINE_MS: String(PATIENT_INNERSPACE.deadlineMs),
        ...opts.env,
        ...(startOpts.socketMode ? { SLACK_APP_TOKEN: slack.appToken, SLACK_SIGNING_SECRET: '' } : {}),
        ...env,
      });
      const { logger, addSecret } = createLogger({ level: config.logLevel, secrets: config.secrets, destination });
      const local = createLocalTools();
      const app = await startApp({
        config,
        logger,
        addSecret,
        clock,
        host: '127.0.0.1',
        botIdentity: slack.identity,
        // A stop waits only while answers are under way; on a loaded machine they take a while.
        drainTimeoutMs: PATIENCE_MS,
        unhandledRequestTimeoutMillis: startOpts.unhandledRequestTimeoutMillis,
        ...(startOpts.answerLimits ? { answerLimits: startOpts.answerLimits } : {}),
        // No "Looking up…" notice unless a test asks: on a loaded machine any answer can take 1.5 s,
        // and tests wait for the first post to a response_url as the answer.
        slowNoticeMs: startOpts.slowNoticeMs ?? NO_NOTICE_MS,
        ...(startOpts.pacingFollowsClock ? { pacingClock: { now: () => clock.now(), sleep: realPacingClock.sleep } } : {}),
        local,
      });
      running.add(app);
      let stopped: Promise<void> | null = null;
      // Stopping through the returned app is idempotent and forgets it, so close() stops only what still runs.
      const tracked: AppUnderTest = Object.assign(Object.create(app) as RunningApp, {
        simulator: local.simulator,
        stop: () => {
          running.delete(app);
          stopped ??= app.stop();
          return stopped;
        },
      });
      return { app: tracked, driver: slack.httpDriver(`http://127.0.0.1:${app.port}`) };
    },
    async close() {
      for (const app of [...running]) {
        running.delete(app);
        await app.stop();
      }
      // Socket Mode: Bolt's stop returns before the socket's close handshake ends.
      await slack.waitFor(() => slack.socket.connections === 0);
      await slack.close();
      await charts.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestApp {
  readonly app: AppUnderTest;
  readonly slack: FakeSlack;
  readonly driver: SlackDriver;
  readonly clock: ShiftableClock;
  readonly logs: string[];
  readonly dir: string;
  readonly world: TestWorld;
  stop(): Promise<void>;
}

/** One app in a world of its own, with the clock fixed at TEST_NOW (moving with real time). */
export async function startTestApp(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestApp> {
  const world = await createTestWorld();
  try {
    const { app, driver } = await world.start(env, opts);
    return { app, slack: world.slack, driver, clock: world.clock, logs: world.logs, dir: world.dir, world, stop: () => world.close() };
  } catch (err) {
    await world.close();
    throw err;
  }
}

/** Text of a Block Kit message, for assertions that read like the user would. */
export function textOf(msg: unknown): string {
  return JSON.stringify(msg);
}

/**
 * Presses Share on the user's answer whose JSON names `marker`; resolves with what was posted
 * in the channel.
 */
export async function shareAnswer(t: Pick<TestApp, 'slack' | 'driver'>, user: string, channel: string, marker: string): Promise<{ body: unknown; json: string }> {
  const target = t.slack.state.messagesFor(channel, user).find((m) => JSON.stringify(m).includes(marker) && JSON.stringify(m).includes('occupancy_share'));
  expect(target).toBeDefined();
  const share = await t.driver.blockAction(user, channel, { messageTs: target!.ts }, { action_id: 'occupancy_share' });
  const shared = await t.slack.waitForResponse(share.responseUrlId, (p) => (p.body as { response_type?: string }).response_type === 'in_channel', PATIENCE_MS);
  return { body: shared.body, json: JSON.stringify(shared.body) };
}
