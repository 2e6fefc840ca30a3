import { DEFAULT_CHANNELS } from '../../../dev/slack';
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
