/**
 * npm run bench:ack — ack latency of signed `/occupancy building 71` commands, our app (which
 * answers each through response_url in the background) side by side with a bare Bolt app whose
 * listener only acks (the floor), in one run: a flood (autocannon, 20 connections) and an open
 * loop paced at 300 req/s. Targets: paced p99 within 1.25x of the floor's, flood p99 within 2x;
 * it also prints how many full answers per second the flood got.
 *
 * Both apps run alike: compiled JavaScript (the build `npm start` and the image run), each in a
 * process of its own, warmed up with the same load before anything is measured (a bot that has
 * been up a while has its hot paths compiled). A shared machine makes single runs noisy, so it
 * runs rounds back to back, alternating which app goes first, and quotes the median ratios.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signSlackRequest, startSlackWorkspace } from '../dev/slack';
import { startSimulator } from '../dev/simulator';
import { BUSY_TEXT } from '../src/slack/blocks/errors';
import { BENCH_SECRET, commandBody, startSink, type Sink } from './support';
import { simulatorEnv, slackHttpEnv } from '../test/support/bot-process';

/** Words only the busy answer carries. */
const BUSY_MARKER = BUSY_TEXT.slice(0, 40);

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
/** Rounds of (bare, ours) per mode; the ratios quoted are their medians, which a noisy neighbour moves least. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** Seconds of paced load each app gets, unmeasured, before the first round. */
const WARM_UP_S = Number(process.env.BENCH_WARM_UP_S ?? 3);
/** Extra node flags for both apps (say `--cpu-prof`), to look into a run. */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const BUILT_MAIN = join(__dirname, '../dist/src/main.js');
/** Which runs to make (`paced,flood`); one alone when looking into it. */
const MODES = (process.env.BENCH_MODES ?? 'paced,flood').split(',').filter((m): m is Mode => m === 'paced' || m === 'flood');
/** The flood: autocannon's closed loop over this many connections. */
const FLOOD_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
/** Requests per second of the paced run (an open loop, like Slack, which does not wait for us). */
const RATE = Number(process.env.BENCH_RATE ?? 300);
/** Keep-alive sockets the paced run may open (it needs few at this rate; more only if we stall). */
const PACED_SOCKETS = 64;

/**
 * The load generator runs in its own process: sharing the bot's event loop would charge its
 * own work to the bot's latency. Every request is a new command, signed on its own (a fresh
 * trigger_id and timestamp): a copy of one signed body would be answered as a replay and never
 * run. Two runs per app:
 * - flood: autocannon, each connection sending its next request as soon as the last is answered
 *   (it measures the bot at saturation);
 * - paced: requests started at a fixed rate over keep-alive connections, each timed alone.
 * Answers whose text carries the busy marker are counted apart.
 */
