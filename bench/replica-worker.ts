/**
 * One replica of bench/replicas.ts, in a process of its own: the real digest engine or alert
 * check on the shared store, with its own lease name, told when to start by the parent so every
 * replica begins at once. Reports what it asked upstream and sent, and its peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { WebClient } from '@slack/web-api';
import { createCharts, QuickChartRenderer } from '../src/charts';
import { NIL_GROUP_ID } from '../src/domain/occupancy';
import { createAlerts } from '../src/services/alerts';
import { Authorizer } from '../src/services/authz';
import { createDigests } from '../src/services/digests';
import { LeaseKeeper } from '../src/services/replicas/leases';
import { webClientOptions } from '../src/slack/bolt-app';
import { blockKitRenderer } from '../src/slack/blocks/renderer';
import { webClientGateway } from '../src/slack/chat';
import { openStore } from '../src/storage';
import { CountingSlackGateway } from '../test/fakes/counting-slack';
import { NightlyInnerSpace } from '../test/fakes/nightly-innerspace';
import { ZonedInnerSpace } from '../test/fakes/zoned-innerspace';
import { silentLogger } from '../test/support/logger';
import { ALERT_SCOPES, ALERT_ZONE, ALERTS_CHECKED, DIGEST_BUILDINGS, DIGESTS_DUE } from './workload';

export interface WorkerJob {
  readonly phase: 'digests' | 'alerts';
  readonly databaseUrl: string;
  readonly replica: string;
  /** The embedded workspace the digests post to. */
  readonly slack?: { apiUrl: string; botToken: string };
  /** Wall-clock ms the workload's instant maps to, the same in every replica. */
  readonly epoch: number;
}

export interface WorkerResult {
  readonly replica: string;
  readonly wallMs: number;
  readonly upstream: number;
  /** Alerts: what the counting gateway was asked (the digests' calls are counted by the workspace). */
  readonly slackCalls: number;
  /** Alerts: each top-level message as channel|text, for counting duplicates across the fleet. */
  readonly posted: string[];
  readonly summary: string;
  readonly peakRssBytes: number;
}

const CHARTS = createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' }));

/** Builds the replica, says it is ready, waits for `go`, runs one pass. */
async function run(job: WorkerJob, go: () => Promise<void>): Promise<WorkerResult> {
  const base = job.phase === 'digests' ? DIGESTS_DUE : ALERTS_CHECKED;
  const now = () => base + (Date.now() - job.epoch);
  const logger = silentLogger();
  const store = await openStore({ url: job.databaseUrl, logger, now });
  const leases = new LeaseKeeper({ id: job.replica, leaseMs: 30_000 }, logger);
  try {
    if (job.phase === 'digests') {
      const slack = webClientGateway(new WebClient(job.slack!.botToken, webClientOptions(job.slack!.apiUrl)), { logger });
      const innerspace = new ZonedInnerSpace({ buildings: DIGEST_BUILDINGS, latencyMs: 2 });
      const digests = createDigests({
        store, slack, innerspace, groupId: NIL_GROUP_ID, charts: CHARTS, renderer: blockKitRenderer,
        authorizer: new Authorizer(slack, []), now, logger, graceMinutes: 30, concurrency: 8, leases,
      });
      await go();
      const t0 = performance.now();
      const r = await digests.engine.runDue();
      const wallMs = performance.now() - t0;
      await digests.engine.stop();
      return {
        replica: job.replica, wallMs, upstream: innerspace.total, slackCalls: 0, posted: [],
        summary: `sent ${r.sent}, taken over ${r.takenOver}, failed ${r.failed}, unknown ${r.unknown}, deferred ${r.deferred}`,
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      };
    }
    const innerspace = new NightlyInnerSpace({ buildings: ALERT_SCOPES, timeZone: ALERT_ZONE, now: () => now() });
    const slack = new CountingSlackGateway(undefined, Number.POSITIVE_INFINITY);
    const alerts = createAlerts({
      store, innerspace, slack, authz: new Authorizer(slack, []), charts: CHARTS, renderer: blockKitRenderer,
      groupId: NIL_GROUP_ID, now, logger, noDataAfterHours: 36, spacingMs: 0, leases,
    });
    await go();
    const t0 = performance.now();
    // The tick every replica's timer agrees on: the check's own instant.
    const r = await alerts.tick(new Date(ALERTS_CHECKED).toISOString());
    const wallMs = performance.now() - t0;
    await alerts.stop();
    const c = slack.counts;
    return {
      replica: job.replica, wallMs, upstream: innerspace.counts.insightQueries + innerspace.counts.referenceCalls,
      slackCalls: Object.values(c).reduce((a, b) => a + b, 0),
      posted: slack.posted.filter((p) => !p.threadTs).map((p) => `${p.channel}|${p.text}`),
      summary: `scopes checked here ${r.scopes - r.scopesElsewhere} of ${r.scopes}, insight queries ${innerspace.counts.insightQueries}, posted ${r.posted}`,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    leases.stop();
    await store.close();
  }
}

// Parent protocol: {job} → {ready}; {go} → {result} or {error}.
let release: () => void = () => {};
const started = new Promise<void>((resolve) => (release = resolve));
const ready = () => {
  process.send!({ ready: true });
  return started;
};
process.on('message', (msg: { job?: WorkerJob; go?: true }) => {
  if (msg.go) return release();
  if (!msg.job) return;
  run(msg.job, ready).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: unknown) => process.send!({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, () => process.exit(1)),
  );
});
