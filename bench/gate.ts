/**
 * npm run bench:gate — the request gate's numbers:
 * a. the largest request Slack can send this app (bench/gate-payloads.ts), against the gate's
 *    body limit and against what Slack's caps alone would allow;
 * b. the memory of a real bot process (`node dist/src/main.js`, HTTP mode) while 40 unsigned
 *    uploads of 3.9 MB each arrive at once, streamed so that they overlap, and what they got.
 * Figures only: nothing here asserts a timing.
 */
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signSlackRequest, startSlackWorkspace } from '../dev/slack';
import { startSimulator } from '../dev/simulator';
import { BODY_LIMIT_BYTES, MAX_CONCURRENT_READS } from '../src/slack/gate';
import { compileBot, HTTP_READY, simulatorEnv, slackHttpEnv, spawnBot, type BotProcess } from '../test/support/bot-process';
import { capBounds, measurePayloads } from './gate-payloads';
import { BENCH_SECRET, commandBody } from './support';

const ROOT = join(__dirname, '..');
const UPLOADS = 40;
const UPLOAD_BYTES = Math.round(3.9 * 1024 * 1024);
const CHUNK = 64 * 1024;
/** Between chunks of one upload: slow enough that the 40 are all in flight together. */
const CHUNK_GAP_MS = 10;

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** VmRSS and VmHWM of a process, in bytes. */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

type Outcome = number | 'reset';

/**
 * One unsigned upload, written a chunk at a time until it is all sent or the bot answers.
 * `declared`: with its Content-Length; otherwise chunked, so the size is known only by reading.
 */
function upload(port: number, bytes: number, declared: boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (o: Outcome) => {
      if (done) return;
      done = true;
      resolve(o);
    };
    const ts = String(Math.floor(Date.now() / 1000));
    const req = http.request({
      host: '127.0.0.1', port, path: '/slack/events', method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${'0'.repeat(64)}`,
        ...(declared ? { 'content-length': String(bytes) } : {}),
      },
    }, (res) => {
      res.resume();
      finish(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', () => finish('reset'));
    const chunk = Buffer.alloc(CHUNK, 'a');
    let sent = 0;
    const next = () => {
      if (done) return;
      if (sent >= bytes) return void req.end();
      const n = Math.min(CHUNK, bytes - sent);
      sent += n;
      req.write(n === CHUNK ? chunk : chunk.subarray(0, n), () => setTimeout(next, CHUNK_GAP_MS));
    };
    next();
  });
}

interface Round {
  readonly name: string;
  readonly before: number;
  readonly peak: number;
  readonly after: number;
  readonly outcomes: Map<Outcome, number>;
}

async function round(bot: BotProcess, name: string, bytes: number, declared: boolean): Promise<Round> {
  const pid = bot.child.pid!;
  const before = memory(pid).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 5);
  const results = await Promise.all(Array.from({ length: UPLOADS }, () => upload(bot.port, bytes, declared)));
  clearInterval(sampler);
  peak = Math.max(peak, memory(pid).rss);
  await new Promise((r) => setTimeout(r, 3000));
  const outcomes = new Map<Outcome, number>();
  for (const o of results) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
  return { name, before, peak, after: memory(pid).rss, outcomes };
}

async function stillAnswers(port: number): Promise<boolean> {
  const body = commandBody('help', 'http://127.0.0.1:9/unused');
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(BENCH_SECRET, ts, body) },
    body,
  });
  return res.status === 200 && (await res.text()).includes('/occupancy building 71');
}

async function partA(): Promise<void> {
  const figures = await measurePayloads();
  console.log('a. the largest requests Slack can send this app (real builders, worst-case view models, bodies as the embedded Slack POSTs them)');
  for (const f of figures) console.log(`  ${f.what.padEnd(58)} ${f.kind.padEnd(24)} ${kb(f.bytes).padStart(10)}`);
  const largest = figures.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  console.log(`  largest: ${largest.what}, ${largest.kind}: ${kb(largest.bytes)}`);
  console.log(`  body limit ${kb(BODY_LIMIT_BYTES)}: margin ${(BODY_LIMIT_BYTES / largest.bytes).toFixed(2)}x (${kb(BODY_LIMIT_BYTES - largest.bytes)} to spare)`);
  const caps = capBounds();
  console.log('  Slack caps (docs.slack.dev block reference): 50 blocks per message, 100 per modal or Home tab; section text 3,000 chars,');
  console.log('  10 fields of 2,000; plain_text_input max_length at most 3,000; 100 options per select; private_metadata 3,000.');
  console.log(`  What the caps alone allow any app, at 9 bytes a character: a message ${mb(caps.message)}, a view ${mb(caps.view)},`);
  console.log(`  a view of 100 full text inputs ${mb(caps.typed)}. This app's builders cut names and lists far below that (figures above).`);
}

async function partB(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-gate-'));
  const slack = await startSlackWorkspace();
  const sim = await startSimulator();
  let bot: BotProcess | undefined;
  try {
    compileBot(ROOT, join(dir, 'bot'));
    bot = await spawnBot({
      cwd: join(dir, 'bot'),
      env: {
        PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, LOG_LEVEL: 'info',
        ...slackHttpEnv(slack, BENCH_SECRET), ...simulatorEnv(sim), QUICKCHART_URL: 'https://quickchart.example.test',
      },
      ready: HTTP_READY,
    });
    await stillAnswers(bot.port);
    const rounds = [
      await round(bot, `${UPLOADS} x ${mb(UPLOAD_BYTES)}, Content-Length declared`, UPLOAD_BYTES, true),
      await round(bot, `${UPLOADS} x ${mb(UPLOAD_BYTES)}, chunked (size unknown until read)`, UPLOAD_BYTES, false),
      await round(bot, `${UPLOADS} x ${kb(BODY_LIMIT_BYTES - 1024)} (just under the limit), chunked`, BODY_LIMIT_BYTES - 1024, false),
    ];
    console.log(`b. RSS of the bot process (node dist/src/main.js, HTTP mode) under ${UPLOADS} concurrent unsigned uploads,`);
    console.log(`   each streamed in ${kb(CHUNK)} chunks ${CHUNK_GAP_MS} ms apart; gate: limit ${kb(BODY_LIMIT_BYTES)}, ${MAX_CONCURRENT_READS} bodies read at once`);
    for (const r of rounds) {
      const got = [...r.outcomes].map(([o, n]) => `${n}× ${o === 'reset' ? 'reset before an answer' : o}`).join(', ');
      console.log(`  ${r.name}`);
      console.log(`    RSS before ${mb(r.before)}, peak ${mb(r.peak)}, 3 s after ${mb(r.after)}; answers: ${got}`);
    }
    console.log(`  VmHWM (peak RSS since start): ${mb(memory(bot.child.pid!).hwm)}; still answering /occupancy help: ${await stillAnswers(bot.port)}`);
    console.log('  For comparison (issue 12): main before the gate went from 114 MB to 289 MB under 40 x 3.9 MB.');
  } finally {
    await bot?.stop();
    await slack.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log('bench:gate — the request gate in front of /slack/events');
  await partA();
  await partB();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
