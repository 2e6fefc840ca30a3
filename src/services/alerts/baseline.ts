/**
 * The history a relative rule measures its buckets against: one insight query per scope
 * covering the 4 weeks before the buckets read. Those weeks are published and no longer
 * change, so the InnerSpace client answers a repeat from its cache.
 */
import { BASELINE_DAYS, History } from '../../domain/baseline';
import { addDays, localDateOf, toDatePartition } from '../../domain/time';
import type { AlertGranularity } from '../../domain/subscription';
import { peopleByBucket } from './readings';
import type { ScopeDirectory, ScopeInfo } from './scopes';

/** The past weeks of buckets from `first` to `last` (bucket starts): from 4 weeks before the first to a week before the last. */
export async function historyFor(scopes: ScopeDirectory, scope: ScopeInfo, granularity: AlertGranularity, first: number, last: number): Promise<History> {
  const zone = scope.timeZone;
  const rows = await scopes.insights(scope.kind, {
    ids: [scope.id],
    from: toDatePartition(addDays(localDateOf(first, zone), -BASELINE_DAYS)),
    to: toDatePartition(addDays(localDateOf(last, zone), -7)),
    granularity,
    timeZone: zone,
  });
  return new History(peopleByBucket(rows), granularity, zone);
}
