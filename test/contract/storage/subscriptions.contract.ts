import type { AlertStateInput } from '../../../src/domain/alert-state';
import { newSubscription, OTHER_TEAM, rejectionCode, TEAM, T0, type ContractContext } from './context';

export function alertState(subscriptionId: number, overrides: Partial<AlertStateInput> = {}): AlertStateInput {
  return {
    subscriptionId,
    teamId: TEAM,
    state: 'ALERTING',
    pendingSince: T0 - 7_200_000,
    pendingCount: 2,
    episodeStart: T0 - 7_200_000,
    episodePeak: 143.25,
    episodePeakAt: T0 - 3_600_000,
    episodeUsual: null,
    episodeUsualWeeks: null,
    messageChannel: 'C0FACILITY',
    messageTs: '1732536000.000200',
    lastNotifiedAt: T0,
    evaluatedThrough: T0 - 3_600_000,
    deferred: [{ kind: 'recovery', at: T0, detail: { peak: 143, zones: [1, 2] } }],
    ...overrides,
  };
}

export function subscriptionContract(ctx: ContractContext): void {
  describe('subscriptions', () => {
    test('create and get round-trip every field, JSON and reals included', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      expect(s).toEqual({
        id: expect.any(Number),
        ...newSubscription(),
        status: 'active',
        pausedReason: null,
        snoozedUntil: null,
        snoozedBy: null,
        createdAt: T0,
        updatedAt: T0,
      });
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toEqual(s);
      const plain = await ctx.store.subscriptions.create(newSubscription({ quietHours: null, renotifyMinutes: 60, scopeKind: 'zone' }));
      expect(await ctx.store.subscriptions.get(TEAM, plain.id)).toMatchObject({ quietHours: null, renotifyMinutes: 60, scopeKind: 'zone' });
    });

    test('the threshold kind: absolute when not given, relative round-trips and can be changed by update', async () => {
      const { thresholdKind: _kind, ...unsaid } = newSubscription();
      expect(await ctx.store.subscriptions.create(unsaid)).toMatchObject({ thresholdKind: 'absolute' });
      const relative = await ctx.store.subscriptions.create(newSubscription({ thresholdKind: 'relative', threshold: 130, recovery: 117 }));
      expect(await ctx.store.subscriptions.get(TEAM, relative.id)).toMatchObject({ thresholdKind: 'relative', threshold: 130, recovery: 117 });
      expect(await ctx.store.subscriptions.update(TEAM, relative.id, { thresholdKind: 'absolute', threshold: 140 })).toMatchObject({ thresholdKind: 'absolute', threshold: 140 });
      expect((await ctx.store.subscriptions.listActive()).find((x) => x.id === relative.id)).toMatchObject({ thresholdKind: 'absolute' });
    });

    test('keeps the group a rule watches; a patch without one leaves it, null puts back the default', async () => {
      const sales = 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54';
      const s = await ctx.store.subscriptions.create(newSubscription({ groupId: sales }));
      expect(s.groupId).toBe(sales);
      expect((await ctx.store.subscriptions.get(TEAM, s.id))?.groupId).toBe(sales);
      expect((await ctx.store.subscriptions.update(TEAM, s.id, { threshold: 150 }))?.groupId).toBe(sales);
      expect((await ctx.store.subscriptions.listActive()).find((x) => x.id === s.id)?.groupId).toBe(sales);
      expect((await ctx.store.subscriptions.update(TEAM, s.id, { groupId: null }))?.groupId).toBeNull();
      const { groupId: _omitted, ...withoutGroup } = newSubscription();
      expect((await ctx.store.subscriptions.create(withoutGroup)).groupId).toBeNull();
    });

    test('transfer hands a rule over only from whoever holds it; a DM rule goes to the new holder', async () => {
      const channel = await ctx.store.subscriptions.create(newSubscription());
      const dm = await ctx.store.subscriptions.create(newSubscription({ destinationKind: 'dm', destinationId: 'U0CREATOR' }));
      expect(await ctx.store.subscriptions.transfer(OTHER_TEAM, channel.id, 'U0CREATOR', 'U0ADMIN')).toBeNull();
      expect(await ctx.store.subscriptions.transfer(TEAM, channel.id, 'U0SOMEONE', 'U0ADMIN')).toBeNull();
      expect(await ctx.store.subscriptions.transfer(TEAM, channel.id, 'U0CREATOR', 'U0ADMIN')).toMatchObject({ createdBy: 'U0ADMIN', destinationKind: 'channel', destinationId: 'C0FACILITY' });
      expect(await ctx.store.subscriptions.transfer(TEAM, dm.id, 'U0CREATOR', 'U0ADMIN')).toMatchObject({ createdBy: 'U0ADMIN', destinationKind: 'dm', destinationId: 'U0ADMIN' });
      expect(await ctx.store.subscriptions.transfer(TEAM, dm.id, 'U0CREATOR', 'U0OTHER')).toBeNull();
      expect(await ctx.store.subscriptions.get(TEAM, dm.id)).toMatchObject({ createdBy: 'U0ADMIN', threshold: dm.threshold });
    });

    test('another team sees nothing and changes nothing', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      expect(await ctx.store.subscriptions.get(OTHER_TEAM, s.id)).toBeNull();
      expect(await ctx.store.subscriptions.update(OTHER_TEAM, s.id, { threshold: 1 })).toBeNull();
      expect(await ctx.store.subscriptions.snooze(OTHER_TEAM, s.id, T0 + 1)).toBeNull();
      expect(await ctx.store.subscriptions.mute(OTHER_TEAM, s.id)).toBeNull();
      expect(await ctx.store.subscriptions.pause(OTHER_TEAM, s.id, 'x')).toBeNull();
      expect(await ctx.store.subscriptions.resume(OTHER_TEAM, s.id)).toBeNull();
      expect(await ctx.store.subscriptions.delete(OTHER_TEAM, s.id)).toBe(false);
      expect(await ctx.store.subscriptions.listByUser(OTHER_TEAM, s.createdBy)).toEqual([]);
      expect(await ctx.store.subscriptions.listByDestination(OTHER_TEAM, 'channel', s.destinationId)).toEqual([]);
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toEqual(s);
    });

    test('lists filter by user, destination and team, ordered by id', async () => {
      const a = await ctx.store.subscriptions.create(newSubscription({ createdBy: 'U1', destinationKind: 'dm', destinationId: 'U1' }));
      const b = await ctx.store.subscriptions.create(newSubscription({ createdBy: 'U2', destinationId: 'C9' }));
      const c = await ctx.store.subscriptions.create(newSubscription({ createdBy: 'U1', destinationId: 'C9' }));
      await ctx.store.subscriptions.create(newSubscription({ teamId: OTHER_TEAM, createdBy: 'U1', destinationId: 'C9' }));
      expect((await ctx.store.subscriptions.listByUser(TEAM, 'U1')).map((s) => s.id)).toEqual([a.id, c.id]);
      expect((await ctx.store.subscriptions.listByDestination(TEAM, 'channel', 'C9')).map((s) => s.id)).toEqual([b.id, c.id]);
      expect((await ctx.store.subscriptions.listByDestination(TEAM, 'dm', 'U1')).map((s) => s.id)).toEqual([a.id]);
      expect((await ctx.store.subscriptions.listByDestination(TEAM, 'channel', 'U1')).map((s) => s.id)).toEqual([]);
      expect((await ctx.store.subscriptions.listByTeam(TEAM)).map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    });

    test('listActive and listActiveByScope span teams and leave muted and paused out', async () => {
      const a = await ctx.store.subscriptions.create(newSubscription());
      const b = await ctx.store.subscriptions.create(newSubscription({ teamId: OTHER_TEAM }));
      const muted = await ctx.store.subscriptions.create(newSubscription());
      const paused = await ctx.store.subscriptions.create(newSubscription());
      const zone = await ctx.store.subscriptions.create(newSubscription({ scopeKind: 'zone', scopeId: 71 }));
      const snoozed = await ctx.store.subscriptions.create(newSubscription({ scopeId: 72 }));
      await ctx.store.subscriptions.mute(TEAM, muted.id);
      await ctx.store.subscriptions.pause(TEAM, paused.id, 'channel_not_found');
      await ctx.store.subscriptions.snooze(TEAM, snoozed.id, T0 + 3_600_000);
      expect((await ctx.store.subscriptions.listActiveByScope('building', 71)).map((s) => s.id)).toEqual([a.id, b.id]);
      expect((await ctx.store.subscriptions.listActiveByScope('zone', 71)).map((s) => s.id)).toEqual([zone.id]);
      expect((await ctx.store.subscriptions.listActive()).map((s) => s.id)).toEqual([a.id, b.id, zone.id, snoozed.id]);
    });

    test('update changes the given rule fields only, and can clear quiet hours', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      const later = ctx.clock.advance(1000);
      const widened = { ...s, teamId: OTHER_TEAM, createdBy: 'U0SOMEONE', threshold: 90, quietHours: null };
      const updated = await ctx.store.subscriptions.update(TEAM, s.id, widened);
      expect(updated).toEqual({ ...s, threshold: 90, quietHours: null, updatedAt: later });
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toEqual(updated);
      const moved = await ctx.store.subscriptions.update(TEAM, s.id, { direction: 'below', recovery: 110, granularity: 'P1D', minDuration: 1 });
      expect(moved).toMatchObject({ direction: 'below', recovery: 110, granularity: 'P1D', minDuration: 1, threshold: 90 });
    });

    test('snooze sets and clears; mute, pause and resume move the status', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      expect(await ctx.store.subscriptions.snooze(TEAM, s.id, T0 + 86_400_000)).toMatchObject({ snoozedUntil: T0 + 86_400_000 });
      expect(await ctx.store.subscriptions.snooze(TEAM, s.id, null)).toMatchObject({ snoozedUntil: null });
      expect(await ctx.store.subscriptions.snooze(TEAM, s.id, T0 + 3_600_000, 'U0ADA')).toMatchObject({ snoozedUntil: T0 + 3_600_000, snoozedBy: 'U0ADA' });
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toMatchObject({ snoozedBy: 'U0ADA' });
      // Clearing the snooze forgets who set it.
      expect(await ctx.store.subscriptions.snooze(TEAM, s.id, null, 'U0ADA')).toMatchObject({ snoozedUntil: null, snoozedBy: null });
      expect(await ctx.store.subscriptions.mute(TEAM, s.id)).toMatchObject({ status: 'muted', pausedReason: null });
      expect(await ctx.store.subscriptions.pause(TEAM, s.id, 'channel_not_found')).toMatchObject({ status: 'paused', pausedReason: 'channel_not_found' });
      expect(await ctx.store.subscriptions.resume(TEAM, s.id)).toMatchObject({ status: 'active', pausedReason: null });
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toMatchObject({ status: 'active' });
    });

    test('delete removes the subscription and its alert state', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      await ctx.store.alertStates.put(alertState(s.id));
      expect(await ctx.store.subscriptions.delete(TEAM, s.id)).toBe(true);
      expect(await ctx.store.subscriptions.delete(TEAM, s.id)).toBe(false);
      expect(await ctx.store.subscriptions.get(TEAM, s.id)).toBeNull();
      expect(await ctx.store.alertStates.get(s.id)).toBeNull();
      expect(await ctx.store.subscriptions.removed(TEAM, s.id)).toBeNull();
    });

    test('delete with who did it notes them once; another team, or a rule still there, has no note', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      const kept = await ctx.store.subscriptions.create(newSubscription());
      expect(await ctx.store.subscriptions.removed(TEAM, s.id)).toBeNull();
      const at = ctx.clock.advance(60_000);
      expect(await ctx.store.subscriptions.delete(OTHER_TEAM, s.id, 'U0EVE')).toBe(false);
      expect(await ctx.store.subscriptions.removed(OTHER_TEAM, s.id)).toBeNull();
      expect(await ctx.store.subscriptions.delete(TEAM, s.id, 'U0ADA')).toBe(true);
      expect(await ctx.store.subscriptions.delete(TEAM, s.id, 'U0EVE')).toBe(false);
      expect(await ctx.store.subscriptions.removed(TEAM, s.id)).toEqual({ id: s.id, teamId: TEAM, removedBy: 'U0ADA', removedAt: at });
      expect(await ctx.store.subscriptions.removed(OTHER_TEAM, s.id)).toBeNull();
      expect(await ctx.store.subscriptions.removed(TEAM, kept.id)).toBeNull();
    });
  });

  describe('alert messages', () => {
    const message = (ts: string, subscriptionId: number, text = `alert ${ts}`) => ({ teamId: TEAM, subscriptionId, channel: 'C0FACILITY', ts, content: { text, blocks: [{ type: 'section', n: 1.5 }] } });

    test('record, newest first, text kept up to date; limit; another team sees none', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      await ctx.store.alertMessages.record(message('1.000100', s.id));
      ctx.clock.advance(60_000);
      await ctx.store.alertMessages.record(message('1.000200', s.id));
      await ctx.store.alertMessages.record(message('1.000300', s.id + 1));
      await ctx.store.alertMessages.record(message('1.000100', s.id, 'recovered'));
      const listed = await ctx.store.alertMessages.listBySubscription(TEAM, s.id, 10);
      expect(listed.map((m) => [m.ts, m.content.text])).toEqual([['1.000200', 'alert 1.000200'], ['1.000100', 'recovered']]);
      expect(listed[1]).toEqual({ ...message('1.000100', s.id, 'recovered'), postedAt: T0 });
      expect((await ctx.store.alertMessages.listBySubscription(TEAM, s.id, 1)).map((m) => m.ts)).toEqual(['1.000200']);
      expect(await ctx.store.alertMessages.listBySubscription(OTHER_TEAM, s.id, 10)).toEqual([]);
    });

    test('keepNewest forgets the older messages of one rule only', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      for (const n of [1, 2, 3, 4]) {
        await ctx.store.alertMessages.record(message(`3.00000${n}`, s.id));
        ctx.clock.advance(60_000);
      }
      await ctx.store.alertMessages.record(message('3.000009', s.id + 1));
      expect(await ctx.store.alertMessages.keepNewest(OTHER_TEAM, s.id, 0)).toBe(0);
      expect(await ctx.store.alertMessages.keepNewest(TEAM, s.id, 2)).toBe(2);
      expect((await ctx.store.alertMessages.listBySubscription(TEAM, s.id, 10)).map((m) => m.ts)).toEqual(['3.000004', '3.000003']);
      expect(await ctx.store.alertMessages.keepNewest(TEAM, s.id, 2)).toBe(0);
      expect((await ctx.store.alertMessages.listBySubscription(TEAM, s.id + 1, 10)).map((m) => m.ts)).toEqual(['3.000009']);
    });

    test('survive the rule’s deletion until forgotten', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      await ctx.store.alertMessages.record(message('2.000100', s.id));
      await ctx.store.subscriptions.delete(TEAM, s.id, 'U0ADA');
      expect((await ctx.store.alertMessages.listBySubscription(TEAM, s.id, 10)).map((m) => m.ts)).toEqual(['2.000100']);
      expect(await ctx.store.alertMessages.forget(OTHER_TEAM, 'C0FACILITY', '2.000100')).toBe(false);
      expect(await ctx.store.alertMessages.forget(TEAM, 'C0FACILITY', '2.000100')).toBe(true);
      expect(await ctx.store.alertMessages.forget(TEAM, 'C0FACILITY', '2.000100')).toBe(false);
      expect(await ctx.store.alertMessages.listBySubscription(TEAM, s.id, 10)).toEqual([]);
    });
  });

  describe('alert states', () => {
    test('put inserts then replaces; get round-trips deferred JSON', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      expect(await ctx.store.alertStates.get(s.id)).toBeNull();
      const stored = await ctx.store.alertStates.put(alertState(s.id));
      expect(stored).toEqual({ ...alertState(s.id), updatedAt: T0 });
      expect(await ctx.store.alertStates.get(s.id)).toEqual(stored);
      const later = ctx.clock.advance(900_000);
      const ok = alertState(s.id, {
        state: 'OK', pendingSince: null, pendingCount: 0, episodeStart: null, episodePeak: null,
        episodePeakAt: null, messageChannel: null, messageTs: null, deferred: [],
      });
      expect(await ctx.store.alertStates.put(ok)).toEqual({ ...ok, updatedAt: later });
      expect(await ctx.store.alertStates.get(s.id)).toEqual({ ...ok, updatedAt: later });
    });

    test('a relative rule\'s state keeps the usual level of its extreme; a state put without one reads null', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription({ thresholdKind: 'relative', threshold: 130, recovery: 117 }));
      const relative = alertState(s.id, { episodePeak: 145.9, episodeUsual: 98.25, episodeUsualWeeks: 3 });
      expect(await ctx.store.alertStates.put(relative)).toEqual({ ...relative, updatedAt: T0 });
      expect(await ctx.store.alertStates.get(s.id)).toMatchObject({ episodePeak: 145.9, episodeUsual: 98.25, episodeUsualWeeks: 3 });
      const { episodeUsual: _u, episodeUsualWeeks: _w, ...without } = relative;
      await ctx.store.alertStates.put(without);
      expect(await ctx.store.alertStates.get(s.id)).toMatchObject({ episodeUsual: null, episodeUsualWeeks: null });
    });

    test('getMany returns only the ids that have a state', async () => {
      const a = await ctx.store.subscriptions.create(newSubscription());
      const b = await ctx.store.subscriptions.create(newSubscription());
      const c = await ctx.store.subscriptions.create(newSubscription());
      await ctx.store.alertStates.put(alertState(a.id));
      await ctx.store.alertStates.put(alertState(c.id, { state: 'NO_DATA' }));
      const many = await ctx.store.alertStates.getMany([a.id, b.id, c.id, c.id, 424242]);
      expect([...many.keys()].sort((x, y) => x - y)).toEqual([a.id, c.id]);
      expect(many.get(c.id)?.state).toBe('NO_DATA');
      expect((await ctx.store.alertStates.getMany([])).size).toBe(0);
    });

    test('put for a missing subscription, or under another team, is NOT_FOUND', async () => {
      const s = await ctx.store.subscriptions.create(newSubscription());
      expect(await rejectionCode(ctx.store.alertStates.put(alertState(s.id + 1000)))).toBe('NOT_FOUND');
      expect(await rejectionCode(ctx.store.alertStates.put(alertState(s.id, { teamId: OTHER_TEAM })))).toBe('NOT_FOUND');
      expect(await ctx.store.alertStates.get(s.id)).toBeNull();
    });
  });
}
