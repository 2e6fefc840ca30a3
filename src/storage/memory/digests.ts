import type { Digest, DigestPatch, DigestRepository } from '../ports';
import { pickDigestOptions } from '../rules';
import { byId, copy, type MemoryTables } from './tables';

export function memoryDigests(t: MemoryTables): DigestRepository {
  const find = (teamId: string, id: number): Digest | undefined => {
    const d = t.digests.get(id);
    return d && d.teamId === teamId ? d : undefined;
  };
  const list = (keep: (d: Digest) => boolean): Digest[] => [...t.digests.values()].filter(keep).sort(byId).map(copy);
  const change = (op: string, teamId: string, id: number, apply: (d: Digest) => void): Digest | null => {
    t.open(op);
    const d = find(teamId, id);
    if (!d) return null;
    apply(d);
    d.updatedAt = t.now();
    return copy(d);
  };

  return {
    async create(input) {
      t.open('digests.create');
      const at = t.now();
      const digest: Digest = {
        id: t.nextDigestId(),
        teamId: input.teamId,
        channelId: input.channelId,
        createdBy: input.createdBy,
        buildingIds: [...input.buildingIds],
        timeOfDay: input.timeOfDay,
        days: [...input.days],
        timeZone: input.timeZone,
        options: pickDigestOptions(input.options),
        status: 'active',
        pausedReason: null,
        createdAt: at,
        updatedAt: at,
      };
      t.digests.set(digest.id, digest);
      return copy(digest);
    },

    async get(teamId, id) {
      t.open('digests.get');
      const d = find(teamId, id);
      return d ? copy(d) : null;
    },

    async listByChannel(teamId, channelId) {
      t.open('digests.listByChannel');
      return list((d) => d.teamId === teamId && d.channelId === channelId);
    },

    async listByTeam(teamId) {
      t.open('digests.listByTeam');
      return list((d) => d.teamId === teamId);
    },

    async listActive() {
      t.open('digests.listActive');
      return list((d) => d.status === 'active');
    },

    async update(teamId, id, patch: DigestPatch) {
      return change('digests.update', teamId, id, (d) => {
        if (patch.channelId !== undefined) d.channelId = patch.channelId;
        if (patch.buildingIds !== undefined) d.buildingIds = [...patch.buildingIds];
        if (patch.timeOfDay !== undefined) d.timeOfDay = patch.timeOfDay;
        if (patch.days !== undefined) d.days = [...patch.days];
        if (patch.timeZone !== undefined) d.timeZone = patch.timeZone;
        if (patch.options !== undefined) d.options = pickDigestOptions(patch.options);
      });
    },

    async pause(teamId, id, reason) {
      return change('digests.pause', teamId, id, (d) => {
        d.status = 'paused';
        d.pausedReason = reason;
      });
    },

    async pauseAllForTeam(teamId, reason) {
      t.open('digests.pauseAllForTeam');
      const at = t.now();
      let count = 0;
      for (const d of t.digests.values()) {
        if (d.teamId !== teamId || d.status !== 'active') continue;
        d.status = 'paused';
        d.pausedReason = reason;
        d.updatedAt = at;
        count += 1;
      }
      return count;
    },

    async resume(teamId, id) {
      return change('digests.resume', teamId, id, (d) => {
        d.status = 'active';
        d.pausedReason = null;
      });
    },

    async delete(teamId, id) {
      t.open('digests.delete');
      if (!find(teamId, id)) return false;
      t.digests.delete(id);
      for (const [key, run] of t.runs) if (run.digestId === id) t.runs.delete(key);
      return true;
    },
  };
}
