import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../../src/app';
import { ShiftableClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import { DEFAULT_CHANNELS, type SlackDriver } from '../../../src/console/slack';
import { createLogger } from '../../../src/logging/logger';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';

/** 15:00 UTC on Wed 25 Nov 2026, as in the app harness. */
export const TEST_NOW = Date.parse('2026-11-25T15:00:00Z');

export const USERS = { admin: 'U0LOCALADM', grace: 'U0LOCAL001', linus: 'U0LOCAL002', margaret: 'U0LOCAL003' } as const;

/** The default channels, plus #ops where only Grace (and the bot) are members. */
export const CHANNELS = [...DEFAULT_CHANNELS, { id: 'C0OPS', name: 'ops', members: [USERS.grace], botMember: true }];

/**
 * One world that outlives app processes: the fake Slack, the clock and the directory of the
 * SQLite file. `start()` runs the real app over HTTP against them; stopping and starting again
 * is a restart on the same store, as after a deploy or a crash.
 */
export interface DigestWorld {
  readonly slack: FakeSlack;
  readonly clock: ShiftableClock;
  readonly dir: string;
  readonly dbPath: string;
  readonly logs: string[];
  start(env?: Record<string, string>): Promise<{ app: RunningApp; driver: SlackDriver }>;
  close(): Promise<void>;
}

export async function createDigestWorld(opts: { start?: number } = {}): Promise<DigestWorld> {
  const clock = new ShiftableClock(Date.now, opts.start ?? TEST_NOW);
  const slack = await startFakeSlack({ now: () => clock.now(), channels: CHANNELS });
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-digests-'));
  const dbPath = join(dir, 'bot.db');
  const logs: string[] = [];
  const running = new Set<RunningApp>();
  return {
    slack,
    clock,
    dir,
    dbPath,
    logs,
    async start(env = {}) {
      const config = loadConfig({
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        DATABASE_URL: `sqlite:${dbPath}`,
        QUICKCHART_URL: 'https://quickchart.example.test',
        LOG_LEVEL: 'debug',
        ADMIN_USER_IDS: USERS.margaret,
        ...env,
      });
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
      running.add(app);
      const stop = app.stop;
      // Stopping through the returned app also forgets it, so close() stops only what still runs.
      const tracked: RunningApp = Object.assign(Object.create(app) as RunningApp, {
        stop: async () => {
          running.delete(app);
          await stop();
        },
      });
      return { app: tracked, driver: slack.httpDriver(`http://127.0.0.1:${app.port}`) };
    },
    async close() {
      for (const app of running) await app.stop();
      running.clear();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ephemeral answer to a command (the one after "Setting up…"), as JSON text. */
export async function answerTo(world: DigestWorld, res: { responseUrlId?: string }): Promise<{ text: string; json: string }> {
  const post = await world.slack.waitForResponse(res.responseUrlId, undefined, 10_000);
  const body = post.body as { text?: string };
  return { text: body.text ?? '', json: JSON.stringify(post.body) };
}
