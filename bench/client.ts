/**
 * InnerSpace client benchmark: the real client against the in-process simulator over loopback.
 * Runs 1,000 BUILDING_INSIGHTS queries at concurrency 50 twice: cold (every query a cache miss,
 * varied buildings and days) and warm (the same queries again), and prints latency
 * percentiles with the upstream and token requests each phase cost.
 *
 *   npx ts-node --transpile-only bench/client.ts
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { DateTime } from 'luxon';
import { createInnerSpaceClient, type InnerSpaceClient } from '../src/innerspace';
import type { InsightQuery } from '../src/ports/occupancy-source';
import { startSimulator, SIM_BUILDINGS } from '../dev/simulator';

const QUERIES = 1_000;
const CONCURRENCY = 50;
/** A fixed simulator clock, so every run reads the same data. */
const SIM_NOW = new Date('2025-06-10T12:00:00Z');

function queries(): InsightQuery[] {
  const ids = SIM_BUILDINGS.map((b) => b.id);
  const days = Math.ceil(QUERIES / ids.length);
  const lastDay = DateTime.fromJSDate(SIM_NOW, { zone: 'utc' }).minus({ days: 2 });
  const out: InsightQuery[] = [];
  for (let d = 0; d < days && out.length < QUERIES; d += 1) {
    const partition = Number(lastDay.minus({ days: d }).toFormat('yyyyLLdd'));
    for (const id of ids) {
      if (out.length < QUERIES) out.push({ ids: [id], from: partition, to: partition, granularity: 'PT1H' });
    }
  }
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function phase(name: string, client: InnerSpaceClient, qs: InsightQuery[]): Promise<void> {
  const before = client.stats();
  const latencies: number[] = [];
  let failures = 0;
  let rows = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < qs.length) {
      const q = qs[next++];
      if (!q) break;
      const t0 = performance.now();
      try {
        const result = await client.buildingInsights(q);
        rows += result.length;
      } catch {
        failures += 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const wall = performance.now() - started;
  const after = client.stats();
  latencies.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  console.log(
    [
      `${name.padEnd(5)} ${qs.length} queries, concurrency ${CONCURRENCY}, wall ${fmt(wall)} (${((qs.length / wall) * 1000).toFixed(0)} q/s)`,
      `      p50 ${fmt(percentile(latencies, 50))}  p99 ${fmt(percentile(latencies, 99))}  max ${fmt(latencies.at(-1) ?? Number.NaN)}`,
      `      upstream requests ${after.upstreamRequests - before.upstreamRequests}, token requests ${after.tokenRequests - before.tokenRequests}, ` +
        `cache hits ${after.cacheHits - before.cacheHits}, coalesced ${after.coalesced - before.coalesced}, rows ${rows}, failures ${failures}`,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const sim = await startSimulator({ clock: () => SIM_NOW });
  try {
    const client = createInnerSpaceClient({
      auth: 'session',
      tokenUrl: sim.sessionTokenUrl,
      apiUrl: sim.apiUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      audience: sim.audience,
      groupId: '00000000-0000-0000-0000-000000000000',
      timeoutMs: 10_000,
      deadlineMs: 30_000,
      logger: pino({ level: 'silent' }),
      now: () => SIM_NOW,
      cacheMaxEntries: 2_000,
    });
    const qs = queries();
    console.log(`InnerSpace client benchmark: simulator at ${sim.url}, ${new Set(qs.map((q) => q.from)).size} days x ${SIM_BUILDINGS.length} buildings`);
    await phase('cold', client, qs);
    await phase('warm', client, qs);
    const s = sim.stats;
    console.log(`simulator saw ${s.graphqlRequests} GraphQL and ${s.tokenRequests} token requests`);
  } finally {
    await sim.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
