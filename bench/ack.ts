/**
 * npm run bench:ack — ack latency of signed /occupancy commands at concurrency 50 for 10 s:
 * our app (answering `building 71` through response_url in the background) against a bare
 * Bolt app whose listener only acks (the floor). Target: our p99 within 1.25x of the floor's.
 */
import { spawn } from 'node:child_process';
import { App, HTTPReceiver } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../dev/slack';
import { BENCH_SECRET, commandBody, startBenchBot, startSink, type Sink } from './support';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;
/** Requests per second of the paced run (an open loop, like Slack, which does not wait for us). */
const RATE = Number(process.env.BENCH_RATE ?? 200);

/**
 * The load generator runs in its own process: sharing the bot's event loop would charge its
 * own work to the bot's latency. Two runs per app:
 * - closed: autocannon, 50 connections, each sending its next request as soon as the last is
 *   answered (a flood: it measures the bot at saturation);
 * - paced: requests started at a fixed rate over 50 keep-alive connections, each timed alone.
 */
const LOAD_SCRIPT = `
const http = require('node:http');
const [autocannonPath, json] = process.argv.slice(1);
const o = JSON.parse(json);
const pct = (xs, p) => xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p / 100 * xs.length) - 1)] : NaN;
if (o.mode === 'closed') {
  require(autocannonPath)(o.options).then((r) => process.stdout.write(JSON.stringify({
    p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx, errors: r.errors, total: r.requests.total,
  })), (err) => { console.error(err); process.exit(1); });
} else {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(o.options.url);
  const lat = []; let non2xx = 0, errors = 0, sent = 0;
  const total = o.rate * o.duration;
  const started = performance.now();
  const one = () => new Promise((resolve) => {
    const t0 = performance.now();
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: o.options.headers }, (res) => {
      res.resume();
      res.on('end', () => { lat.push(performance.now() - t0); if (res.statusCode >= 300) non2xx++; resolve(); });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(o.options.body);
  });
  const pending = [];
  const tick = () => {
    const due = Math.min(total, Math.floor((performance.now() - started) / 1000 * o.rate));
    while (sent < due) { sent++; pending.push(one()); }
    if (sent < total) setTimeout(tick, 1); else Promise.all(pending).then(() => {
      lat.sort((a, b) => a - b);
      process.stdout.write(JSON.stringify({ p50: pct(lat, 50), p99: pct(lat, 99), rps: lat.length / o.duration, non2xx, errors, total: lat.length }));
      agent.destroy();
    });
  };
  tick();
}
`;

interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  total: number;
}

function load(url: string, body: string, mode: 'closed' | 'paced'): Promise<LoadResult> {
  const ts = Math.floor(Date.now() / 1000);
  const options = {
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackRequest(BENCH_SECRET, ts, body),
    },
    body,
  };
  const spec = { mode, options, rate: RATE, duration: DURATION_S, connections: CONNECTIONS };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, require.resolve('autocannon'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`))));
  });
}

async function both(url: string, body: string): Promise<{ closed: LoadResult; paced: LoadResult }> {
  const closed = await load(url, body, 'closed');
  const paced = await load(url, body, 'paced');
  return { closed, paced };
}

async function floor(body: string) {
  const receiver = new HTTPReceiver({ signingSecret: BENCH_SECRET, processBeforeResponse: false });
  const app = new App({ token: 'xoxb-floor', receiver, botId: 'B1', botUserId: 'U1' });
  app.command('/occupancy', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'Looking up building 71…' });
  });
  const server = (await app.start(0)) as unknown as { address(): AddressInfo };
  try {
    return await both(`http://127.0.0.1:${server.address().port}/slack/events`, body);
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
    return await both(url, body);
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
  const fmt = (name: string, r: LoadResult) =>
    `  ${name.padEnd(22)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${Math.round(r.rps)} req/s  (${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`;
  console.log(`bench:ack — signed /occupancy commands ("building 71"), ${CONNECTIONS} connections, ${DURATION_S} s per run, loopback`);
  console.log(`closed loop (autocannon: each connection sends again as soon as it is answered):`);
  console.log(fmt('bare Bolt (ack only)', f.closed));
  console.log(fmt('occupancy-bot', o.closed));
  console.log(`paced at ${RATE} req/s (open loop, every request timed on its own):`);
  console.log(fmt('bare Bolt (ack only)', f.paced));
  console.log(fmt('occupancy-bot', o.paced));
  console.log(`answers delivered to response_url during our runs: ${answered}`);
  const ratio = (a: LoadResult, b: LoadResult) => (b.p99 > 0 ? (a.p99 / b.p99).toFixed(2) : 'n/a');
  console.log(`p99 ratio ours / floor: closed ${ratio(o.closed, f.closed)}, paced ${ratio(o.paced, f.paced)} (target ≤ 1.25)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
