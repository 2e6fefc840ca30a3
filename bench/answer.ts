/**
 * npm run bench:answer — time from a signed `/occupancy building 71 <date>` to the answer
 * arriving at response_url, and how many GraphQL HTTP requests each answer costs, against the
 * embedded simulator with injected upstream latency (BENCH_LATENCY_MS, default 150 ms per
 * GraphQL response) so that round trips show:
 *
 *   - the very first answer: token, reference data and insights all fetched;
 *   - cold answers: reference data warm, the day's insights fetched;
 *   - warm answers: the same questions again, served from cache;
 *   - a digest pass: requests per building, from a fresh client (reference data once);
 *   - ranges: `building <id> last 4 weeks` cold in each building, then 28-day date ranges of
 *     building 71 eight weeks apart (so no range or comparison period was fetched by another),
 *     then the same again warm;
 *   - comparisons: `compare 71 104 118 <date>` (three buildings in three time zones) on dates
 *     clear of every other answer's days, then the same again warm.
 *
 * Requests are counted at the simulator (every GraphQL HTTP request it received), after each
 * answer has arrived, so the counts do not depend on timing.
 */
import { addDays } from '../src/domain/time';
import { createCharts, QuickChartRenderer } from '../src/charts';
import { OccupancyData } from '../src/services/occupancy-data';
import { DigestContentSource } from '../src/services/digests/content';
import { NIL_GROUP_ID } from '../src/domain/occupancy';
import { SIM_BUILDINGS, type RunningSimulator } from '../dev/simulator';
import { createSlackDriver } from '../dev/slack';
import { silentLogger } from '../test/support/logger';
import { oneBuildingDigest } from '../test/support/digests';
import { clientFor } from '../test/integration/innerspace/helpers';
import { BENCH_SECRET, percentile, startBenchBot } from './support';

const DAYS = Number(process.env.BENCH_DAYS ?? 20);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 150);
const RANGES = Number(process.env.BENCH_RANGES ?? 8);
const COMPARES = Number(process.env.BENCH_COMPARES ?? 8);

interface Sample {
  ms: number;
  requests: number;
}

function fmt(xs: readonly Sample[]): string {
  const ms = xs.map((x) => x.ms).sort((a, b) => a - b);
  const req = xs.map((x) => x.requests).sort((a, b) => a - b);
  const total = req.reduce((a, b) => a + b, 0);
  return (
    `p50 ${percentile(ms, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(ms, 99).toFixed(0).padStart(5)} ms  ` +
    `requests/answer ${(total / xs.length).toFixed(2)} (min ${req[0]}, max ${req[req.length - 1]})`
  );
}

/** A digest pass over every simulated building from a fresh client: requests per building. */
async function digestPass(sim: RunningSimulator, now: number): Promise<{ reference: number; perBuilding: number; buildings: number; ms: number }> {
  // A fresh client, so the pass starts with nothing cached.
  const client = clientFor(sim, 'session', { logger: silentLogger(), now: () => new Date(now) });
  const source = new DigestContentSource({
    occupancy: new OccupancyData(client, NIL_GROUP_ID),
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })),
    ranges: () => Promise.reject(new Error('this pass measures daily digests only')),
  });
  const start = sim.stats.graphqlRequests;
  await client.buildings();
  const reference = sim.stats.graphqlRequests - start;
  const session = source.session(now);
  const t0 = performance.now();
  const ids = SIM_BUILDINGS.map((b) => b.id);
  await Promise.all(ids.map((id, i) => session.view(oneBuildingDigest(i + 1, id), null)));
  const ms = performance.now() - t0;
  const perBuilding = (sim.stats.graphqlRequests - start - reference) / ids.length;
  return { reference, perBuilding, buildings: ids.length, ms };
}


