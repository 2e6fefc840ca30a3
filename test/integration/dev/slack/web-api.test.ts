import { WebClient, type WebClientOptions } from '@slack/web-api';
import { ALL_SCOPES } from '../../../../dev/slack';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

/** The Slack error code of a failed call ('ok' when it succeeded). */
async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const err = e as { data?: { error?: string }; code?: string };
    return err.data?.error ?? err.code ?? String(e);
  }
}

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

describe('embedded Slack workspace through @slack/web-api', () => {
  let ws: FakeSlack;
  let client: WebClient;
  const makeClient = (token: string | undefined, extra: WebClientOptions = {}) => new WebClient(token, { ...ws.clientOptions, logger: silent, ...extra });

  beforeAll(async () => {
    ws = await startFakeSlack({ revokedTokens: ['xoxb-revoked'], scopes: ALL_SCOPES });
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => {
    ws.reset();
    client = makeClient(ws.botToken);
  });

  describe('tokens', () => {
    test('auth.test answers who the bot is, and the call is recorded with its form body', async () => {
      const r = await client.auth.test();
      expect(r).toMatchObject({ ok: true, team_id: 'T0LOCAL', team: 'Local workspace', user_id: 'U0LOCALBOT', bot_id: 'B0LOCALBOT' });
      expect(ws.calls[0]).toMatchObject({ method: 'auth.test', tokenOk: true, tokenKind: 'bot', contentType: 'application/x-www-form-urlencoded', status: 200 });
    });

    test.each([
      ['no token', undefined, 'not_authed'],
      ['a wrong token', 'xoxb-wrong', 'invalid_auth'],
      ['a revoked token', 'xoxb-revoked', 'token_revoked'],
    ])('%s is refused', async (_name, token, expected) => {
      expect(await errorOf(makeClient(token).chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toBe(expected);
      expect(ws.calls.at(-1)).toMatchObject({ method: 'chat.postMessage', tokenOk: false });
      expect(ws.state.timeline('C0GENERAL')).toEqual([]);
    });

    test('the app-level token opens sockets but cannot post; the bot token cannot open sockets', async () => {
      expect(await errorOf(makeClient(ws.appToken).chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toBe('not_allowed_token_type');
      expect(await errorOf(client.apps.connections.open({}))).toBe('not_allowed_token_type');
      const r = await makeClient(ws.appToken).apps.connections.open({});
      expect(r.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=/);
    });
  });

  describe('chat.postMessage', () => {
    test('posts Block Kit to a channel and announces it', async () => {
      const seen: string[] = [];
      const off = ws.events.on('message', (m) => seen.push(m.ts));
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Building 71*' } }];
      const r = await client.chat.postMessage({ channel: 'C0FACILITY', text: 'Building 71', blocks });
      off();
      expect(r).toMatchObject({ ok: true, channel: 'C0FACILITY', message: { text: 'Building 71', blocks, bot_id: 'B0LOCALBOT' } });
      expect(seen).toEqual([r.ts]);
      expect(ws.state.timeline('C0FACILITY').map((m) => m.text)).toEqual(['Building 71']);
      expect(ws.calls[0]?.args).toMatchObject({ channel: 'C0FACILITY', blocks });
    });

    test('a user id means the bot DM, the same one conversations.open returns', async () => {
      const r = await client.chat.postMessage({ channel: 'U0LOCAL001', text: 'hello Grace' });
      expect(r.channel).toMatch(/^D/);
      const open = await client.conversations.open({ users: 'U0LOCAL001' });
      expect(open.channel?.id).toBe(r.channel);
      expect(ws.state.getChannel(r.channel ?? '')).toMatchObject({ isIm: true, imUser: 'U0LOCAL001' });
    });

    test('a channel name works as well as an id', async () => {
      expect((await client.chat.postMessage({ channel: '#facilities', text: 'x' })).channel).toBe('C0FACILITY');
    });

    test.each([
      ['an unknown channel', 'C0NOPE', 'channel_not_found'],
      ['a private channel the bot is not in', 'C0EXEC', 'channel_not_found'],
      ['an archived channel', 'C0ARCHIVE', 'is_archived'],
      ['a public channel it has not joined (chat:write.public)', 'C0RANDOM', 'ok'],
    ])('into %s: %s', async (_name, channel, expected) => {
      expect(await errorOf(client.chat.postMessage({ channel, text: 'x' }))).toBe(expected);
    });

    test('without chat:write.public the bot must join first', async () => {
      const strict = await startFakeSlack({ chatWritePublic: false });
      try {
        const c = new WebClient(strict.botToken, { ...strict.clientOptions, logger: silent });
        expect(await errorOf(c.chat.postMessage({ channel: 'C0RANDOM', text: 'x' }))).toBe('not_in_channel');
        await c.conversations.join({ channel: 'C0RANDOM' });
        expect(await errorOf(c.chat.postMessage({ channel: 'C0RANDOM', text: 'x' }))).toBe('ok');
      } finally {
        await strict.close();
      }
    });

    test('text: empty is no_text, 40,000 characters pass, 40,001 are msg_too_long', async () => {
      expect(await errorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: '' }))).toBe('no_text');
      expect(await errorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x'.repeat(40_000) }))).toBe('ok');
      expect(await errorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    });

    test('invalid blocks are refused with the pointer to what is wrong', async () => {
      const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
      const err = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks }).catch((e: { data: Record<string, unknown> }) => e.data);
      expect(err).toMatchObject({ ok: false, error: 'invalid_blocks', errors: ['must provide no more than 50 items [json-pointer:/blocks]'] });
      expect(ws.state.timeline('C0GENERAL')).toEqual([]);
    });

  });

  describe('ephemeral messages', () => {
    test('only the addressed user sees them, and history never returns them', async () => {
      const r = await client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0LOCAL001', text: 'just for Grace' });
      expect(r.message_ts).toMatch(/^\d+\.\d{6}$/);
      expect(ws.state.messagesFor('C0GENERAL', 'U0LOCAL001').map((m) => m.text)).toEqual(['just for Grace']);
      expect(ws.state.messagesFor('C0GENERAL', 'U0LOCAL002')).toEqual([]);
      expect((await client.conversations.history({ channel: 'C0GENERAL' })).messages).toEqual([]);
    });

    test.each([
      ['a user outside the channel', 'U0LOCAL003', 'C0FACILITY', 'user_not_in_channel'],
      ['an unknown user', 'U0NOBODY', 'C0GENERAL', 'user_not_found'],
    ])('to %s: %s', async (_name, user, channel, expected) => {
      expect(await errorOf(client.chat.postEphemeral({ channel, user, text: 'x' }))).toBe(expected);
    });
  });

  describe('threads, edits and permalinks', () => {
    test('replies live in the thread; history shows the parent with its reply count', async () => {
      const parent = await client.chat.postMessage({ channel: 'C0FACILITY', text: 'Building 71 is over 120' });
      const reply = await client.chat.postMessage({ channel: 'C0FACILITY', text: 'still over', thread_ts: parent.ts ?? '' });
      await client.chat.postMessage({ channel: 'C0FACILITY', text: 'reply to a reply', thread_ts: reply.ts ?? '' });
      await client.chat.postMessage({ channel: 'C0FACILITY', text: 'back to normal', thread_ts: parent.ts ?? '', reply_broadcast: true });
      const history = await client.conversations.history({ channel: 'C0FACILITY' });
      expect(history.messages?.map((m) => m.text)).toEqual(['back to normal', 'Building 71 is over 120']);
      expect(history.messages?.[1]).toMatchObject({ reply_count: 3, thread_ts: parent.ts });
      const replies = await client.conversations.replies({ channel: 'C0FACILITY', ts: parent.ts ?? '' });
      expect(replies.messages?.map((m) => m.text)).toEqual(['Building 71 is over 120', 'still over', 'reply to a reply', 'back to normal']);
      expect(await errorOf(client.chat.postMessage({ channel: 'C0FACILITY', text: 'x', thread_ts: 'yesterday' }))).toBe('invalid_thread_ts');
      expect(await errorOf(client.conversations.replies({ channel: 'C0FACILITY', ts: '1.000001' }))).toBe('thread_not_found');
    });

    test('chat.update edits in place; chat.delete removes; permalinks point at the message', async () => {
      const changed: string[] = [];
      const off = ws.events.on('message_changed', (m) => changed.push(m.text));
      const p = await client.chat.postMessage({ channel: 'C0FACILITY', text: 'ALERTING', blocks: [{ type: 'divider' }] });
      const u = await client.chat.update({ channel: 'C0FACILITY', ts: p.ts ?? '', text: 'RECOVERED' });
      expect(u).toMatchObject({ ok: true, ts: p.ts, text: 'RECOVERED', message: { blocks: [{ type: 'divider' }], edited: { user: 'U0LOCALBOT' } } });
      off();
      expect(changed).toEqual(['RECOVERED']);
      const link = await client.chat.getPermalink({ channel: 'C0FACILITY', message_ts: p.ts ?? '' });
      expect(link.permalink).toBe(`${ws.url}/archives/C0FACILITY/p${(p.ts ?? '').replace('.', '')}`);
      await client.chat.delete({ channel: 'C0FACILITY', ts: p.ts ?? '' });
      expect(ws.state.timeline('C0FACILITY')).toEqual([]);
      expect(await errorOf(client.chat.update({ channel: 'C0FACILITY', ts: p.ts ?? '', text: 'x' }))).toBe('message_not_found');
    });

    test("the bot cannot edit a person's message", async () => {
      const m = ws.state.addMessage({ channel: 'C0GENERAL', user: 'U0LOCAL001', text: 'mine' });
      expect(await errorOf(client.chat.update({ channel: 'C0GENERAL', ts: m.ts, text: 'x' }))).toBe('cant_update_message');
    });
  });

  describe('conversations and users', () => {
    test('info, members, list and join follow what the bot may see', async () => {
      expect((await client.conversations.info({ channel: 'C0FACILITY' })).channel).toMatchObject({ name: 'facilities', is_member: true, is_private: false });
      expect(await errorOf(client.conversations.info({ channel: 'C0EXEC' }))).toBe('channel_not_found');
      expect((await client.conversations.members({ channel: 'C0FACILITY' })).members).toEqual(['U0LOCALADM', 'U0LOCAL001', 'U0LOCAL002', 'U0LOCALBOT']);
      const listed = await client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true });
      expect(listed.channels?.map((c) => c.name)).toEqual(['general', 'facilities', 'random']);
      expect(await errorOf(client.conversations.history({ channel: 'C0RANDOM' }))).toBe('not_in_channel');
      expect((await client.conversations.join({ channel: 'C0RANDOM' })).channel).toMatchObject({ is_member: true });
      expect((await client.conversations.join({ channel: 'C0RANDOM' })).warning).toBe('already_in_channel');
      expect(await errorOf(client.conversations.join({ channel: 'C0ARCHIVE' }))).toBe('is_archived');
      expect(await errorOf(client.conversations.join({ channel: 'C0EXEC' }))).toBe('channel_not_found');
    });

    test('pagination hands out a cursor until the list is done', async () => {
      const first = await client.users.list({ limit: 3 });
      expect(first.members).toHaveLength(3);
      const second = await client.users.list({ limit: 3, cursor: first.response_metadata?.next_cursor ?? '' });
      expect(second.members?.map((m) => m.id)).toEqual(['U0LOCAL002', 'U0LOCAL003']);
      expect(second.response_metadata?.next_cursor).toBe('');
    });

    test('users.info gives time zone and admin flag; unknown users are user_not_found', async () => {
      const ada = await client.users.info({ user: 'U0LOCALADM' });
      expect(ada.user).toMatchObject({ id: 'U0LOCALADM', real_name: 'Ada (admin)', tz: 'Europe/London', is_admin: true });
      expect(typeof ada.user?.tz_offset).toBe('number');
      expect(await errorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
    });

    test('reset() puts the data back to the seed', async () => {
      await client.conversations.join({ channel: 'C0RANDOM' });
      await client.chat.postMessage({ channel: 'C0RANDOM', text: 'x' });
      ws.reset();
      expect(ws.state.timeline('C0RANDOM')).toEqual([]);
      expect(ws.state.isBotMember(ws.state.getChannel('C0RANDOM') ?? ws.state.listChannels()[0]!)).toBe(false);
      expect(ws.calls).toEqual([]);
    });
  });
});
