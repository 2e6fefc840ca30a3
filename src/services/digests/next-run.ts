/**
 * When a digest runs next, as every surface shows it (`digest list`, App Home, replies): the
 * schedule's next slot, skipping a local date whose run is already decided (sent, skipped…).
 */
import type { Digest } from '../../domain/digest';
import { localDateOf } from '../../domain/time';
import type { DigestRunRepository } from '../../ports/store';
import { nextRun } from './schedule';

/** Dates already decided are skipped; three in a row is as far as a schedule needs to look. */
const DECIDED_DATES_SKIPPED = 3;

export async function nextRunOf(digest: Digest, now: number, runs: DigestRunRepository): Promise<number | null> {
  if (digest.status !== 'active') return null;
  let from = now;
  for (let i = 0; i < DECIDED_DATES_SKIPPED; i += 1) {
    const at = nextRun(digest, from, digest.updatedAt);
    if (at === null) return null;
    if (!(await runs.get(digest.id, localDateOf(at, digest.timeZone)))) return at;
    from = at;
  }
  return nextRun(digest, from, digest.updatedAt);
}
