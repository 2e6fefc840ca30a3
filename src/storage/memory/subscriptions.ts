import type { NewSubscription, Subscription, SubscriptionPatch, SubscriptionRepository } from '../ports';
import { byId, copy, type MemoryTables } from './tables';

type RuleField = keyof SubscriptionPatch;
const RULE_FIELDS: readonly RuleField[] = [
  'scopeKind', 'scopeId', 'measure', 'direction', 'threshold', 'recovery', 'minDuration', 'granularity',
  'destinationKind', 'destinationId', 'quietHours', 'renotifyMinutes',
];

/** Copies only the known rule fields, as the SQL columns would: extra properties are dropped. */
function applyRule(target: Partial<NewSubscription>, source: SubscriptionPatch): void {
  for (const field of RULE_FIELDS) {
    const value = source[field];
    if (value !== undefined) (target as Record<RuleField, unknown>)[field] = copy(value);
  }
}

export function memorySubscriptions(t: MemoryTables): SubscriptionRepository {
  const find = (teamId: string, id: number): Subscription | undefined => {
    const s = t.subscriptions.get(id);
    return s && s.teamId === teamId ? s : undefined;
  };
  const list = (op: string, keep: (s: Subscription) => boolean): Subscription[] => {
    t.open(op);
    return [...t.subscriptions.values()].filter(keep).sort(byId).map(copy);
  };
  const change = (op: string, teamId: string, id: number, apply: (s: Subscription) => void): Subscription | null => {
    t.open(op);
    const s = find(teamId, id);
    if (!s) return null;
    apply(s);
    s.updatedAt = t.now();
    return copy(s);
  };

  return {
    async create(input) {
      t.open('subscriptions.create');
      const at = t.now();
      const rule: Partial<NewSubscription> = {};
      applyRule(rule, input);
      const sub: Subscription = {
        ...(rule as Omit<NewSubscription, 'teamId' | 'createdBy'>),
        teamId: input.teamId,
        createdBy: input.createdBy,
        id: t.nextSubscriptionId(),
        status: 'active',
        pausedReason: null,
        snoozedUntil: null,
        createdAt: at,
        updatedAt: at,
      };
      t.subscriptions.set(sub.id, sub);
      return copy(sub);
    },

    async get(teamId, id) {
      t.open('subscriptions.get');
      const s = find(teamId, id);
      return s ? copy(s) : null;
    },

    async listByUser(teamId, userId) {
      return list('subscriptions.listByUser', (s) => s.teamId === teamId && s.createdBy === userId);
    },

    async listByDestination(teamId, kind, destinationId) {
      return list(
        'subscriptions.listByDestination',
        (s) => s.teamId === teamId && s.destinationKind === kind && s.destinationId === destinationId,
      );
    },

    async listByTeam(teamId) {
      return list('subscriptions.listByTeam', (s) => s.teamId === teamId);
    },

    async listActive() {
      return list('subscriptions.listActive', (s) => s.status === 'active');
    },

    async listActiveByScope(scopeKind, scopeId) {
      return list(
        'subscriptions.listActiveByScope',
        (s) => s.status === 'active' && s.scopeKind === scopeKind && s.scopeId === scopeId,
      );
    },

    async update(teamId, id, patch: SubscriptionPatch) {
      return change('subscriptions.update', teamId, id, (s) => applyRule(s, patch));
    },

    async delete(teamId, id) {
      t.open('subscriptions.delete');
      if (!find(teamId, id)) return false;
      t.subscriptions.delete(id);
      t.alertStates.delete(id);
      return true;
    },

    async snooze(teamId, id, until) {
      return change('subscriptions.snooze', teamId, id, (s) => {
        s.snoozedUntil = until;
      });
    },

    async mute(teamId, id) {
      return change('subscriptions.mute', teamId, id, (s) => {
        s.status = 'muted';
        s.pausedReason = null;
      });
    },

    async pause(teamId, id, reason) {
      return change('subscriptions.pause', teamId, id, (s) => {
        s.status = 'paused';
        s.pausedReason = reason;
      });
    },

    async resume(teamId, id) {
      return change('subscriptions.resume', teamId, id, (s) => {
        s.status = 'active';
        s.pausedReason = null;
      });
    },
  };
}
