import { notFound } from '../errors';
import type { DigestRun, DigestRunRepository } from '../ports';
import { assertLocalDate, normalizeLateMinutes, outcomeFields } from '../rules';
import { copy, runKey, type MemoryTables } from './tables';

const newestFirst = (a: DigestRun, b: DigestRun): number => (a.localDate < b.localDate ? 1 : a.localDate > b.localDate ? -1 : 0);

export function memoryDigestRuns(t: MemoryTables): DigestRunRepository {
  const forDigest = (digestId: number): DigestRun[] =>
    [...t.runs.values()].filter((r) => r.digestId === digestId).sort(newestFirst);

  return {
    // No await between the check and the write: that is what makes concurrent claims safe here.
    async claim(digestId, localDate, teamId, claimedAt, options = {}) {
      t.open('digestRuns.claim');
      assertLocalDate('digestRuns.claim', localDate);
      const lateMinutes = normalizeLateMinutes('digestRuns.claim', options.lateMinutes);
      const digest = t.digests.get(digestId);
      if (!digest || digest.teamId !== teamId) throw notFound('digestRuns.claim', 'digest', { digestId, teamId });
      const key = runKey(digestId, localDate);
      if (t.runs.has(key)) return false;
      t.runs.set(key, {
        digestId,
        localDate,
        teamId,
        state: 'claimed',
        claimedAt,
        finishedAt: null,
        messageTs: null,
        channelId: options.channelId ?? null,
        reason: null,
        lateMinutes,
      });
      return true;
    },

    async finish(digestId, localDate, outcome) {
      t.open('digestRuns.finish');
      const run = t.runs.get(runKey(digestId, localDate));
      if (!run || run.state !== 'claimed') return false;
      const fields = outcomeFields(outcome);
      run.state = outcome.state;
      run.finishedAt = t.now();
      run.messageTs = fields.messageTs;
      run.reason = fields.reason;
      if (fields.channelId !== undefined) run.channelId = fields.channelId;
      return true;
    },

    async get(digestId, localDate) {
      t.open('digestRuns.get');
      const run = t.runs.get(runKey(digestId, localDate));
      return run ? copy(run) : null;
    },

    async listForDigest(digestId, limit) {
      t.open('digestRuns.listForDigest');
      const runs = forDigest(digestId);
      return (limit === undefined ? runs : runs.slice(0, Math.max(0, Math.floor(limit)))).map(copy);
    },

    async lastRun(digestId) {
      t.open('digestRuns.lastRun');
      const run = forDigest(digestId)[0];
      return run ? copy(run) : null;
    },

    async listUnfinished() {
      t.open('digestRuns.listUnfinished');
      return [...t.runs.values()]
        .filter((r) => r.state === 'claimed')
        .sort((a, b) => a.claimedAt - b.claimedAt || a.digestId - b.digestId || (a.localDate < b.localDate ? -1 : 1))
        .map(copy);
    },
  };
}
