/**
 * Digest fan-out benchmark: 1,000 digests over 50 buildings, all due in the same minute, posted
 * by the real delivery engine to the embedded Slack workspace over loopback, which enforces
 * one chat.postMessage per second per channel (429 + Retry-After beyond). The store is a real
 * SQLite file. InnerSpace is the in-process fake of test/fakes/zoned-innerspace.ts (50
 * buildings, every call counted, no cache), because the simulator has only four buildings.
 *
 *   npm run bench:digest
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { createCharts, QuickChartRenderer } from '../src/charts';
import { NIL_GROUP_ID } from '../src/domain/occupancy';
import { startSlackWorkspace } from '../dev/slack';
import { silentLogger } from '../test/support/logger';
import { Authorizer } from '../src/services/authz';
import { createDigests } from '../src/services/digests';
import { webClientOptions } from '../src/slack/bolt-app';
import { webClientGateway } from '../src/slack/chat';
import { openStore } from '../src/storage';
import { ZonedInnerSpace } from '../test/fakes/zoned-innerspace';
import { blockKitRenderer } from '../src/slack/blocks/renderer';
import { DIGEST_BUILDINGS, DIGEST_CHANNELS, DIGEST_USER, DIGESTS as WORKLOAD_DIGESTS, DIGESTS_DUE, digestChannelIds, seedDigests } from './workload';

const DIGESTS = WORKLOAD_DIGESTS;
const BUILDINGS = DIGEST_BUILDINGS;
const CHANNELS = DIGEST_CHANNELS;
const CONCURRENCY = 8;
const DUE = DIGESTS_DUE;
const USER = DIGEST_USER;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-digest-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const now = () => DUE;
  const channelIds = digestChannelIds();
  // Measures posting, not picture downloads: the chart URLs point nowhere.
  const workspace = await startSlackWorkspace({
    imageDownloads: 'off',
    channels: channelIds.map((id) => ({ id, name: id.toLowerCase(), members: [USER], botMember: true })),
  });
  workspace.rateLimit('chat.postMessage', 1);
  const slack = webClientGateway(new WebClient(workspace.botToken, webClientOptions(workspace.apiUrl)), { logger: silentLogger() });
  const innerspace = new ZonedInnerSpace({ buildings: BUILDINGS, latencyMs: 2 });
  const store = await openStore({ url: `sqlite:${join(dir, 'bench.db')}`, logger: silentLogger(), now });
  const digests = createDigests({
    store,
    slack,
    innerspace,
    groupId: NIL_GROUP_ID,
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer,
    authorizer: new Authorizer(slack, []),
    now,
    logger: silentLogger(),
    graceMinutes: 30,
    concurrency: CONCURRENCY,
  });

  try {
    await seedDigests(store, await innerspace.buildings());
    const setupCalls = innerspace.total;
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const report = await digests.engine.runDue();
    const elapsed = performance.now() - t0;

    const posts = workspace.callsTo('chat.postMessage');
    const limited = posts.filter((c) => c.status === 429).length;
    const methods = new Map<string, number>();
    for (const c of workspace.calls) methods.set(c.method, (methods.get(c.method) ?? 0) + 1);
    const delivered = channelIds.reduce((n, id) => n + workspace.state.timeline(id).length, 0);
    const upstream = innerspace.total - setupCalls;
    const calls = innerspace.calls;

    console.log(`digest fan-out: ${DIGESTS} digests over ${BUILDINGS} buildings in ${CHANNELS} channels, all due ${new Date(DUE).toISOString()}`);
    console.log(`  InnerSpace: in-process InnerSpacePort fake with ${BUILDINGS} buildings (no cache; each call counted), 2 ms per call`);
    console.log(`  Slack: embedded workspace over loopback, rateLimit('chat.postMessage', 1) per channel; engine concurrency ${CONCURRENCY}`);
    console.log(`  outcome: sent ${report.sent}, failed ${report.failed}, unknown ${report.unknown}, skipped ${report.skipped}, deferred ${report.deferred}; messages in channels ${delivered}`);
    console.log(
      `  upstream queries: ${upstream} (${(upstream / BUILDINGS).toFixed(1)} per building, ${(upstream / DIGESTS).toFixed(2)} per digest): ` +
        `buildingInsights ${calls.buildingInsights}, zoneInsights ${calls.zoneInsights}, zoneTypeInsights ${calls.zoneTypeInsights}, ` +
        `reference (building/floors/sites/zones) ${calls.building + calls.floors + calls.sites + calls.zones}`,
    );
    console.log(`  (building, day) loads: ${digests.content.stats.buildingDays}, zone rankings: ${digests.content.stats.zoneRankings}, charts built: ${digests.content.stats.chartsBuilt}`);
    console.log(`  Slack calls: ${workspace.calls.length} (${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}); chat.postMessage 429s: ${limited}`);
    console.log(`  total time: ${(elapsed / 1000).toFixed(2)} s (floor set by pacing: ${DIGESTS / CHANNELS - 1} gaps of ~1 s per channel)`);
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log(`  peak RSS: ${mb(Math.max(peakRss, process.resourceUsage().maxRSS * 1024))} (${mb(rssBefore)} before the run, ts-node and TypeScript included)`);
    if (report.sent !== DIGESTS || delivered !== DIGESTS) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    await digests.engine.stop();
    await store.close();
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
