/**
 * The delivery engine. The store is the truth: every tick reads the active digests, works out
 * which slots were reached (schedule.ts), and for each one nobody has decided yet either sends
 * it (claimed first: at most once per digest and local date) or records it as skipped. A
 * timer only says when to look; a missed or doubled tick changes nothing. Every run keeps why
 * it went as it did (RUN_REASONS), and a skipped or failed one is told to its creator once
 * (run-notices.ts).
 *
 * Replicas share the work through the claims: a run is claimed with a lease before its content
 * is built, marked posting just before its first message goes to Slack, and finished after. A
 * replica that dies leaves its lease to run out: then another takes a run that was never
 * handed to Slack over and sends it, and records one that was as unknown (never re-posted).
 */
import type { IsoDate } from '../../domain/time';
import type { DigestView } from '../../views/digest';
import { NotFoundError, toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { MessageRenderer } from '../../ports/renderer';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import { RUN_REASONS, type Digest, type DigestRunOutcome } from '../../domain/digest';
import { refusalReach } from '../refusals';
import { hasNoData, type DigestContentSession, type DigestContentSource } from './content';
import { postMessages, type PostOutcome } from './delivery';
import { recordOutcome } from './outcome';
import { tellCreatorOfRun } from './run-notices';
import { ChannelPacer, PARK_AFTER_MS, realPacingClock, runPaced, type PacedJob, type PacingClock } from './pacing';
import type { DigestRunKey } from '../../ports/store';
import type { DigestRun } from '../../domain/digest';
import { LeaseKeeper, SOLE_REPLICA, type HeldLease, type Replica } from '../replicas/leases';
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
  /** Paces posts per channel; one shared through the store when replicas share it. */
  readonly pacer?: ChannelPacer;
  /** Renews this process's claims while it works on them (and names it on them). */
  readonly leases?: LeaseKeeper;
}

export interface DigestTickReport {
  readonly at: number;
  /** Runs a dead process (or replica) left with a post possibly under way: marked unknown. */
  recovered: number;
  /** Runs a dead process (or replica) claimed and never handed to Slack: taken over. */
  takenOver: number;
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
  /** The run exists, claimed by a process whose lease ran out: taken over rather than claimed. */
  readonly takeOver: boolean;
}

/** Later than any lease: what a claim of a process gone for sure is compared with. */
const ALWAYS_EXPIRED = Number.MAX_SAFE_INTEGER;

/** One digest's run on one local date, as the engine's in-memory sets know it. */
function slotKey(digestId: number, localDate: string): string {
  return `${digestId}|${localDate}`;
}

export class DigestEngine {
  private readonly log: Logger;
  private readonly pacer: ChannelPacer;
  private readonly pacingClock: PacingClock;
  /** (digest, date) pairs known to be decided in the store, so ticks do not re-read them. */
  private readonly decided = new Map<string, IsoDate>();
  /**
   * Runs whose content could not be built (InnerSpace trouble) and were given back to try again:
   * if the grace window ends first, the run failed for that reason rather than being missed.
   * Kept in memory: after a restart such a run reads as missed, which is also true.
   */
  private readonly deferred = new Map<string, IsoDate>();
  private readonly slotCache = new SlotCache();
  private forgotThrough = '';
  private stopping = false;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly replica: Replica;
  private readonly leases: LeaseKeeper;
  /** Runs this engine holds a claim on right now. */
  private readonly working = new Set<string>();

  constructor(private readonly deps: DigestEngineDeps) {
    this.log = deps.logger.child({ component: 'digests' });
    this.pacingClock = deps.pacingClock ?? realPacingClock;
    this.pacer = deps.pacer ?? new ChannelPacer(this.pacingClock, deps.spacingMs ?? 1100);
    this.leases = deps.leases ?? new LeaseKeeper(SOLE_REPLICA, this.log);
    this.replica = this.leases.replica;
  }

