import { notFound } from '../errors';
import type { AlertState, AlertStateRepository } from '../ports';
import { copy, type MemoryTables } from './tables';

export function memoryAlertStates(t: MemoryTables): AlertStateRepository {
  return {
    async get(subscriptionId) {
      t.open('alertStates.get');
      const s = t.alertStates.get(subscriptionId);
      return s ? copy(s) : null;
    },

    async getMany(subscriptionIds) {
      t.open('alertStates.getMany');
      const out = new Map<number, AlertState>();
      for (const id of subscriptionIds) {
        const s = t.alertStates.get(id);
        if (s) out.set(id, copy(s));
      }
      return out;
    },

    async put(state) {
      t.open('alertStates.put');
      const owner = t.subscriptions.get(state.subscriptionId);
      if (!owner || owner.teamId !== state.teamId) {
        throw notFound('alertStates.put', 'subscription', { subscriptionId: state.subscriptionId, teamId: state.teamId });
      }
      const stored: AlertState = {
        subscriptionId: state.subscriptionId,
        teamId: state.teamId,
        state: state.state,
        pendingSince: state.pendingSince,
        pendingCount: state.pendingCount,
        episodeStart: state.episodeStart,
        episodePeak: state.episodePeak,
        episodePeakAt: state.episodePeakAt,
        messageChannel: state.messageChannel,
        messageTs: state.messageTs,
        lastNotifiedAt: state.lastNotifiedAt,
        evaluatedThrough: state.evaluatedThrough,
        deferred: copy(state.deferred),
        updatedAt: t.now(),
      };
      t.alertStates.set(state.subscriptionId, stored);
      return copy(stored);
    },
  };
}
