/**
 * Alert check benchmark: 10,000 subscriptions over 200 scopes, one check after a nightly
 * publish. Prints the upstream queries it took (target: one per scope), the CPU time of the
 * evaluation, the messages it sent and the peak RSS.
 *
 * InnerSpace is an in-process hand-written fake (test/fakes/nightly-innerspace.ts: 200
 * buildings, hourly data published at 04:00 local the next day); Slack is a counting
 * ChatGateway fake (no HTTP, per-destination pacing off); the store is a real SQLite file.
 *
 *   npm run bench:alerts            (BENCH_SUBSCRIPTIONS=2000 for a smaller run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCharts, QuickChartRenderer } from '../src/charts';
import { silentLogger } from '../test/support/logger';
import { createAlerts } from '../src/services/alerts';
import { Authorizer } from '../src/services/authz';
import { openStore } from '../src/storage';
import { CountingSlackGateway } from '../test/fakes/counting-slack';
import { NightlyInnerSpace } from '../test/fakes/nightly-innerspace';
import { blockKitRenderer } from '../src/slack/blocks/renderer';
import { ALERT_SCOPES, ALERT_ZONE, ALERTS_CHECKED, ALERTS_SAVED, seedAlertRules } from './workload';

const SCOPES = ALERT_SCOPES;
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const ZONE = ALERT_ZONE;
const START = ALERTS_SAVED;
const CHECK_AT = ALERTS_CHECKED;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-alerts-'));
  let now = START;
  const store = await openStore({ url: `sqlite:${join(dir, 'bench.db')}`, logger: silentLogger(), now: () => now });
  const innerspace = new NightlyInnerSpace({ buildings: SCOPES, timeZone: ZONE, now: () => now });
  const slack = new CountingSlackGateway();
  const alerts = createAlerts({
    store,
    innerspace,
    slack,
    authz: new Authorizer(slack, []),
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer,
    groupId: '00000000-0000-0000-0000-000000000000',
    now: () => now,
    logger: silentLogger(),
    noDataAfterHours: 36,
    spacingMs: 0,
  });

  try {
    const setupStart = performance.now();
    await seedAlertRules(store, SUBSCRIPTIONS);
    const setupMs = performance.now() - setupStart;

    now = CHECK_AT;
    const queriesBefore = innerspace.counts.insightQueries;
    const referenceBefore = innerspace.counts.referenceCalls;
    const baseRss = process.memoryUsage().rss;
    let peakRss = baseRss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await alerts.tick();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const queries = innerspace.counts.insightQueries - queriesBefore;

    const again0 = performance.now();
    const second = await alerts.tick();
    const againWall = performance.now() - again0;

    const threads = slack.counts.threadReplies;
    console.log('Alert check benchmark (InnerSpace: in-process hand-written fake with 200 buildings; Slack: counting ChatGateway fake, pacing off; store: SQLite file)');
    console.log(`  subscriptions             ${report.subscriptions.toLocaleString('en-US')} over ${report.scopes} scopes (setup ${ms(setupMs)})`);
    console.log(`  upstream insight queries  ${queries} (${(queries / report.scopes).toFixed(2)} per scope; target 1)`);
    console.log(`  reference lookups         ${innerspace.counts.referenceCalls - referenceBefore} (building, sites, zones per scope; the real client caches them for an hour)`);
    console.log(`  buckets read              ${report.readings.toLocaleString('en-US')} (24 per subscription)`);
    console.log(`  evaluation CPU            ${ms(report.evaluationMs)} (state machines and outboxes; no I/O, no message rendering)`);
    console.log(`  whole check               ${ms(wall)} wall, ${ms((cpu.user + cpu.system) / 1000)} process CPU`);
    console.log(`    reading and evaluating  ${ms(report.evaluatePhaseMs)} (queries, state stored for rules not sending now)`);
    console.log(`    sending                 ${ms(report.deliverPhaseMs)} (rendering, charts, a SQLite commit before and after each message)`);
    console.log(`  episodes                  ${report.fired.toLocaleString('en-US')} opened, ${report.recovered.toLocaleString('en-US')} closed`);
    console.log(
      `  messages sent             ${slack.counts.postMessage.toLocaleString('en-US')} (${(slack.counts.postMessage - threads).toLocaleString('en-US')} alert messages, ${threads.toLocaleString('en-US')} thread replies), ${slack.counts.updateMessage.toLocaleString('en-US')} edits in place`,
    );
    console.log(`  peak RSS                  ${mb(peakRss)} during the check (${mb(baseRss)} before it, ts-node included; process max ${mb(process.resourceUsage().maxRSS * 1024)})`);
    console.log(`  second check, no new data ${ms(againWall)} wall, ${second.readings} buckets, ${innerspace.counts.insightQueries - queriesBefore - queries} queries, ${second.posted} messages`);
  } finally {
    await alerts.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
