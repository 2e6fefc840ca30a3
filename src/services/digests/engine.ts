/**
 * The delivery engine. The store is the truth: every tick reads the active digests, works out
 * which slots were reached (schedule.ts), and for each one nobody has decided yet either sends
 * it (claimed first: at most once per digest and local date) or records it as skipped. A
 * timer only says when to look; a missed or doubled tick changes nothing.
 */
import type { IsoDate } from '../../domain/time';
import { NotFoundError, toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { MessageRenderer } from '../../ports/renderer';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import type { Digest } from '../../domain/digest';
import { hasNoData, type DigestContentSession, type DigestContentSource } from './content';
import { postMessages, type PostOutcome } from './delivery';
import { recordOutcome } from './outcome';
import { ChannelPacer, realPacingClock, runPaced, type PacedJob, type PacingClock } from './pacing';
import { SlotCache, decideSlot, dueSlots, lookbackDaysFor, type DueSlot } from './schedule';

export interface DigestEngineDeps {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly renderer: MessageRenderer;
  readonly content: DigestContentSource;
  readonly now: () => number;
  readonly logger: Logger;
  readonly graceMinutes: number;
  /** Posts under way at once across channels. */
  readonly concurrency?: number;
  /** Gap between two posts to one channel (Slack allows about one a second). */
  readonly spacingMs?: number;
  readonly maxRateLimitRetries?: number;
  readonly pacingClock?: PacingClock;
}

export interface DigestTickReport {
  readonly at: number;
  /** Runs found 'claimed' from an earlier process and marked unknown (first tick only). */
  recovered: number;
  sent: number;
  late: number;
  skipped: number;
  failed: number;
  unknown: number;
  /** Content could not be built (InnerSpace trouble); tried again on the next tick. */
  deferred: number;
}

interface Job {
  readonly digest: Digest;
  readonly slot: DueSlot;
  readonly lateMinutes: number;
}

const INTERRUPTED = 'interrupted: the process stopped before the outcome was known';

export class DigestEngine {
  private readonly log: Logger;
  private readonly pacer: ChannelPacer;
  private readonly pacingClock: PacingClock;
  /** (digest, date) pairs known to be decided in the store, so ticks do not re-read them. */
  private readonly decided = new Map<string, IsoDate>();
  private readonly slotCache = new SlotCache();
  private forgotThrough = '';
  private recovered = false;
  private stopping = false;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: DigestEngineDeps) {
    this.log = deps.logger.child({ component: 'digests' });
    this.pacingClock = deps.pacingClock ?? realPacingClock;
    this.pacer = new ChannelPacer(this.pacingClock, deps.spacingMs ?? 1100);
  }

  /** Runs one tick at the current time, after any tick already under way. */
  runDue(): Promise<DigestTickReport> {
    const run = this.chain.then(() => this.tick(this.deps.now()));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Stops starting new posts and waits for the ones under way. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.chain;
  }

  /** Posts a digest now, outside its schedule: no run is recorded, so today's run still happens. */
  async sendNow(digest: Digest, session?: DigestContentSession): Promise<PostOutcome | { kind: 'no_data' }> {
    const s = session ?? this.deps.content.session(this.deps.now());
    const { view } = await s.view(digest, null);
    if (digest.options.skipWhenNoData && hasNoData(view)) return { kind: 'no_data' };
    return postMessages(digest.channelId, this.deps.renderer.digest(view), this.postOptions());
  }

  private postOptions() {
    return { slack: this.deps.slack, pacer: this.pacer, maxRateLimitRetries: this.deps.maxRateLimitRetries ?? 5 };
  }

  private async tick(now: number): Promise<DigestTickReport> {
    const report: DigestTickReport = { at: now, recovered: 0, sent: 0, late: 0, skipped: 0, failed: 0, unknown: 0, deferred: 0 };
    if (this.stopping) return report;
    if (!this.recovered) {
      report.recovered = await this.recoverInterrupted();
      this.recovered = true;
    }
    const jobs = await this.collect(now, report);
    if (jobs.length > 0) {
      const session = this.deps.content.session(now);
      const revokedTeams = new Set<string>();
      const paced: PacedJob[] = jobs.map((job) => ({
        channel: job.digest.channelId,
        run: () => this.deliver(job, session, revokedTeams, report),
      }));
      await runPaced(paced, {
        concurrency: this.deps.concurrency ?? 8,
        pacer: this.pacer,
        clock: this.pacingClock,
        stopped: () => this.stopping,
      });
    }
    this.pacer.sweep();
    this.forgetOld(now);
    if (jobs.length > 0 || report.skipped > 0 || report.recovered > 0) this.log.info({ ...report }, 'digest tick done');
    return report;
  }

  /** A run still 'claimed' when a process starts was cut short: it may have posted, so it is never re-posted. */
  private async recoverInterrupted(): Promise<number> {
    let n = 0;
    for (const run of await this.deps.store.digestRuns.listUnfinished()) {
      if (await this.deps.store.digestRuns.finish(run.digestId, run.localDate, { state: 'unknown', reason: INTERRUPTED })) {
        n += 1;
        this.decided.set(`${run.digestId}|${run.localDate}`, run.localDate);
        this.log.warn({ digestId: run.digestId, localDate: run.localDate, team: run.teamId }, 'digest run was interrupted; recorded as unknown, not re-posted');
      }
    }
    return n;
  }

  private async collect(now: number, report: DigestTickReport): Promise<Job[]> {
    const jobs: Job[] = [];
    for (const digest of await this.deps.store.digests.listActive()) {
      try {
        const job = await this.collectOne(digest, now, report);
        if (job) jobs.push(job);
      } catch (err) {
        // One digest's trouble (a bad row, a store hiccup) never holds up the others.
        this.log.error({ err, digestId: digest.id }, 'could not work out whether a digest is due');
      }
    }
    return jobs;
  }

  /** The slot to send for one digest, if any; older open slots are recorded as skipped. */
  private async collectOne(digest: Digest, now: number, report: DigestTickReport): Promise<Job | null> {
    const { store, graceMinutes } = this.deps;
    const slots = dueSlots(digest, now, { lookbackDays: lookbackDaysFor(graceMinutes), since: digest.updatedAt, cache: this.slotCache });
    const open: DueSlot[] = [];
    for (const slot of slots) {
      const key = `${digest.id}|${slot.localDate}`;
      if (this.decided.has(key)) continue;
      if (await store.digestRuns.get(digest.id, slot.localDate)) {
        this.decided.set(key, slot.localDate);
        continue;
      }
      open.push(slot);
    }
    let job: Job | null = null;
    // Of several open slots only the newest can still be sent: older ones are superseded.
    for (const [i, slot] of open.entries()) {
      const decision = decideSlot(slot, graceMinutes);
      if (decision.action === 'send' && i === open.length - 1) {
        job = { digest, slot, lateMinutes: decision.lateMinutes };
        continue;
      }
      const reason = decision.action === 'skip' ? `missed by ${decision.lateMinutes} min, beyond the ${graceMinutes} min grace window` : 'superseded by a later run';
      if (await this.claim(digest, slot, decision.lateMinutes)) {
        await store.digestRuns.finish(digest.id, slot.localDate, { state: 'skipped', reason });
        report.skipped += 1;
        this.log.warn({ digestId: digest.id, team: digest.teamId, localDate: slot.localDate, lateMinutes: decision.lateMinutes }, `digest run skipped: ${reason}`);
      }
    }
    return job;
  }

  /** True for the one caller that may act on the run; either way the slot is decided afterwards. */
  private async claim(digest: Digest, slot: DueSlot, lateMinutes: number): Promise<boolean> {
    let claimed: boolean;
    try {
      claimed = await this.deps.store.digestRuns.claim(digest.id, slot.localDate, digest.teamId, this.deps.now(), {
        lateMinutes,
        channelId: digest.channelId,
      });
    } catch (err) {
      // Deleted since it was listed: nothing to do. Anything else leaves the slot open for the next tick.
      if (!(err instanceof NotFoundError)) throw err;
      claimed = false;
    }
    this.decided.set(`${digest.id}|${slot.localDate}`, slot.localDate);
    return claimed;
  }

  private async deliver(job: Job, session: DigestContentSession, revokedTeams: Set<string>, report: DigestTickReport): Promise<void> {
    const { digest, slot, lateMinutes } = job;
    const log = this.log.child({ digestId: digest.id, team: digest.teamId, localDate: slot.localDate });
    const runs = this.deps.store.digestRuns;
    try {
      if (revokedTeams.has(digest.teamId)) return;
      let view;
      try {
        const built = await session.view(digest, lateMinutes > 0 ? lateMinutes : null);
        if (built.missingBuildings.length > 0) log.warn({ missing: built.missingBuildings }, 'digest names buildings InnerSpace no longer knows; left out');
        view = built.view;
      } catch (err) {
        if (!(err instanceof NotFoundError)) {
          // Nothing claimed yet: the next tick tries again, late, while the grace window lasts.
          report.deferred += 1;
          log.warn({ code: toAppError(err).code }, 'digest content unavailable; will retry on the next tick');
          return;
        }
        if (await this.claim(digest, slot, lateMinutes)) {
          await runs.finish(digest.id, slot.localDate, { state: 'failed', reason: 'buildings_not_found' });
          report.failed += 1;
          log.warn('digest buildings no longer exist; run failed');
        }
        return;
      }
      if (digest.options.skipWhenNoData && hasNoData(view)) {
        if (await this.claim(digest, slot, lateMinutes)) {
          await runs.finish(digest.id, slot.localDate, { state: 'skipped', reason: 'no_data' });
          report.skipped += 1;
        }
        return;
      }
      if (!(await this.claim(digest, slot, lateMinutes))) return;
      const outcome = await postMessages(digest.channelId, this.deps.renderer.digest(view), this.postOptions());
      await recordOutcome({ store: this.deps.store, slack: this.deps.slack, renderer: this.deps.renderer, log }, { digest, slot, outcome, lateMinutes }, report, () =>
        revokedTeams.add(digest.teamId),
      );
    } catch (err) {
      log.error({ err }, 'digest delivery failed');
      // A claimed run whose outcome could not be recorded stays 'claimed' and is marked unknown at the next start.
    }
  }

  /** Keeps the decided set to the dates a tick can still look at; once a day is enough. */
  private forgetOld(now: number): void {
    const today = new Date(now).toISOString().slice(0, 10);
    if (today === this.forgotThrough) return;
    this.forgotThrough = today;
    const horizon = new Date(now - (lookbackDaysFor(this.deps.graceMinutes) + 2) * 86_400_000).toISOString().slice(0, 10);
    for (const [key, date] of this.decided) if (date < horizon) this.decided.delete(key);
  }
}