const LOAD_SCRIPT = `
const http = require('node:http');
const crypto = require('node:crypto');
const [autocannonPath, json] = process.argv.slice(1);
const o = JSON.parse(json);
let seq = 0, busy = 0;
const fresh = () => {
  const ts = Math.floor(Date.now() / 1000);
  const body = o.body.replace('TRIGGER', process.pid + '.' + (++seq));
  const sig = 'v0=' + crypto.createHmac('sha256', o.secret).update('v0:' + ts + ':' + body).digest('hex');
  return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } };
};
const seen = (text) => { if (o.busyMarker && String(text).includes(o.busyMarker)) busy++; };
const pct = (xs, p) => xs.length ? xs[Math.min(xs.length - 1, Math.ceil(p / 100 * xs.length) - 1)] : NaN;
if (o.mode === 'flood') {
  require(autocannonPath)({
    url: o.url, method: 'POST', connections: o.connections, duration: o.duration,
    requests: [{ setupRequest: (req) => Object.assign({}, req, fresh()), onResponse: (status, body) => seen(body) }],
  }).then((r) => process.stdout.write(JSON.stringify({
    p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, non2xx: r.non2xx, errors: r.errors, total: r.requests.total, busy,
  })), (err) => { console.error(err); process.exit(1); });
} else {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const url = new URL(o.url);
  const lat = []; let non2xx = 0, errors = 0, sent = 0;
  const total = o.rate * o.duration;
  const started = performance.now();
  const one = () => new Promise((resolve) => {
    const t0 = performance.now();
    const { body, headers } = fresh();
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => { lat.push(performance.now() - t0); if (res.statusCode >= 300) non2xx++; seen(text); resolve(); });
    });
    req.on('error', () => { errors++; resolve(); });
    req.end(body);
  });
  const pending = [];
  const tick = () => {
    const due = Math.min(total, Math.floor((performance.now() - started) / 1000 * o.rate));
    while (sent < due) { sent++; pending.push(one()); }
    if (sent < total) setTimeout(tick, 1); else Promise.all(pending).then(() => {
      lat.sort((a, b) => a - b);
      process.stdout.write(JSON.stringify({ p50: pct(lat, 50), p99: pct(lat, 99), rps: lat.length / o.duration, non2xx, errors, total: lat.length, busy }));
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
  /** Acks that said the bot was too busy to answer. */
  busy: number;
}

type Mode = 'flood' | 'paced';

function load(url: string, body: string, mode: Mode, duration = DURATION_S): Promise<LoadResult> {
  const spec = {
    mode,
    url,
    body,
    secret: BENCH_SECRET,
    busyMarker: BUSY_MARKER,
    rate: RATE,
    duration,
    connections: mode === 'flood' ? FLOOD_CONNECTIONS : PACED_SOCKETS,
  };
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

interface Run {
  readonly result: LoadResult;
  /** Full answers that reached response_url while the run lasted. */
  readonly answeredDuring: number;
  /** …and once the bot had finished what it had taken on. */
  readonly answeredInAll: number;
}

/** Waits until the sink has received nothing new for a second: the bot has caught up. */
async function settled(sink: Sink): Promise<number> {
  let last = await sink.count();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await sink.count();
    if (now === last) return now;
    last = now;
  }
}

async function run(url: string, body: string, mode: Mode, sink: Sink): Promise<Run> {
  const start = await sink.count();
  const result = await load(url, body, mode);
  const during = (await sink.count()) - start;
  const all = (await settled(sink)) - start;
  return { result, answeredDuring: during, answeredInAll: all };
}

interface Running {
  readonly url: string;
  stop(): Promise<void>;
}

/** A bare Bolt app whose one listener acks (as ours: an empty ack, the answer being the one message): the floor. */
const FLOOR_SCRIPT = `
const { App, HTTPReceiver } = require('@slack/bolt');
const [secret, port] = process.argv.slice(1);
const receiver = new HTTPReceiver({ signingSecret: secret, processBeforeResponse: false });
const app = new App({ token: 'xoxb-floor', receiver, botId: 'B1', botUserId: 'U1' });
app.command('/occupancy', async ({ ack }) => { await ack(); });
app.start(Number(port)).then(() => process.send('ready'));
process.on('SIGTERM', () => app.stop().then(() => process.exit(0)));
`;

async function startFloor(): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, '-e', FLOOR_SCRIPT, BENCH_SECRET, String(port)], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare Bolt app exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Our bot as it runs in production: the build's `dist/src/main.js` in a process of its own, in
 * HTTP mode, with Slack (the embedded workspace) and InnerSpace (the simulator) in this process,
 * so its heap and event loop hold only the bot. One answer first, so InnerSpace is cached.
 */
async function startOurs(body: string, sink: Sink): Promise<Running> {
  if (!existsSync(BUILT_MAIN)) throw new Error('no build: run `npm run build` first (`npm run bench:ack` does)');
  const slack = await startSlackWorkspace();
  const sim = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-ack-'));
  const port = await freePort();
  const child = fork(BUILT_MAIN, [], {
    execArgv: NODE_FLAGS,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      ...slackHttpEnv(slack, BENCH_SECRET),
      ...simulatorEnv(sim),
    },
  });
  const stop = async () => {
    await stopChild(child);
    await slack.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}/slack/events`;
  try {
    for (let healthy = false; !healthy; ) {
      if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode}`);
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    const ts = Math.floor(Date.now() / 1000);
    const first = body.replace('TRIGGER', 'warm-up');
    const before = await sink.count();
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(BENCH_SECRET, ts, first) },
      body: first,
    });
    while ((await sink.count()) === before) await new Promise((r) => setTimeout(r, 20));
    await settled(sink);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const sink = await startSink();
  const body = commandBody('building 71', sink.url, 'TRIGGER');
  const floor = await startFloor();
  const ours = await startOurs(body, sink);
  const ms = (v: number) => v.toFixed(1).padStart(6);
  const row = (name: string, r: Run, answers: boolean) => {
    const x = r.result;
    const delivered = answers ? `; ${Math.round(r.answeredDuring / DURATION_S)} answers/s delivered (${r.answeredDuring} during, ${r.answeredInAll} in all), ${x.busy} told busy` : '';
    return `    ${name.padEnd(22)} p50 ${ms(x.p50)} ms  p99 ${ms(x.p99)} ms  ${String(Math.round(x.rps)).padStart(5)} req/s  ${x.non2xx} non-2xx, ${x.errors} errors${delivered}`;
  };
  console.log(`bench:ack — signed /occupancy commands ("building 71", each signed anew), ${DURATION_S} s per run, loopback, ${ROUNDS} rounds`);
  console.log(`  flood: autocannon, ${FLOOD_CONNECTIONS} connections, each sending again as soon as it is answered`);
  console.log(`  paced: ${RATE} req/s, open loop, every request timed on its own`);
  console.log(`  both apps compiled, each in its own process, warmed up with ${WARM_UP_S} s of paced load; each round runs them back to back, alternating which goes first`);
  const ratios: Record<Mode, number[]> = { paced: [], flood: [] };
  const answerRates: number[] = [];
  try {
    for (const app of [floor, ours]) {
      await load(app.url, body, 'paced', WARM_UP_S);
      await settled(sink);
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const mode of MODES) {
        const bareFirst = round % 2 === 1;
        const first = await run(bareFirst ? floor.url : ours.url, body, mode, sink);
        const second = await run(bareFirst ? ours.url : floor.url, body, mode, sink);
        const [f, o] = bareFirst ? [first, second] : [second, first];
        ratios[mode].push(o.result.p99 / f.result.p99);
        if (mode === 'flood') answerRates.push(o.answeredDuring / DURATION_S);
        console.log(`  round ${round}, ${mode}: ours / bare p99 ${(o.result.p99 / f.result.p99).toFixed(2)}x`);
        console.log(row('bare Bolt (ack only)', f, false));
        console.log(row('occupancy-bot', o, true));
      }
    }
  } finally {
    await ours.stop();
    await floor.stop();
    await sink.close();
  }
  const medians = [
    ...(ratios.paced.length ? [`paced ${median(ratios.paced).toFixed(2)}x (target ≤ 1.25)`] : []),
    ...(ratios.flood.length ? [`flood ${median(ratios.flood).toFixed(2)}x (target ≤ 2)`] : []),
  ];
  const delivered = answerRates.length ? `; full answers delivered in the flood: median ${Math.round(median(answerRates))}/s` : '';
  console.log(`median p99 ours / bare Bolt: ${medians.join(', ')}${delivered}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
