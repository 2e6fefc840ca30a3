/**
 * The response_url poster against a real HTTP server on loopback: what it sends, that it keeps
 * one socket for answers in a row, how Slack's refusals and silences come back, and that no
 * error names the URL (a response_url is a credential).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { toRespondError } from '../../../src/slack/chat';
import { createResponseUrlPoster, ResponseUrlError, ResponseUrlUnanswered, responseUrlOf, type ResponseUrlPoster } from '../../../src/slack/response-url';

interface Received {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** Answers each POST with the status its path names (/200/…, /404/…); /silent/… never answers. */
async function startSlackStandIn() {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += String(d)));
    req.on('end', () => {
      received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(text) as unknown });
      if (req.url?.startsWith('/silent/')) return;
      const status = Number(req.url?.split('/')[1] ?? 500);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no_such_url');
    });
  });
  server.on('connection', (s: Socket) => {
    connections += 1;
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    connections: () => connections,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('the response_url poster', () => {
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let poster: ResponseUrlPoster;

  beforeEach(async () => {
    slack = await startSlackStandIn();
    poster = createResponseUrlPoster({ timeoutMs: 300 });
  });
  afterEach(async () => {
    poster.close();
    await slack.close();
  });

  it('posts the message as JSON and reuses one socket for answers in a row', async () => {
    const respond = poster.respondFor(`${slack.base}/200/T1/B1/abc`);
    await respond({ response_type: 'ephemeral', text: 'first' });
    await respond('second');
    await poster.post(`${slack.base}/200/T1/B2/def`, { text: 'third', replace_original: true });
    expect(slack.received.map((r) => r.body)).toEqual([
      { response_type: 'ephemeral', text: 'first' },
      { text: 'second' },
      { text: 'third', replace_original: true },
    ]);
    expect(slack.received[0]!.contentType).toBe('application/json; charset=utf-8');
    expect(slack.connections()).toBe(1);
  });

  it("turns Slack's refusal into its status, read as the chat port reads it", async () => {
    const err = await poster.post(`${slack.base}/404/T1/B1/secret-part`, { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlError);
    expect((err as ResponseUrlError).statusCode).toBe(404);
    expect(toRespondError(err)).toMatchObject({ kind: 'refused', slackError: 'expired_url' });
    const limited = await poster.post(`${slack.base}/429/T1/B1/secret-part`, { text: 'x' }).catch((e: unknown) => e);
    expect(toRespondError(limited)).toMatchObject({ kind: 'rate_limited' });
    // The refused answer was read to the end, so the socket went back to the pool.
    await poster.post(`${slack.base}/200/T1/B1/next`, { text: 'y' });
    expect(slack.connections()).toBe(1);
  });

  it('gives up on a post Slack never answers, as an outcome that may have gone through', async () => {
    const started = Date.now();
    const err = await poster.post(`${slack.base}/silent/T1/B1/secret-part`, { text: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResponseUrlUnanswered);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(toRespondError(err)).toMatchObject({ kind: 'unknown' });
  });

  it('never names the URL in an error', async () => {
    const failures = await Promise.all([
      poster.post(`${slack.base}/404/T1/B1/secret-part`, { text: 'x' }).catch((e: unknown) => e),
      poster.post(`${slack.base}/silent/T1/B1/secret-part`, { text: 'x' }).catch((e: unknown) => e),
      poster.post('http://127.0.0.1:1/T1/B1/secret-part', { text: 'x' }).catch((e: unknown) => e),
      poster.post('not a url secret-part', { text: 'x' }).catch((e: unknown) => e),
      poster.post('ftp://example.com/secret-part', { text: 'x' }).catch((e: unknown) => e),
    ]);
    for (const err of failures) {
      expect(err).toBeInstanceOf(Error);
      expect(`${(err as Error).message} ${(err as Error).stack}`).not.toContain('secret-part');
    }
  });

  it('refuses to answer a request that came without a response_url', async () => {
    await expect(poster.respondFor(undefined)({ text: 'x' })).rejects.toThrow('came without a response_url');
    expect(slack.received).toHaveLength(0);
  });

  it('closes its kept sockets on close()', async () => {
    await poster.post(`${slack.base}/200/T1/B1/abc`, { text: 'x' });
    expect(slack.open()).toBe(1);
    poster.close();
    for (let i = 0; i < 50 && slack.open() > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(slack.open()).toBe(0);
  });
});

describe('responseUrlOf', () => {
  it("finds the URL where Bolt looks: a command's or action's own, else a form's first", () => {
    expect(responseUrlOf({ response_url: 'https://hooks.slack.com/a' })).toBe('https://hooks.slack.com/a');
    expect(responseUrlOf({ response_urls: [{ response_url: 'https://hooks.slack.com/b' }, { response_url: 'https://hooks.slack.com/c' }] })).toBe('https://hooks.slack.com/b');
    expect(responseUrlOf({ response_urls: [] })).toBeUndefined();
    expect(responseUrlOf({ response_url: 42 })).toBeUndefined();
    expect(responseUrlOf(null)).toBeUndefined();
  });
});
