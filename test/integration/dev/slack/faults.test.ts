import { WebClient, type WebClientOptions } from '@slack/web-api';
import { startFakeSlack, type FakeSlack } from '../../../fakes/slack';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

/** Whatever the client threw, reduced to the fields tests look at. */
async function failure(p: Promise<unknown>): Promise<{ code?: string; error?: string; statusCode?: number; retryAfter?: number } | 'ok'> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    const err = e as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number };
    return {
      code: err.code,
      ...(err.data?.error !== undefined ? { error: err.data.error } : {}),
      ...(err.statusCode !== undefined ? { statusCode: err.statusCode } : {}),
      ...(err.retryAfter !== undefined ? { retryAfter: err.retryAfter } : {}),
    };
  }
}

describe('fault injection and rate limits', () => {
  let ws: FakeSlack;
  const client = (extra: WebClientOptions = {}) => new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent, ...extra });

  beforeAll(async () => {
    ws = await startFakeSlack();
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => ws.reset());

  test('failNext with an error answers ok:false once, then the method works again', async () => {
    ws.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(await failure(client().chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toEqual({ code: 'slack_webapi_platform_error', error: 'channel_not_found' });
    expect(await failure(client().chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toBe('ok');
    expect(ws.state.timeline('C0GENERAL')).toHaveLength(1);
  });

  test('failNext with a 500 is an HTTP error the client would retry', async () => {
    ws.failNext('chat.postMessage', { status: 500 });
    expect(await failure(client().chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 500 });
    ws.failNext('chat.postMessage', { status: 500 });
    expect(await failure(client({ retryConfig: { retries: 1, minTimeout: 10, maxTimeout: 10 } }).chat.postMessage({ channel: 'C0GENERAL', text: 'x' }))).toBe('ok');
    expect(ws.callsTo('chat.postMessage').map((c) => c.status)).toEqual([500, 500, 200]);
  });

  test('failNext with a 429 sends Retry-After', async () => {
    ws.failNext('views.publish', { status: 429, retryAfter: 7 });
    const r = await failure(client({ rejectRateLimitedCalls: true }).views.publish({ user_id: 'U0LOCAL001', view: { type: 'home', blocks: [] } }));
    expect(r).toEqual({ code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
  });

  test('failNext with a delay holds the answer, then answers normally', async () => {
    ws.failNext('auth.test', { delayMs: 300 });
    const pending = client().auth.test();
    await ws.waitFor(() => ws.calls.find((c) => c.method === 'auth.test'));
    expect(ws.calls[0]?.response).toBeUndefined();
    expect((await pending).ok).toBe(true);
    expect(ws.calls[0]?.status).toBe(200);
  });

  test('a client timeout shorter than the delay fails the call', async () => {
    ws.failNext('auth.test', { delayMs: 500 });
    expect(await failure(client({ timeout: 100 }).auth.test())).toMatchObject({ code: 'slack_webapi_request_error' });
  });

  test('rateLimit answers 429 + Retry-After past one message a second in a channel', async () => {
    ws.rateLimit('chat.postMessage', 1);
    const strict = client({ rejectRateLimitedCalls: true });
    expect(await failure(strict.chat.postMessage({ channel: 'C0GENERAL', text: 'one' }))).toBe('ok');
    expect(await failure(strict.chat.postMessage({ channel: 'C0GENERAL', text: 'two' }))).toEqual({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    expect(await failure(strict.chat.postMessage({ channel: 'C0FACILITY', text: 'elsewhere' }))).toBe('ok');
    const last = ws.callsTo('chat.postMessage')[1];
    expect(last).toMatchObject({ status: 429, response: { ok: false, error: 'ratelimited' } });
  });

  test('a client that honours Retry-After gets through after waiting', async () => {
    ws.rateLimit('chat.postMessage', 1);
    const patient = client({ retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 10 } });
    await patient.chat.postMessage({ channel: 'C0GENERAL', text: 'one' });
    await patient.chat.postMessage({ channel: 'C0GENERAL', text: 'two' });
    expect(ws.state.timeline('C0GENERAL').map((m) => m.text)).toEqual(['one', 'two']);
    expect(ws.callsTo('chat.postMessage').map((c) => c.status)).toEqual([200, 429, 200]);
  });

  test('waitFor rejects with what did arrive when the probe never holds', async () => {
    await client().auth.test();
    await expect(ws.waitForCall('chat.postMessage', undefined, 100)).rejects.toThrow(/timed out after 100 ms; calls: \[auth\.test=ok\]/);
  });
});
