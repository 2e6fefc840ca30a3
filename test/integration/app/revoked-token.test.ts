/**
 * The workspace revoked the bot's token (the app was uninstalled, or its token rotated): every
 * call the bot makes is refused with token_revoked. Whatever the person asked, the answer says
 * that, never that they lack rights.
 */
import { createTestWorld, type TestWorld } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const TOKEN = 'xoxb-revoked-0000000000-test';

describe('a revoked bot token', () => {
  let world: TestWorld;
  afterEach(async () => {
    await world?.close();
    world = undefined as unknown as TestWorld;
  });

  it.each(['digest add building 71 at 08:00 daily', 'subscribe building 71 above 130 <#C0GENERAL|general>'])(
    '`%s` in a channel says the app must be reinstalled, not that the person may not',
    async (text) => {
      world ??= await createTestWorld({ slack: { botToken: TOKEN } });
      const { driver } = await world.start();
      world.slack.revokeToken(TOKEN);
      const res = await driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', text);
      expect(res.status).toBe(200);
      const answer = await world.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
      const words = String((answer.body as { text?: string }).text ?? '');
      expect(words).not.toMatch(/Only members|only the person/i);
      expect(words).toMatch(/no longer accepts this workspace's token for me\. Ask whoever installed the bot to reinstall it/);
    },
  );
});
