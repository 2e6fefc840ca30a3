import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

describe('response_url', () => {
  let ws: FakeSlack;
  let t = 1_764_000_000_000;
  const GRACE = 'U0LOCAL001';

  const post = async (url: string, body: Record<string, unknown>) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const commandUrl = () => ws.mintResponseUrl({ kind: 'command', user: GRACE, channel: 'C0GENERAL' });

  beforeAll(async () => {
    ws = await startFakeSlack({ now: () => t });
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => ws.reset());

  test('by default the answer is ephemeral to the user who asked', async () => {
    const rec = commandUrl();
    expect(await post(rec.url, { text: 'Building 71: mean 84', blocks: [{ type: 'divider' }] })).toEqual({ status: 200, body: { ok: true } });
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toMatchObject([{ text: 'Building 71: mean 84', ephemeralFor: GRACE, blocks: [{ type: 'divider' }] }]);
    expect(ws.state.messagesFor('C0GENERAL', 'U0LOCAL002')).toEqual([]);
    expect(ws.responses).toEqual([expect.objectContaining({ id: rec.id, status: 200, body: expect.objectContaining({ text: 'Building 71: mean 84' }) })]);
  });

  test('response_type in_channel posts for everyone, even where the bot is not a member', async () => {
    const rec = ws.mintResponseUrl({ kind: 'command', user: GRACE, channel: 'C0RANDOM' });
    await post(rec.url, { response_type: 'in_channel', text: 'shared' });
    const [msg] = ws.state.timeline('C0RANDOM');
    expect(msg).toMatchObject({ text: 'shared', user: 'U0LOCALBOT' });
    expect(msg?.ephemeralFor).toBeUndefined();
  });

  test('replace_original rewrites the ephemeral message an action came from, and it stays ephemeral', async () => {
    await post(commandUrl().url, { text: 'Tue 25 Nov', blocks: [{ type: 'divider' }] });
    const [original] = ws.state.messagesFor('C0GENERAL', GRACE);
    const action = ws.mintResponseUrl({ kind: 'action', user: GRACE, channel: 'C0GENERAL', messageTs: original?.ts ?? '' });
    await post(action.url, { replace_original: true, response_type: 'in_channel', text: 'Wed 26 Nov' });
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toMatchObject([{ ts: original?.ts, text: 'Wed 26 Nov', ephemeralFor: GRACE }]);
    expect(ws.state.messagesFor('C0GENERAL', GRACE)[0]?.blocks).toBeUndefined();
  });

  test('delete_original removes it; content sent along is posted anew ("Share in channel")', async () => {
    await post(commandUrl().url, { text: 'just for Grace' });
    const [original] = ws.state.messagesFor('C0GENERAL', GRACE);
    const action = ws.mintResponseUrl({ kind: 'action', user: GRACE, channel: 'C0GENERAL', messageTs: original?.ts ?? '' });
    const deleted: string[] = [];
    const off = ws.events.on('message_deleted', (d) => deleted.push(d.ts));
    await post(action.url, { delete_original: true, response_type: 'in_channel', text: 'for everyone' });
    off();
    expect(deleted).toEqual([original?.ts]);
    expect(ws.state.messagesFor('C0GENERAL', GRACE).map((m) => [m.text, m.ephemeralFor])).toEqual([['for everyone', undefined]]);
    expect(await post(action.url, { delete_original: true })).toEqual({ status: 404, body: { ok: false, error: 'message_not_found' } });
  });

  test("a slash command's URL has no original: replace_original and delete_original change nothing, the content is posted anew", async () => {
    const rec = commandUrl();
    await post(rec.url, { text: 'Looking up building 71…' });
    expect(await post(rec.url, { replace_original: true, text: 'Building 71: avg 118 while occupied' })).toEqual({ status: 200, body: { ok: true } });
    expect(await post(rec.url, { delete_original: true })).toEqual({ status: 200, body: { ok: true } });
    expect(ws.state.messagesFor('C0GENERAL', GRACE).map((m) => m.text)).toEqual(['Looking up building 71…', 'Building 71: avg 118 while occupied']);
    expect(ws.responses.map((r) => r.ignored)).toEqual([undefined, ['replace_original'], ['delete_original']]);
  });

  test('five uses, then used_url', async () => {
    const rec = commandUrl();
    for (let i = 1; i <= 5; i += 1) expect((await post(rec.url, { text: `answer ${i}` })).status).toBe(200);
    expect(await post(rec.url, { text: 'sixth' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toHaveLength(5);
    expect(ws.responses.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined, 'used_url']);
  });

  test('thirty minutes, then expired_url', async () => {
    const rec = commandUrl();
    t += 30 * 60 * 1000 + 1;
    expect(await post(rec.url, { text: 'late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
  });

  test('invalid blocks are refused with 404 (as Slack answers there, without details) and nothing is posted', async () => {
    const rec = commandUrl();
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
    expect(await post(rec.url, { text: 'x', blocks })).toEqual({ status: 404, body: { ok: false, error: 'invalid_blocks' } });
    expect(ws.state.messagesFor('C0GENERAL', GRACE)).toEqual([]);
  });

  test('an unknown id is 404 and is still recorded', async () => {
    expect((await post(`${ws.url}/response/0123abcd`, { text: 'x' })).status).toBe(404);
    expect(ws.responses).toMatchObject([{ id: '0123abcd', status: 404, error: 'invalid_url' }]);
  });

  test('failNext("response_url") makes the next post fail with that status', async () => {
    ws.failNext('response_url', { status: 500 });
    const rec = commandUrl();
    expect((await post(rec.url, { text: 'x' })).status).toBe(500);
    expect((await post(rec.url, { text: 'x' })).status).toBe(200);
    const arrived = await ws.waitForResponse(rec.id, (r) => r.status === 200);
    expect(arrived.body).toEqual({ text: 'x' });
  });
});