  get graceMinutes(): number {
    return this.deps.graceMinutes;
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

  /**
   * What the digest's channel would get if it ran now, built exactly as a run builds it, and
   * whether a run would send nothing (no data on a digest that skips such days). Nothing is
   * posted and no run is recorded.
   */
  async preview(digest: Digest): Promise<{ readonly view: DigestView; readonly wouldSkip: boolean }> {
    const { view } = await this.deps.content.session(this.deps.now()).view(digest, null);
    return { view, wouldSkip: digest.options.skipWhenNoData && hasNoData(view) };
  }

  /** Posts a digest now, outside its schedule: no run is recorded, so today's run still happens. */
  async sendNow(digest: Digest, session?: DigestContentSession): Promise<PostOutcome | { kind: 'no_data' }> {
    const s = session ?? this.deps.content.session(this.deps.now());
    const { view } = await s.view(digest, null);
    if (digest.options.skipWhenNoData && hasNoData(view)) return { kind: 'no_data' };
    return postMessages(digest.channelId, this.deps.renderer.digest(view), this.postOptions());
  }

  private postOptions() {
    return { slack: this.deps.slack, pacer: this.pacer, maxRateLimitRetries: this.deps.maxRateLimitRetries ?? 5, parkAfterMs: PARK_AFTER_MS };
  }

  private async tick(now: number): Promise<DigestTickReport> {
    const report: DigestTickReport = { at: now, recovered: 0, takenOver: 0, sent: 0, late: 0, skipped: 0, failed: 0, unknown: 0, deferred: 0 };
    if (this.stopping) return report;
    report.recovered = await this.recoverInterrupted(now);
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
        // A channel held off longer than this is left for a later pass: it never holds up the others.
        maxWaitMs: PARK_AFTER_MS,
        onLeft: () => void (report.deferred += 1),
      });
    }
    this.pacer.sweep();
    this.forgetOld(now);
    if (jobs.length > 0 || report.skipped > 0 || report.recovered > 0 || report.takenOver > 0) this.log.info({ ...report }, 'digest tick done');
    return report;
  }

  /**
   * When a claim counts as expired: never while this engine works on it; at its lease for
   * another live replica's; at once for one left by an earlier life of this replica (the same
   * REPLICA_ID), or by any other process on a store only one process uses (it is gone).
   */
  private expiryClock(run: Pick<DigestRun, 'owner' | 'digestId' | 'localDate'>, now: number): number {
    if (this.working.has(slotKey(run.digestId, run.localDate))) return -Infinity;
    return this.deps.store.shared && run.owner !== this.replica.id ? now : ALWAYS_EXPIRED;
  }

  /** A run cut short with a post possibly under way: it may have posted, so it is never re-posted. */
  private async recoverInterrupted(now: number): Promise<number> {
    let n = 0;
    for (const run of await this.deps.store.digestRuns.listUnfinished()) {
      if (run.owner !== null && run.postingAt === null) continue; // taken over when its slot comes up
      const key = { digestId: run.digestId, localDate: run.localDate };
      if (await this.deps.store.digestRuns.expire(key, this.expiryClock(run, now), RUN_REASONS.interrupted)) {
        n += 1;
        this.decided.set(slotKey(run.digestId, run.localDate), run.localDate);
        this.log.warn({ digestId: run.digestId, localDate: run.localDate, team: run.teamId, owner: run.owner }, 'digest run was interrupted; recorded as unknown, not re-posted');
      }
    }
    return n;
  }

  private leaseUntil(): number {
    return this.deps.now() + this.replica.leaseMs;
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
    const open: { slot: DueSlot; takeOver: boolean }[] = [];
    for (const slot of slots) {
      const key = slotKey(digest.id, slot.localDate);
      if (this.decided.has(key)) continue;
      const run = await store.digestRuns.get(digest.id, slot.localDate);
      if (run === null) open.push({ slot, takeOver: false });
      else if (run.state !== 'claimed') this.decided.set(key, slot.localDate);
      else if (run.owner !== null && run.postingAt === null && (run.leaseUntil ?? 0) < this.expiryClock(run, now)) open.push({ slot, takeOver: true });
      // Otherwise claimed and under way (here or on another replica): looked at again next tick.
    }
    let job: Job | null = null;
    // Of several open slots only the newest can still be sent: older ones are superseded.
    for (const [i, { slot, takeOver }] of open.entries()) {
      const decision = decideSlot(slot, graceMinutes);
      if (decision.action === 'send' && i === open.length - 1) {
        job = { digest, slot, lateMinutes: decision.lateMinutes, takeOver };
        continue;
      }
      const words = decision.action === 'skip' ? `missed by ${decision.lateMinutes} min, beyond the ${graceMinutes} min grace window` : 'superseded by a later run';
      const innerspaceDown = decision.action === 'skip' && this.deferred.has(slotKey(digest.id, slot.localDate));
      const outcome: DigestRunOutcome = innerspaceDown
        ? { state: 'failed', reason: RUN_REASONS.innerspaceUnavailable }
        : { state: 'skipped', reason: decision.action === 'skip' ? RUN_REASONS.missed : RUN_REASONS.superseded };
      if (await this.claim({ digest, slot, lateMinutes: decision.lateMinutes, takeOver }, report)) {
        await store.digestRuns.finish(digest.id, slot.localDate, outcome);
        this.decide({ digestId: digest.id, localDate: slot.localDate });
        const log = { digestId: digest.id, team: digest.teamId, localDate: slot.localDate, lateMinutes: decision.lateMinutes };
        if (innerspaceDown) {
          report.failed += 1;
          this.log.warn(log, `digest run failed: InnerSpace did not answer before the run was ${words}`);
        } else {
          report.skipped += 1;
          this.log.warn(log, `digest run skipped: ${words}`);
        }
        await this.tellCreator(digest, slot.localDate);
      }
    }
    return job;
  }

  /** True for the one caller that may act on the run (a fresh claim, or a takeover of a dead one's). */
  private async claim(job: Job, report: DigestTickReport): Promise<boolean> {
    const { digest, slot, lateMinutes } = job;
    const runs = this.deps.store.digestRuns;
    const key = { digestId: digest.id, localDate: slot.localDate };
    if (job.takeOver) {
      const now = this.deps.now();
      const run = await runs.get(digest.id, slot.localDate);
      if (!run) return false;
      const taken = await runs.takeOver(key, this.replica.id, this.expiryClock(run, now), this.leaseUntil(), lateMinutes);
      if (taken) {
        report.takenOver += 1;
        this.log.warn({ digestId: digest.id, team: digest.teamId, localDate: slot.localDate }, 'digest run left unsent by a stopped process; taken over');
      }
      return taken;
    }
    try {
      return await runs.claim(digest.id, slot.localDate, digest.teamId, this.deps.now(), {
        lateMinutes,
        channelId: digest.channelId,
        owner: this.replica.id,
        leaseUntil: this.leaseUntil(),
      });
    } catch (err) {
      // Deleted since it was listed: nothing to do. Anything else leaves the slot open for the next tick.
      if (!(err instanceof NotFoundError)) throw err;
      return false;
    }
  }

  /** The run is ours and finished one way or another: no tick needs to read it again. */
  private decide(key: DigestRunKey): void {
    this.decided.set(slotKey(key.digestId, key.localDate), key.localDate);
    this.deferred.delete(slotKey(key.digestId, key.localDate));
  }

  /** Its creator hears once about a run that was skipped or failed; a notice that cannot go out never stops delivery. */
  private async tellCreator(digest: Digest, localDate: string): Promise<void> {
    const { store, slack, renderer, graceMinutes } = this.deps;
    try {
      await tellCreatorOfRun({ store, slack, renderer, graceMinutes, log: this.log }, digest, localDate);
    } catch (err) {
      this.log.warn({ err, digestId: digest.id, localDate }, 'could not record or send the notice of a skipped or failed run');
    }
  }

  private async deliver(job: Job, session: DigestContentSession, revokedTeams: Set<string>, report: DigestTickReport): Promise<void> {
    const { digest, slot, lateMinutes } = job;
    const log = this.log.child({ digestId: digest.id, team: digest.teamId, localDate: slot.localDate });
    const runs = this.deps.store.digestRuns;
    const key = { digestId: digest.id, localDate: slot.localDate };
    let lease: HeldLease | null = null;
    try {
      if (revokedTeams.has(digest.teamId)) return;
      // Claimed before the content is built, so replicas never build the same digest twice.
      if (!(await this.claim(job, report))) return;
      this.working.add(slotKey(digest.id, slot.localDate));
      lease = this.leases.hold(`digest ${digest.id} ${slot.localDate}`, () => runs.renew(key, this.replica.id, this.leaseUntil()));
      let view;
      try {
        const built = await session.view(digest, lateMinutes > 0 ? lateMinutes : null);
        if (built.missingBuildings.length > 0) log.warn({ missing: built.missingBuildings }, 'digest names buildings InnerSpace no longer knows; left out');
        view = built.view;
      } catch (err) {
        if (!(err instanceof NotFoundError)) {
          // Nothing posted: the claim is given back and the next tick tries again, late, while the grace window lasts.
          await runs.release(key, this.replica.id);
          this.deferred.set(slotKey(digest.id, slot.localDate), slot.localDate);
          report.deferred += 1;
          log.warn({ code: toAppError(err).code }, 'digest content unavailable; will retry on the next tick');
          return;
        }
        await runs.finish(digest.id, slot.localDate, { state: 'failed', reason: RUN_REASONS.buildingsNotFound });
        this.decide(key);
        report.failed += 1;
        log.warn('digest buildings no longer exist; run failed');
        await this.tellCreator(digest, slot.localDate);
        return;
      }
      if (digest.options.skipWhenNoData && hasNoData(view)) {
        await runs.finish(digest.id, slot.localDate, { state: 'skipped', reason: RUN_REASONS.noData });
        this.decide(key);
        report.skipped += 1;
        return;
      }
      const owner = this.replica.id;
      const outcome = await postMessages(digest.channelId, this.deps.renderer.digest(view), {
        ...this.postOptions(),
        // The fence: only the holder of the claim hands the digest to Slack, and only once.
        beforeFirstPost: () => runs.markPosting(key, owner, this.deps.now()),
      });
      if (outcome.kind === 'lost') {
        log.warn('digest run was taken over by another replica before it was posted; left to it');
        return;
      }
      if (outcome.kind === 'parked') {
        // Nothing went out (Slack said 429): the slot opens again for a pass after the hold.
        await runs.release(key, owner, { refused: true });
        report.deferred += 1;
        log.info({ channel: digest.channelId, holdSeconds: Math.round(outcome.holdMs / 1000) }, 'channel is rate limited; this digest waits for a later pass, the others go on');
        return;
      }
      this.decide(key);
      await recordOutcome({ store: this.deps.store, slack: this.deps.slack, renderer: this.deps.renderer, log }, { digest, slot, outcome, lateMinutes }, report, () =>
        revokedTeams.add(digest.teamId),
      );
      // A refusal that repeats paused the digest and told its creator so; one that passes, or
      // Slack's limits, failed only this run, so this run is what they hear about.
      if (outcome.kind === 'rate_limited' || (outcome.kind === 'refused' && refusalReach(outcome.slackError) === 'transient')) {
        await this.tellCreator(digest, slot.localDate);
      }
    } catch (err) {
      log.error({ err }, 'digest delivery failed');
      // A claimed run whose outcome could not be recorded stays 'claimed' until its lease ends:
      // then it is taken over if nothing was handed to Slack, and recorded unknown if something was.
    } finally {
      lease?.drop();
      this.working.delete(slotKey(digest.id, slot.localDate));
    }
  }

  /** Keeps the decided set to the dates a tick can still look at; once a day is enough. */
  private forgetOld(now: number): void {
    const today = new Date(now).toISOString().slice(0, 10);
    if (today === this.forgotThrough) return;
    this.forgotThrough = today;
    const horizon = new Date(now - (lookbackDaysFor(this.deps.graceMinutes) + 2) * 86_400_000).toISOString().slice(0, 10);
    for (const [key, date] of this.decided) if (date < horizon) this.decided.delete(key);
    for (const [key, date] of this.deferred) if (date < horizon) this.deferred.delete(key);
  }
}
