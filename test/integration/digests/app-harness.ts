import { DEFAULT_CHANNELS, type SlackDriver } from '../../../dev/slack';
import type { RunningApp } from '../../../src/app';
import { TEST_NOW, createTestWorld, type TestWorld } from '../app/harness';
import { PATIENCE_MS } from '../../support/patience';

export { TEST_NOW };

export const USERS = { admin: 'U0LOCALADM', grace: 'U0LOCAL001', linus: 'U0LOCAL002', margaret: 'U0LOCAL003' } as const;

/** The default channels, plus #ops where only Grace (and the bot) are members. */
export const CHANNELS = [...DEFAULT_CHANNELS, { id: 'C0OPS', name: 'ops', members: [USERS.grace], botMember: true }];

export type DigestWorld = TestWorld;

/** The app harness's world with #ops and Margaret as the bot's admin. */
export function createDigestWorld(opts: { start?: number } = {}): Promise<DigestWorld> {
  return createTestWorld({ ...opts, channels: CHANNELS, env: { ADMIN_USER_IDS: USERS.margaret } });
}

/** The ephemeral answer to a command (the one after "Setting up…"), as JSON text. */
export async function answerTo(world: DigestWorld, res: { responseUrlId?: string }): Promise<{ text: string; json: string }> {
  const post = await world.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
  const body = post.body as { text?: string };
  return { text: body.text ?? '', json: JSON.stringify(post.body) };
}

export interface DigestSession {
  readonly world: DigestWorld;
  readonly app: RunningApp;
  readonly driver: SlackDriver;
  /** A command from `user` in `channel`, acked 200; resolves with its answer. */
  run(user: string, channel: string, text: string): Promise<{ text: string; json: string }>;
}

/** A digest world for one describe block: started before its tests, closed after them. */
export function useDigestWorld(): DigestSession {
  let started: { world: DigestWorld; app: RunningApp; driver: SlackDriver } | null = null;
  const get = () => {
    if (!started) throw new Error('the digest world starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    const world = await createDigestWorld();
    started = { world, ...(await world.start()) };
  });
  afterAll(async () => {
    await started?.world.close();
  });
  return {
    get world() {
      return get().world;
    },
    get app() {
      return get().app;
    },
    get driver() {
      return get().driver;
    },
    async run(user, channel, text) {
      const res = await get().driver.command(user, channel, '/occupancy', text);
      expect(res.status).toBe(200);
      return answerTo(get().world, res);
    },
  };
}
