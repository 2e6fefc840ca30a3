import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';
import { FakeQuickChartServer, ONE_PIXEL_PNG } from '../../../fakes/quickchart-server';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

/** The Slack answer of a failed call: error and the messages naming what failed. */
async function refusal(p: Promise<unknown>): Promise<{ error: string; errors?: string[] } | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const data = (e as { data?: { error: string; errors?: string[] } }).data;
    return data ? { error: data.error, ...(data.errors ? { errors: data.errors } : {}) } : { error: String(e) };
  }
}

const image = (url: string) => ({ type: 'image', image_url: url, alt_text: 'chart' });
const downloadFailed = (n = 0) => ({ error: 'invalid_blocks', errors: [`downloading image failed [json-pointer:/blocks/${n}/image_url]`] });

describe('the embedded Slack downloads images before it accepts a message, as Slack does', () => {
  let charts: FakeQuickChartServer;
  let html: Server;
  let htmlUrl: string;
  let ws: FakeSlack;
  let client: WebClient;
  let chartUrl: string;

  beforeAll(async () => {
    charts = await FakeQuickChartServer.start();
    chartUrl = `${charts.baseUrl}/chart?c=${encodeURIComponent("{type:'bar'}")}`;
    html = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}/chart.png`;
    ws = await startFakeSlack({ imageTimeoutMs: 1000 });
    client = new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent });
  });
  afterAll(async () => {
    await ws.close();
    await charts.close();
    await new Promise<void>((resolve) => html.close(() => resolve()));
  });
  beforeEach(() => {
    ws.reset();
    charts.setMode({ kind: 'ok' });
    charts.requests.length = 0;
  });

  test('chat.postMessage: a picture that downloads is posted; the GET reached the chart server', async () => {
    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [image(chartUrl)] });
    expect(ws.state.timeline('C0GENERAL')).toHaveLength(1);
    expect(charts.requests.map((r) => r.method)).toEqual(['GET']);
  });

  test.each([
    ['an unresolvable host', () => 'https://quickchart.example.test/chart?c=1'],
    ['a closed port', () => 'http://127.0.0.1:1/chart.png'],
    ['a server error', () => (charts.setMode({ kind: 'fail', status: 503 }), chartUrl)],
    ['a body that is not an image', () => htmlUrl],
  ])('chat.postMessage: %s refuses the whole message, naming the image', async (_what, url) => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'before' } }, image(url())];
    expect(await refusal(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks }))).toEqual(downloadFailed(1));
    expect(ws.state.timeline('C0GENERAL')).toEqual([]);
  });

  test('chat.postEphemeral and chat.update download too; a refused edit leaves the message as it was', async () => {
    const bad = [image('http://127.0.0.1:1/c.png')];
    expect(await refusal(client.chat.postEphemeral({ channel: 'C0GENERAL', user: 'U0LOCAL001', text: 'x', blocks: bad }))).toEqual(downloadFailed());
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'first', blocks: [image(chartUrl)] });
    expect(await refusal(client.chat.update({ channel: 'C0GENERAL', ts: posted.ts!, text: 'edited', blocks: bad }))).toEqual(downloadFailed());
    expect(ws.state.timeline('C0GENERAL').map((m) => m.text)).toEqual(['first']);
  });

  test('a response_url post downloads too, and is refused with 404 invalid_blocks', async () => {
    const rec = ws.mintResponseUrl({ kind: 'command', user: 'U0LOCAL001', channel: 'C0GENERAL' });
    const post = (blocks: unknown[]) =>
      fetch(rec.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x', blocks }) }).then(async (r) => [r.status, await r.json()]);
    expect(await post([image('http://127.0.0.1:1/c.png')])).toEqual([404, { ok: false, error: 'invalid_blocks' }]);
    expect(await post([image(chartUrl)])).toEqual([200, { ok: true }]);
    expect(ws.state.messagesFor('C0GENERAL', 'U0LOCAL001')).toHaveLength(1);
  });

  test('unreachableHosts: a server the bot can reach and Slack cannot is never asked', async () => {
    const privateSlack = await startFakeSlack({ unreachableHosts: [new URL(charts.baseUrl).host] });
    try {
      const c = new WebClient(privateSlack.botToken, { ...privateSlack.clientOptions, logger: silent });
      expect(await refusal(c.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [image(chartUrl)] }))).toEqual(downloadFailed());
      expect(charts.requests).toEqual([]);
    } finally {
      await privateSlack.close();
    }
  });

  test("imageDownloads 'off' takes any URL without a request", async () => {
    const lax = await startFakeSlack({ imageDownloads: 'off' });
    try {
      const c = new WebClient(lax.botToken, { ...lax.clientOptions, logger: silent });
      expect(await refusal(c.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [image('https://quickchart.example.test/c.png')] }))).toBe('ok');
    } finally {
      await lax.close();
    }
  });

  test('a slack_file must name an uploaded, completed image; an unshared upload of the bot may be shown', async () => {
    const block = (id: string) => [{ type: 'image', slack_file: { id }, alt_text: 'chart' }];
    const invalidFile = { error: 'invalid_blocks', errors: ['invalid slack file [json-pointer:/blocks/0/slack_file]'] };
    expect(await refusal(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: block('F0NOSUCH') }))).toEqual(invalidFile);

    const pending = await client.files.getUploadURLExternal({ filename: 'chart.png', length: ONE_PIXEL_PNG.length });
    expect(await refusal(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: block(pending.file_id!) }))).toEqual(invalidFile);
    await fetch(pending.upload_url!, { method: 'POST', body: ONE_PIXEL_PNG });
    expect(await refusal(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: block(pending.file_id!) }))).toEqual(invalidFile);
    await client.files.completeUploadExternal({ files: [{ id: pending.file_id!, title: 'Chart' }] });

    await client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: block(pending.file_id!) });
    expect(ws.state.timeline('C0GENERAL')).toMatchObject([{ blocks: block(pending.file_id!) }]);
    // Completed without a channel: shared nowhere, and no message of its own.
    expect(ws.state.files.get(pending.file_id!)?.channels).toEqual([]);
  });
});
