import type { Keep } from '../cache/result-cache';

export { ResultCache, type Keep } from '../cache/result-cache';

export const REFERENCE_TTL_MS = 60 * 60 * 1000;
/** How long a settled insight answer is kept (LRU-bounded): a published past day does not change. */
export const SETTLED_TTL_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_RECHECK_MINUTES = 10;

/**
 * The latest DATE_PARTITION seen in any answer, per subject (root, ids, granularity, group and
 * filters): what InnerSpace has published, learnt from the data rather than from a guess about
 * when it publishes. Bounded; forgetting a subject only means asking again sooner.
 */
export class PublishedDays {
  private readonly latest = new Map<string, number>();

  constructor(private readonly maxSubjects = 5000) {}

  note(subject: string, partitions: Iterable<number>): void {
    let max = this.latest.get(subject) ?? -Infinity;
    for (const p of partitions) if (p > max) max = p;
    if (max === -Infinity) return;
    this.latest.delete(subject);
    this.latest.set(subject, max);
    while (this.latest.size > this.maxSubjects) {
      const oldest = this.latest.keys().next();
      if (oldest.done) break;
      this.latest.delete(oldest.value);
    }
  }

  latestOf(subject: string): number | null {
    return this.latest.get(subject) ?? null;
  }

  /** A range ending before a day that has been published can no longer change. */
  settled(subject: string, to: number): boolean {
    const latest = this.latest.get(subject);
    return latest !== undefined && to < latest;
  }
}

/**
 * How long an insight answer covering days up to `to` may be served: long once a later day of
 * the same subject has been published (now or whenever it is seen later), otherwise for
 * `recheckMs` only, since a day with no rows yet, the latest day and a range reaching past the
 * latest published bucket may all still change.
 */
export function insightKeep(nowMs: number, subject: string, to: number, days: PublishedDays, recheckMs: number): Keep {
  return { until: nowMs + SETTLED_TTL_MS, trustedUntil: nowMs + recheckMs, settled: () => days.settled(subject, to) };
}
