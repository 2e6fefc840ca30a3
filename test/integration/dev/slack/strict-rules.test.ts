/**
 * Rules of Slack's the embedded workspace holds the bot to: the manifest's scopes, membership
 * for ephemerals and edits, conversations the bot is not part of, and the per-minute tiers.
 */
import { WebClient } from '@slack/web-api';
import { manifestScopes, TIER_LIMITS } from '../../../../dev/slack';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

async function failure(p: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await p;
    return { error: 'ok' };
  } catch (e) {
    const err = e as { data?: Record<string, unknown>; code?: string; retryAfter?: number };
    return err.data ?? { error: err.code, retryAfter: err.retryAfter };
  }
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

describe('the embedded Slack is as strict as Slack', () => {
  let ws: FakeSlack;
  let client: WebClient;

  beforeAll(async () => {
    ws = await startFakeSlack();
    client = new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent, rejectRateLimitedCalls: true });
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => ws.reset());

  test('the bot token holds exactly the scopes manifest.yml asks for', async () => {
    const scopes = manifestScopes();
    expect(scopes).toEqual(expect.arrayContaining(['commands', 'chat:write', 'im:read', 'mpim:read']));
    const res = await fetch(`${ws.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${ws.botToken}` } });
    expect(res.headers.get('x-oauth-scopes')?.split(',').sort()).toEqual([...scopes].sort());
  });

  test('a method without its scope answers missing_scope, naming what is needed and what was granted', async () => {
    const narrow = await startFakeSlack({ scopes: ['chat:write', 'channels:read'] });
    try {
      const c = new WebClient(narrow.botToken, { ...narrow.clientOptions, logger: silent });
      expect(await failure(c.users.info({ user: 'U0LOCAL001' }))).toMatchObject({ error: 'missing_scope', needed: 'users:read', provided: 'chat:write,channels:read' });
      const dm = narrow.state.openIm('U0LOCAL001');
      expect(await failure(c.conversations.info({ channel: dm.id }))).toMatchObject({ error: 'missing_scope', needed: 'im:read' });
      expect(await failure(c.conversations.members({ channel: 'C0EXEC' }))).toMatchObject({ error: 'channel_not_found' });
      expect(await failure(c.conversations.info({ channel: 'C0FACILITY' }))).toMatchObject({ error: 'ok' });
      expect(await failure(c.conversations.join({ channel: 'C0RANDOM' }))).toMatchObject({ error: 'missing_scope', needed: 'channels:join' });
      expect(await failure(c.conversations.open({ users: 'U0LOCAL001' }))).toMatchObject({ error: 'missing_scope', needed: 'im:write' });
    } finally {
      await narrow.close();
    }
  });

  test('ephemerals and edits need the bot in the conversation, even with chat:write.public', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0RANDOM', text: 'posted without joining' });
    expect(posted.ok).toBe(true);
    expect(await failure(client.chat.update({ channel: 'C0RANDOM', ts: posted.ts!, text: 'edited' }))).toMatchObject({ error: 'not_in_channel' });
    expect(await failure(client.chat.postEphemeral({ channel: 'C0RANDOM', user: 'U0LOCAL001', text: 'psst' }))).toMatchObject({ error: 'not_in_channel' });
    await client.conversations.join({ channel: 'C0RANDOM' });
    expect(await failure(client.chat.update({ channel: 'C0RANDOM', ts: posted.ts!, text: 'edited' }))).toMatchObject({ error: 'ok' });
    expect(await failure(client.chat.postEphemeral({ channel: 'C0RANDOM', user: 'U0LOCAL001', text: 'psst' }))).toMatchObject({ error: 'ok' });
  });

  test('an edit must say something: no text, blocks or attachments is no_text and leaves the message as it was', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'before' });
    expect(await failure(client.apiCall('chat.update', { channel: 'C0GENERAL', ts: posted.ts! }))).toMatchObject({ error: 'no_text' });
    expect(await failure(client.apiCall('chat.update', { channel: 'C0GENERAL', ts: posted.ts!, text: '  ' }))).toMatchObject({ error: 'no_text' });
    expect(ws.state.findMessage('C0GENERAL', posted.ts!)?.text).toBe('before');
    // Blocks alone are enough; the text stays as it was.
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'after' } }];
    expect(await failure(client.apiCall('chat.update', { channel: 'C0GENERAL', ts: posted.ts!, blocks }))).toMatchObject({ error: 'ok' });
    expect(ws.state.findMessage('C0GENERAL', posted.ts!)).toMatchObject({ text: 'before', blocks });
  });

  test('a group DM and a DM between people are invisible to a bot that is not in them', async () => {
    expect(ws.state.getChannel('G0TRIO')).toMatchObject({ isMpim: true, isPrivate: true });
    expect(ws.state.getChannel('D0GRACELIN')).toMatchObject({ isIm: true });
    for (const channel of ['G0TRIO', 'D0GRACELIN']) {
      expect(await failure(client.conversations.info({ channel }))).toMatchObject({ error: 'channel_not_found' });
      expect(await failure(client.chat.postMessage({ channel, text: 'hello' }))).toMatchObject({ error: 'channel_not_found' });
      expect(await failure(client.chat.postEphemeral({ channel, user: 'U0LOCAL001', text: 'hello' }))).toMatchObject({ error: 'channel_not_found' });
    }
    ws.state.join(ws.state.getChannel('G0TRIO')!, ws.bot.userId);
    const info = await client.conversations.info({ channel: 'G0TRIO' });
    expect(info.channel).toMatchObject({ is_mpim: true, is_private: true, is_im: false });
  });

  test('users.conversations lists what a person is in that the bot may see', async () => {
    const res = await client.users.conversations({ user: 'U0LOCAL002', types: 'public_channel,private_channel,mpim' });
    const ids = (res.channels ?? []).map((c) => c.id).sort();
    // #exec is private without the bot, the group DM does not have the bot in it.
    expect(ids).toEqual(['C0FACILITY', 'C0GENERAL', 'C0RANDOM']);
  });

  test(`conversations.info is held to Tier 3 (${TIER_LIMITS['conversations.info']} a minute), members to Tier 4`, async () => {
    const limit = TIER_LIMITS['conversations.info']!;
    for (let i = 0; i < limit; i += 1) await client.conversations.info({ channel: 'C0GENERAL' });
    const over = await failure(client.conversations.info({ channel: 'C0GENERAL' }));
    expect(over.error).toBe('slack_webapi_rate_limited_error');
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(Number(over.retryAfter)).toBeLessThanOrEqual(60);
    // Another tier's budget is its own.
    expect(await failure(client.conversations.members({ channel: 'C0GENERAL' }))).toMatchObject({ error: 'ok' });
    ws.rateTiers(false);
    expect(await failure(client.conversations.info({ channel: 'C0GENERAL' }))).toMatchObject({ error: 'ok' });
  });

  test(`chat.update is held to Tier 3 (${TIER_LIMITS['chat.update']} a minute), across channels`, async () => {
    const limit = TIER_LIMITS['chat.update']!;
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'v0' });
    for (let i = 1; i <= limit; i += 1) await client.chat.update({ channel: 'C0GENERAL', ts: posted.ts!, text: `v${i}` });
    const over = await failure(client.chat.update({ channel: 'C0GENERAL', ts: posted.ts!, text: 'one too many' }));
    expect(over.error).toBe('slack_webapi_rate_limited_error');
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
    expect(ws.state.findMessage('C0GENERAL', posted.ts!)?.text).toBe(`v${limit}`);
  });
});
