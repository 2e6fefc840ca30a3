/**
 * The history a relative rule measures its buckets against: the same weekdays 1 to 4 weeks
 * before the new buckets, and nothing in between. Each week is its own insight field, asked
 * for in the same turn, so the InnerSpace client sends them as one GraphQL document; those
 * weeks are published and no longer change, so the client's cache answers a repeat.
 */
import { BASELINE_WEEKS, History } from '../../domain/baseline';
import { addDays, compareDates, localDateOf, toDatePartition, type IsoDate } from '../../domain/time';
import type { AlertGranularity } from '../../domain/subscription';
import { peopleByBucket } from './readings';
import type { ScopeDirectory, ScopeInfo } from './scopes';

/** The local days the weeks before `first`..`last` cover, as few ranges as they make (a long catch-up is one). */
export function historyRanges(first: IsoDate, last: IsoDate): { from: IsoDate; to: IsoDate }[] {
  const weeks = Array.from({ length: BASELINE_WEEKS }, (_, i) => ({ from: addDays(first, -7 * (BASELINE_WEEKS - i)), to: addDays(last, -7 * (BASELINE_WEEKS - i)) }));
  const merged: { from: IsoDate; to: IsoDate }[] = [];
  for (const w of weeks) {
    const prev = merged.at(-1);
    if (prev && compareDates(w.from, addDays(prev.to, 1)) <= 0) prev.to = compareDates(w.to, prev.to) > 0 ? w.to : prev.to;
    else merged.push({ ...w });
  }
  return merged;
}

/** The past weeks of buckets `first`..`last` (bucket starts) are measured against. */
export async function historyFor(scopes: ScopeDirectory, scope: ScopeInfo, granularity: AlertGranularity, first: number, last: number): Promise<History> {
  const zone = scope.timeZone;
  const ranges = historyRanges(localDateOf(first, zone), localDateOf(last, zone));
  const parts = await Promise.all(
    ranges.map((r) => scopes.insights(scope.kind, { ids: [scope.id], from: toDatePartition(r.from), to: toDatePartition(r.to), granularity, timeZone: zone })),
  );
  return new History(peopleByBucket(parts.flat()), granularity, zone);
}
