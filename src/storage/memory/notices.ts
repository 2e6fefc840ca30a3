import type { NoticeRepository } from '../ports';
import type { MemoryTables } from './tables';

// NUL cannot occur in a Slack team id, so the joined key cannot collide.
const keyOf = (teamId: string, key: string): string => `${teamId}\u0000${key}`;

export function memoryNotices(t: MemoryTables): NoticeRepository {
  return {
    async markOnce(teamId, key) {
      t.open('notices.markOnce');
      const k = keyOf(teamId, key);
      if (t.notices.has(k)) return false;
      t.notices.set(k, t.now());
      return true;
    },

    async has(teamId, key) {
      t.open('notices.has');
      return t.notices.has(keyOf(teamId, key));
    },

    async clear(teamId, key) {
      t.open('notices.clear');
      return t.notices.delete(keyOf(teamId, key));
    },
  };
}
