import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QuickChartRenderer, SLACK_IMAGE_URL_MAX } from '../../../src/charts/quickchart';
import type { AppError } from '../../../src/errors';
import { FakeQuickChartServer, ONE_PIXEL_PNG } from '../../fakes/quickchart-server';
import { oversizedConfig, runChartRendererContract, smallConfig } from './renderer.contract';

runChartRendererContract('QuickChartRenderer against the fake QuickChart server', async () => {
  const server = await FakeQuickChartServer.start();
  return {
    renderer: new QuickChartRenderer({ baseUrl: server.baseUrl }),
    breakServer: () => server.setMode({ kind: 'fail', status: 500 }),
    cleanup: () => server.close(),
  };
});

async function rejection(p: Promise<unknown>): Promise<AppError> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e as AppError,
  );
}

describe('QuickChartRenderer', () => {
  let server: FakeQuickChartServer;
  beforeAll(async () => {
    server = await FakeQuickChartServer.start();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.setMode({ kind: 'ok' });
  });

  it('builds a Chart.js v4 URL on the configured host without any network call', () => {
    const url = new URL(new QuickChartRenderer({ baseUrl: server.baseUrl }).url(smallConfig) ?? '');
    expect(`${url.protocol}//${url.host}${url.pathname}`).toBe(`${server.baseUrl}/chart`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ v: '4', w: '800', h: '400', bkg: '#ffffff', f: 'png' });
    expect(url.searchParams.get('c')).toContain("type:'bar'");
    // Said even at 1: quickchart-js omits it then, and QuickChart would draw at 2 (4x the pixels).
    expect(url.searchParams.get('devicePixelRatio')).toBe('1');
    expect(server.requests).toEqual([]);
  });

  it('sends devicePixelRatio 1 to the server, by URL and by POST', async () => {
    const renderer = new QuickChartRenderer({ baseUrl: server.baseUrl });
    const res = await fetch(renderer.url(smallConfig) ?? '');
    expect(res.status).toBe(200);
    await renderer.png(smallConfig);
    expect(server.requests.map((r) => (r.method === 'GET' ? r.query.devicePixelRatio : r.body?.devicePixelRatio))).toEqual(['1', 1]);
  });

  it('uses per-call image options over the defaults', () => {
    const renderer = new QuickChartRenderer({ baseUrl: 'https://quickchart.io', defaults: { width: 600 } });
    const url = new URL(renderer.url(smallConfig, { height: 300, devicePixelRatio: 2, backgroundColor: '#000000' }) ?? '');
    expect(url.origin).toBe('https://quickchart.io');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ w: '600', h: '300', devicePixelRatio: '2', bkg: '#000000' });
  });

  it('keeps a path prefix of the base URL', () => {
    const url = new QuickChartRenderer({ baseUrl: 'http://127.0.0.1:3400/quickchart/' }).url(smallConfig);
    expect(url?.startsWith('http://127.0.0.1:3400/quickchart/chart?c=')).toBe(true);
  });

  it('returns the URL up to the limit and null one character past it', () => {
    const length = new QuickChartRenderer({ baseUrl: server.baseUrl, maxUrlLength: 100_000 }).url(smallConfig)?.length ?? 0;
    expect(length).toBeGreaterThan(0);
    expect(new QuickChartRenderer({ baseUrl: server.baseUrl, maxUrlLength: length }).url(smallConfig)).not.toBeNull();
    expect(new QuickChartRenderer({ baseUrl: server.baseUrl, maxUrlLength: length - 1 }).url(smallConfig)).toBeNull();
    expect(new QuickChartRenderer({ baseUrl: server.baseUrl }).url(oversizedConfig)).toBeNull();
    expect(SLACK_IMAGE_URL_MAX).toBe(3000);
  });

  it('POSTs the config with version 4 and the image options', async () => {
    const png = await new QuickChartRenderer({ baseUrl: server.baseUrl }).png(smallConfig, { width: 1000, devicePixelRatio: 2 });
    expect(png).toEqual(ONE_PIXEL_PNG);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/chart' });
    expect(req?.body).toMatchObject({ version: '4', width: 1000, height: 400, devicePixelRatio: 2, backgroundColor: '#ffffff', format: 'png' });
    expect(String(req?.body?.chart)).toContain("label:'Tue 25 Nov'");
  });

  it('reports a server error with its status', async () => {
    server.setMode({ kind: 'fail', status: 503 });
    const err = await rejection(new QuickChartRenderer({ baseUrl: server.baseUrl }).png(smallConfig));
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'quickchart', status: 503 });
  });

  it('refuses an answer that is not a PNG', async () => {
    server.setMode({ kind: 'not-png' });
    const err = await rejection(new QuickChartRenderer({ baseUrl: server.baseUrl }).png(smallConfig));
    expect(err).toMatchObject({ code: 'UPSTREAM_BAD_DATA' });
  });

  it('stops waiting after its timeout', async () => {
    server.setMode({ kind: 'hang' });
    const err = await rejection(new QuickChartRenderer({ baseUrl: server.baseUrl, timeoutMs: 200 }).png(smallConfig));
    expect(err).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: 'quickchart', timeoutMs: 200 });
  });

  it('reports a server that is not there', async () => {
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const { port } = gone.address() as AddressInfo;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
    const err = await rejection(new QuickChartRenderer({ baseUrl: `http://127.0.0.1:${port}` }).png(smallConfig));
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'quickchart' });
  });

  it.each(['not a url', 'ftp://quickchart.io', 'https://user:hunter2@quickchart.io', 'https://quickchart.io/?key=hunter2', 'https://quickchart.io/#hunter2'])(
    'refuses the base URL %p without echoing it',
    (baseUrl) => {
      let err: unknown;
      try {
        new QuickChartRenderer({ baseUrl });
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'CONFIG_INVALID', problems: [expect.stringContaining('QUICKCHART_URL')] });
      expect(String((err as Error).message)).not.toContain('hunter2');
      expect(JSON.stringify(err)).not.toContain('hunter2');
    },
  );
});

describe('FakeQuickChartServer', () => {
  it('answers GET and POST with a real PNG, 400 without a chart and 404 elsewhere', async () => {
    const server = await FakeQuickChartServer.start();
    try {
      // 1×1, 8-bit RGBA per the IHDR chunk.
      expect(ONE_PIXEL_PNG.readUInt32BE(16)).toBe(1);
      expect(ONE_PIXEL_PNG.readUInt32BE(20)).toBe(1);
      const get = await fetch(`${server.baseUrl}/chart?c=${encodeURIComponent("{type:'bar'}")}`);
      expect([get.status, get.headers.get('content-type')]).toEqual([200, 'image/png']);
      await get.arrayBuffer();
      const noChart = await fetch(`${server.baseUrl}/chart`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect([noChart.status, noChart.headers.get('x-quickchart-error')]).toEqual([400, 'No chart specified']);
      await noChart.text();
      const other = await fetch(`${server.baseUrl}/other`);
      expect(other.status).toBe(404);
      await other.text();
      const health = await fetch(`${server.baseUrl}/healthcheck`);
      expect(await health.json()).toEqual({ success: true });
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /chart', 'POST /chart', 'GET /other', 'GET /healthcheck']);
      expect(server.requests[0]?.query).toEqual({ c: "{type:'bar'}" });
    } finally {
      await server.close();
    }
  });
});