async function main() {
  const bot = await startBenchBot();
  const sim = bot.simulator;
  if (!sim) throw new Error('bench:answer needs the embedded simulator (leave INNERSPACE_CLIENT_ID unset)');
  sim.setFaults({ latencyMs: LATENCY_MS });
  try {
    const driver = createSlackDriver({ workspace: bot.slack, appUrl: `http://127.0.0.1:${bot.app.port}`, signingSecret: BENCH_SECRET });
    const ask = async (text: string, expect = 'DEMO'): Promise<Sample> => {
      const before = sim.stats.graphqlRequests;
      const t0 = performance.now();
      const res = await driver.command('U0LOCAL001', 'C0GENERAL', '/occupancy', text);
      const post = await bot.slack.waitForResponse(res.responseUrlId, undefined, 30_000);
      const ms = performance.now() - t0;
      if (!JSON.stringify(post.body).includes(expect)) throw new Error(`unexpected answer to ${text}: ${JSON.stringify(post.body).slice(0, 200)}`);
      return { ms, requests: sim.stats.graphqlRequests - before };
    };
    const first = await ask('building 71');
    const today = new Date(bot.app.clock.now()).toISOString().slice(0, 10);
    // Eight days apart and clear of the first answer's days, so no answer's day or week-earlier day was fetched by another.
    const dates = Array.from({ length: DAYS }, (_, i) => addDays(today, -(3 + 8 * i)));
    const cold: Sample[] = [];
    for (const d of dates) cold.push(await ask(`building 71 ${d}`));
    // No date: the latest day is looked up too (reference data warm, nothing else cached).
    const undated: Sample[] = [];
    for (const b of SIM_BUILDINGS.filter((x) => x.id !== 71)) undated.push(await ask(`building ${b.id}`, b.name));
    const warm: Sample[] = [];
    for (const d of dates) warm.push(await ask(`building 71 ${d}`));
    // Four days off the single-building dates (and their week-earlier days), so nothing of them was fetched before.
    const compareDates = Array.from({ length: COMPARES }, (_, i) => addDays(today, -(7 + 8 * i)));
    const comparesCold: Sample[] = [];
    for (const d of compareDates) comparesCold.push(await ask(`compare 71 104 118 ${d}`, 'Barangaroo'));
    const comparesWarm: Sample[] = [];
    for (const d of compareDates) comparesWarm.push(await ask(`compare 71 104 118 ${d}`, 'Barangaroo'));
    const rangesCold: Sample[] = [];
    for (const b of SIM_BUILDINGS) rangesCold.push(await ask(`building ${b.id} last 4 weeks`, b.name));
    const ranges = Array.from({ length: RANGES }, (_, i) => {
      const to = addDays(today, -(40 + 56 * i));
      return `${addDays(to, -27)}..${to}`;
    });
    for (const r of ranges) rangesCold.push(await ask(`building 71 ${r}`));
    const rangesWarm: Sample[] = [];
    for (const b of SIM_BUILDINGS) rangesWarm.push(await ask(`building ${b.id} last 4 weeks`, b.name));
    for (const r of ranges) rangesWarm.push(await ask(`building 71 ${r}`));
    const digest = await digestPass(sim, bot.app.clock.now());
    const stats = bot.app.innerspace.stats();
    console.log(`bench:answer — command → answer at response_url, building 71, embedded simulator (${LATENCY_MS} ms per GraphQL response) and Slack on loopback`);
    console.log(`first answer after start (token + reference data + insights): ${first.ms.toFixed(0)} ms, ${first.requests} GraphQL requests`);
    console.log(`cold answers (${DAYS} dates, reference data warm):    ${fmt(cold)}`);
    console.log(`cold answers without a date (${undated.length} other buildings):  ${fmt(undated)}`);
    console.log(`warm answers (same ${DAYS} dates, cached):            ${fmt(warm)}`);
    console.log(`cold ranges (last 4 weeks ×${SIM_BUILDINGS.length} buildings, ${RANGES} 28-day ranges): ${fmt(rangesCold)}`);
    console.log(`warm ranges (the same again, cached):           ${fmt(rangesWarm)}`);
    console.log(`cold compares (71 104 118, ${COMPARES} dates):         ${fmt(comparesCold)}`);
    console.log(`warm compares (the same again, cached):         ${fmt(comparesWarm)}`);
    console.log(
      `digest pass (${digest.buildings} buildings, fresh client): reference data ${digest.reference} request(s) once, ` +
        `then ${digest.perBuilding.toFixed(2)} requests per building, ${digest.ms.toFixed(0)} ms for the pass`,
    );
    console.log(`bot's InnerSpace client: ${stats.upstreamRequests} upstream requests, ${stats.tokenRequests} token requests, ${stats.cacheHits} cache hits`);
  } finally {
    await bot.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
