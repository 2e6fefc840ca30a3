/**
 * The bot as a process (`node dist/src/main.js`, HTTP mode) against requests an attacker, a
 * broken proxy or a confused client can send: whatever a request carries, the process keeps
 * serving, the answer is immediate and says what was wrong, and nothing runs twice.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { startFakeSlack, TEST_SIGNING_SECRET, type FakeSlack } from '../../fakes/slack';
import { compileBot, HTTP_READY, simulatorEnv, slackHttpEnv, spawnBot, type BotProcess } from '../../support/bot-process';
import { PATIENCE_MS } from '../../support/patience';

const ROOT = join(__dirname, '../../..');
const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

interface Sent {
  status: number;
  body: string;
  ms: number;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (ts: string | number, body: string, secret = TEST_SIGNING_SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;

describe('the bot process against hostile requests', () => {
  let dir: string;
  let slack: FakeSlack;
  let sim: RunningSimulator;
  let bot: BotProcess;

  /** POSTs to /slack/events; signed with the right secret unless headers say otherwise. */
  function post(body: string | Buffer, opts: { contentType?: string; headers?: Record<string, string>; signed?: boolean } = {}): Promise<Sent> {
    const ts = String(nowSeconds());
    const headers: Record<string, string> = {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      ...(opts.signed === false ? {} : { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts, String(body)) }),
      ...opts.headers,
    };
    const t0 = Date.now();
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bot.port, path: '/slack/events', method: 'POST', headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += String(d)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, ms: Date.now() - t0 }));
      });
      // The server may answer (and close) before a large body is sent: that is the point.
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, body: err.code, ms: Date.now() - t0 }) : reject(err)));
      req.end(body);
    });
  }

  const command = (text: string, responseUrl = slack.mintResponseUrl({ kind: 'command', user: USER, channel: CHANNEL }).url) =>
    new URLSearchParams({
      command: '/occupancy', text, user_id: USER, user_name: 'grace', channel_id: CHANNEL, channel_name: 'general', team_id: 'T0LOCAL',
      team_domain: 'local', response_url: responseUrl, trigger_id: '1.2.3', api_app_id: 'A0LOCAL',
    }).toString();

  async function stillServing(): Promise<void> {
    expect(bot.child.exitCode).toBeNull();
    const health = await fetch(`http://127.0.0.1:${bot.port}/healthz`);
    expect(health.status).toBe(200);
    const help = await post(command('help'));
    expect(help.status).toBe(200);
    expect(help.body).toContain('/occupancy building 71');
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'occupancy-hostile-'));
    compileBot(ROOT, join(dir, 'bot'));
    slack = await startFakeSlack();
    sim = await startSimulator();
    bot = await spawnBot({
      cwd: join(dir, 'bot'),
      env: {
        PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, LOG_LEVEL: 'info',
        ...slackHttpEnv(slack, TEST_SIGNING_SECRET), ...simulatorEnv(sim), QUICKCHART_URL: 'https://quickchart.example.test',
      },
      ready: HTTP_READY,
    });
  }, 5 * 60_000);

  afterAll(async () => {
    await bot?.kill();
    await slack?.close();
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['payload=null', 'payload=null', undefined],
    ['payload=[]', 'payload=%5B%5D', undefined],
    ['payload that is not JSON', 'payload=%7Bnot', undefined],
    ['payload without a type', `payload=${encodeURIComponent('{"user":{"id":"U1"}}')}`, undefined],
    ['a JSON body of null', 'null', 'application/json'],
    ['a JSON body that is a number', '7', 'application/json'],
    ['a command with two text= keys', 'command=%2Foccupancy&text=help&text=building+71&user_id=U0LOCAL001&team_id=T0LOCAL&channel_id=C0GENERAL', undefined],
    ['a command whose text is missing its command', 'text=help&user_id=U0LOCAL001', undefined],
  ])('a signed %s is answered 400 at once, and the process keeps serving', async (_what, body, contentType) => {
    const res = await post(body, contentType ? { contentType } : {});
    expect(res.status).toBe(400);
    expect(res.body).toMatch(/^[A-Za-z].{5,}/);
    expect(res.ms).toBeLessThan(PATIENCE_MS);
    await stillServing();
  });

  it.each([
    ['Infinity', 'Infinity'],
    ['1e400', '1e400'],
    ['a decimal', `${nowSeconds()}.5`],
    ['words', 'yesterday'],
  ])('a timestamp of %s is refused 401 without running anything', async (_what, ts) => {
    const body = command('help');
    const res = await post(body, { headers: { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts, body) } });
    expect(res.status).toBe(401);
    await stillServing();
  });

  it("Slack's app_rate_limited notice is answered 200 well inside 3 s and logged as a warning", async () => {
    const notice = JSON.stringify({ token: 'x', type: 'app_rate_limited', team_id: 'T0LOCAL', minute_rate_limited: nowSeconds() - 60, api_app_id: 'A0LOCAL' });
    const res = await post(notice, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    // Bolt alone cannot tell its type and leaves it for its 3 s timeout.
    expect(res.ms).toBeLessThan(3_000);
    await stillServing();
  });

  it('a replay of a signed command within the window is answered without running the command again', async () => {
    const url = slack.mintResponseUrl({ kind: 'command', user: USER, channel: CHANNEL });
    const body = command('digest list', url.url);
    const ts = String(nowSeconds());
    const headers = { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts, body) };
    const first = await post(body, { headers });
    expect(first.status).toBe(200);
    await slack.waitForResponse(url.id, undefined, PATIENCE_MS);
    const before = slack.responses.length;
    const again = await post(body, { headers });
    expect(again.status).toBe(200);
    expect(again.body).toBe('');
    await new Promise((r) => setTimeout(r, 500));
    expect(slack.responses.length).toBe(before);
  });

  it('an unsigned body over the limit is refused 413 before it is read, and concurrent uploads are capped', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 'a');
    const res = await post(big, { signed: false, headers: { 'x-slack-request-timestamp': String(nowSeconds()), 'x-slack-signature': 'v0=00' } });
    expect([413, -1]).toContain(res.status);
    const many = await Promise.all(Array.from({ length: 40 }, () => post(big, { signed: false })));
    expect(many.every((r) => r.status === 413 || r.status === 503 || r.status === -1)).toBe(true);
    await stillServing();
  });

  it('never died along the way', () => {
    expect(bot.output()).not.toMatch(/ssl_check|Cannot read properties/);
    expect(bot.child.exitCode).toBeNull();
  });
});
