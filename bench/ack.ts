/**
 * npm run bench:ack — ack latency of signed /occupancy commands at concurrency 50 for 10 s:
 * our app (answering `building 71` through response_url in the background) against a bare
 * Bolt app whose listener only acks (the floor). Target: our p99 within 1.25x of the floor's.
 */
import { spawn } from 'node:child_process';
import { App, HTTPReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../src/console/slack';
import { BENCH_SECRET, commandBody, startBenchBot, startSink, type Sink } from './support';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
/**
 * Requests per second across all connections. A closed loop at full speed would measure how
 * fast background answers pile up, not how fast Slack gets its ack; a fixed rate well above
 * any real workspace's command rate compares ack latency fairly. BENCH_RATE=0 removes the cap.
 */
const RATE = Number(process.env.BENCH_RATE ?? 300);

/**
 * The load generator runs in its own process: sharing the bot's event loop would charge its
 * own work to the bot's latency.
 */
const LOAD_SCRIPT = `
const [autocannonPath, json] = process.argv.slice(1);
require(autocannonPath)(JSON.parse(json)).then((r) => process.stdout.write(JSON.stringify({
  p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx, errors: r.errors, total: r.requests.total,
})), (err) => { console.error(err); process.exit(1); });
`;

interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  total: number;
}

function load(url: string, body: string): Promise<LoadResult> {
  const ts = Math.floor(Date.now() / 1000);
  const options = {
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(BENCH_SECRET, ts, body),
    },
    body,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, require.resolve('autocannon'), JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

async function floor(body: string) {
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SECRET, processBeforeResponse: false });
  const app = new App({ token: 'xoxb-floor', receiver, botId: 'B1', botUserId: 'U1' });
  app.command('/occupancy', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'Looking up building 71…' });
  });
  const server = (await app.start(0)) as unknown as { address(): AddressInfo };
  try {
    return await load(`http://127.0.0.1:${server.address().port}/slack/events`, body);
  } finally {
    await app.stop();
  }
}

async function ours(body: string, sink: Sink) {
  const bot = await startBenchBot();
  try {
    const url = `http://127.0.0.1:${bot.app.port}/slack/events`;
    // One answer first, so the run measures the steady state of a busy bot (InnerSpace cached).
    const ts = Math.floor(Date.now() / 1000);
    const before = await sink.count();
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(BENCH_SECRET, ts, body) },
      body,
    });
    while ((await sink.count()) === before) await new Promise((r) => setTimeout(r, 20));
    return await load(url, body);
  } finally {
    await bot.stop();
  }
}

async function main() {
  const sink = await startSink();
  const body = commandBody('building 71', sink.url);
  const f = await floor(body);
  const before = await sink.count();
  const o = await ours(body, sink);
  const answered = (await sink.count()) - before - 1;
  await sink.close();
  const fmt = (name: string, r: typeof f) =>
    `${name.padEnd(22)} p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ${Math.round(r.rps)} req/s  (${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
  console.log(`bench:ack — signed /occupancy commands, ${CONNECTIONS} connections, ${RATE > 0 ? `${RATE} req/s` : 'uncapped'}, ${DURATION_S} s each, loopback`);
  console.log(fmt('bare Bolt (ack only)', f));
  console.log(fmt('occupancy-bot', o));
  console.log(`answers delivered to response_url during our run: ${answered}`);
  const ratio = f.p99 > 0 ? o.p99 / f.p99 : o.p99 === 0 ? 1 : Infinity;
  console.log(`p99 ratio (ours / floor): ${ratio.toFixed(2)} (target ≤ 1.25)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
