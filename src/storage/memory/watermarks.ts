import type { ScopeKey, Watermark, WatermarkRepository } from '../ports';
import { copy, type MemoryTables } from './tables';

const keyOf = (k: ScopeKey): string => `${k.scopeKind}|${k.scopeId}|${k.granularity}`;
const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

export function memoryWatermarks(t: MemoryTables): WatermarkRepository {
  return {
    async get(key) {
      t.open('watermarks.get');
      const w = t.watermarks.get(keyOf(key));
      return w ? copy(w) : null;
    },

    async advance(key, lastBucketStart) {
      t.open('watermarks.advance');
      const existing = t.watermarks.get(keyOf(key));
      if (existing && existing.lastBucketStart >= lastBucketStart) return false;
      const w: Watermark = {
        scopeKind: key.scopeKind,
        scopeId: key.scopeId,
        granularity: key.granularity,
        lastBucketStart,
        updatedAt: t.now(),
      };
      t.watermarks.set(keyOf(key), w);
      return true;
    },

    async list() {
      t.open('watermarks.list');
      return [...t.watermarks.values()]
        .sort((a, b) => cmp(a.scopeKind, b.scopeKind) || a.scopeId - b.scopeId || cmp(a.granularity, b.granularity))
        .map(copy);
    },
  };
}
