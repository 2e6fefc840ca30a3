import { WebClient } from '@slack/web-api';
import type { View } from '@slack/web-api';
import { ALL_SCOPES } from '../../../../dev/slack';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

async function errorOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as { data?: { error?: string } }).data?.error ?? String(e);
  }
}

const modal = (title: string, extra: Partial<View> = {}): View => ({
  type: 'modal', title: { type: 'plain_text', text: title }, callback_id: 'digest_modal',
  submit: { type: 'plain_text', text: 'Save' },
  blocks: [{ type: 'input', block_id: 'time', label: { type: 'plain_text', text: 'Time' }, element: { type: 'timepicker', action_id: 'time' } }],
  ...extra,
} as View);

describe('views and files', () => {
  let ws: FakeSlack;
  let client: WebClient;
  let t = 1_764_000_000_000;

  beforeAll(async () => {
    ws = await startFakeSlack({ now: () => t, scopes: ALL_SCOPES });
    client = new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent });
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => ws.reset());

  describe('modals', () => {
    test('views.open takes a fresh trigger_id once, within 3 seconds', async () => {
      const trigger = ws.mintTriggerId('U0LOCAL001');
      const r = await client.views.open({ trigger_id: trigger, view: modal('Daily digest') });
      expect(r.view).toMatchObject({ type: 'modal', callback_id: 'digest_modal', state: { values: {} }, team_id: 'T0LOCAL', app_id: 'A0LOCALAPP' });
      expect(ws.state.views.stack('U0LOCAL001').map((v) => v.id)).toEqual([r.view?.id]);
      expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal('Again') }))).toBe('exchanged_trigger_id');
      const late = ws.mintTriggerId('U0LOCAL001');
      t += 3001;
      expect(await errorOf(client.views.open({ trigger_id: late, view: modal('Late') }))).toBe('expired_trigger_id');
      expect(await errorOf(client.views.open({ trigger_id: '123.456.abc', view: modal('Made up') }))).toBe('invalid_trigger_id');
    });

    test('bad views are invalid_arguments with the reasons', async () => {
      const long = modal('A title far over twenty-four characters');
      const err = await client.views.open({ trigger_id: ws.mintTriggerId('U0LOCAL001'), view: long }).catch((e: { data: unknown }) => e.data);
      expect(err).toMatchObject({ ok: false, error: 'invalid_arguments', response_metadata: { messages: [expect.stringContaining('/view/title/text')] } });
      const tooMany = modal('Many', { blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) } as Partial<View>);
      expect(await errorOf(client.views.open({ trigger_id: ws.mintTriggerId('U0LOCAL001'), view: tooMany }))).toBe('invalid_arguments');
    });

    test('views.push stacks up to three; views.update replaces by id or external_id and honours hash', async () => {
      const user = 'U0LOCAL002';
      const root = await client.views.open({ trigger_id: ws.mintTriggerId(user), view: modal('One', { external_id: 'ext-1' }) });
      await client.views.push({ trigger_id: ws.mintTriggerId(user), view: modal('Two') });
      const third = await client.views.push({ trigger_id: ws.mintTriggerId(user), view: modal('Three') });
      expect(third.view).toMatchObject({ root_view_id: root.view?.id });
      expect(await errorOf(client.views.push({ trigger_id: ws.mintTriggerId(user), view: modal('Four') }))).toBe('push_limit_reached');
      const updated = await client.views.update({ view_id: root.view?.id ?? '', hash: root.view?.hash ?? '', view: modal('One, again') });
      expect(updated.view?.title).toEqual({ type: 'plain_text', text: 'One, again' });
      expect(await errorOf(client.views.update({ view_id: root.view?.id ?? '', hash: root.view?.hash ?? '', view: modal('Stale') }))).toBe('hash_conflict');
      expect((await client.views.update({ external_id: 'ext-1', view: modal('By external id') })).view?.id).toBe(root.view?.id);
      expect(await errorOf(client.views.update({ view_id: 'V0NOPE', view: modal('x') }))).toBe('not_found');
      expect(ws.state.views.stack(user)).toHaveLength(3);
    });
  });

  describe('App Home', () => {
    test('views.publish keeps one Home per user and announces it', async () => {
      const homes: string[] = [];
      const off = ws.events.on('home', ({ user }) => homes.push(user));
      const first = await client.views.publish({ user_id: 'U0LOCAL001', view: { type: 'home', blocks: [{ type: 'divider' }] } });
      const second = await client.views.publish({ user_id: 'U0LOCAL001', view: { type: 'home', blocks: [] } });
      off();
      expect(second.view?.id).toBe(first.view?.id);
      expect(ws.state.views.home('U0LOCAL001')?.definition.blocks).toEqual([]);
      expect(homes).toEqual(['U0LOCAL001', 'U0LOCAL001']);
      expect(await errorOf(client.views.publish({ user_id: 'U0NOBODY', view: { type: 'home', blocks: [] } }))).toBe('user_not_found');
      expect(await errorOf(client.views.publish({ user_id: 'U0LOCAL001', view: modal('Not a home') }))).toBe('invalid_arguments');
    });
  });

  describe('files.uploadV2', () => {
    test('the three steps land the bytes and share them into the channel with a message', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
      const r = await client.filesUploadV2({ channel_id: 'C0FACILITY', file: png, filename: 'building-71.png', title: 'Building 71', initial_comment: 'Occupancy chart' });
      expect(ws.calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
      expect(ws.calls[0]?.args).toMatchObject({ filename: 'building-71.png', length: String(png.length) });
      const [msg] = ws.state.timeline('C0FACILITY');
      expect(msg).toMatchObject({ text: 'Occupancy chart', files: [{ name: 'building-71.png', title: 'Building 71', mimetype: 'image/png', size: png.length }] });
      const fileId = msg?.files?.[0]?.id ?? '';
      expect(ws.state.files.get(fileId)?.bytes).toEqual(png);
      const fetched = await fetch(msg?.files?.[0]?.urlPrivate ?? '');
      expect(Buffer.from(await fetched.arrayBuffer())).toEqual(png);
      expect(fetched.headers.get('content-type')).toBe('image/png');
      expect(JSON.stringify(r)).toContain(fileId);
    });

    test('sharing a file needs membership, even where chat:write.public would let the bot post', async () => {
      const err = await client.filesUploadV2({ channel_id: 'C0RANDOM', file: Buffer.from('x'), filename: 'a.png' }).catch((e: { data?: { error?: string } }) => e.data?.error);
      expect(err).toBe('not_in_channel');
    });

    test('completing an upload whose bytes never arrived is file_not_found', async () => {
      const url = await client.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
      expect(url.upload_url).toMatch(new RegExp(`^${ws.url}/upload/v1/F`));
      expect(await errorOf(client.files.completeUploadExternal({ files: [{ id: url.file_id ?? '' }], channel_id: 'C0FACILITY' }))).toBe('file_not_found');
    });
  });

  test('arguments in the query string of a GET are read too', async () => {
    const res = await fetch(`${ws.apiUrl}users.info?user=U0LOCAL002`, { headers: { authorization: `Bearer ${ws.botToken}` } });
    expect(await res.json()).toMatchObject({ ok: true, user: { id: 'U0LOCAL002', name: 'linus' } });
  });

  test('a JSON body is accepted as well as a form', async () => {
    const res = await fetch(`${ws.apiUrl}chat.postMessage`, {
      method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${ws.botToken}` },
      body: JSON.stringify({ channel: 'C0GENERAL', text: 'json', blocks: [{ type: 'divider' }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C0GENERAL', message: { blocks: [{ type: 'divider' }] } });
  });
});
