/**
 * A Retry-After one replica heard is shared through the store; a replica that never heard it
 * itself must park its work for that channel too (digests and alerts), not sleep through the
 * hold while its other channels wait. Two engines (and two alert checks) on one PostgreSQL
 * database, each with its own store connection and name, as two replicas are wired; one
 * embedded Slack whose CSLOW answers every post with 429, Retry-After 120.
 */
import { performance } from 'node:perf_hooks';
import { createCharts, QuickChartRenderer } from '../../../src/charts';
import { NIL_GROUP_ID } from '../../../src/domain/occupancy';
import { createAlerts, type Alerts } from '../../../src/services/alerts';
import { freshState } from '../../../src/services/alerts/stored';
import { Authorizer } from '../../../src/services/authz';
import { createDigests, realPacingClock, slotInstant, type Digests } from '../../../src/services/digests';
import { LeaseKeeper } from '../../../src/services/replicas/leases';
import { blockKitRenderer } from '../../../src/slack/blocks/renderer';
import { openStore } from '../../../src/storage';
import type { Store } from '../../../src/ports/store';
import { NightlyInnerSpace } from '../../fakes/nightly-innerspace';
import { silentLogger } from '../../support/logger';
import { testDatabase, type TestDatabase } from '../../support/postgres';
import { botChannels, CREATOR, startEngineRig, TEAM, type EngineRig } from '../digests/engine-harness';

const MIN = 60_000;
const HOLD = { status: 429 as const, retryAfter: 120 };
/** Far below the 120 s hold, far above a pass's few seconds on a loaded machine: the hold was not waited out. */
const NOT_WAITED_OUT_MS = 60_000;
const OTHERS = ['CO1', 'CO2', 'CO3'];

describe('a Retry-After heard by one replica parks that channel on the other too', () => {
  let db: TestDatabase;
  let rig: EngineRig;
  const stores: Store[] = [];
  const charts = createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' }));
  const logger = silentLogger();

  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await rig?.close();
    for (const s of stores.splice(0)) await s.close();
    await db?.drop();
  });

  /** One more connection to the test's database, stamping with the rig's clock; closed after the test. */
  const openShared = async (): Promise<Store> => {
    const store = await openStore({ url: db.url, logger, now: () => rig.clock.now() });
    stores.push(store);
    expect(store.shared).toBe(true);
    return store;
  };
  const pacingClock = () => ({ now: rig.clock.flowing, sleep: realPacingClock.sleep });
  const leases = (id: string) => new LeaseKeeper({ id, leaseMs: 30_000 }, logger);
  const postCallsTo = (channel: string) => rig.workspace.callsTo('chat.postMessage').filter((c) => c.args.channel === channel).length;
  const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
    const started = performance.now();
    const value = await work();
    return { value, ms: performance.now() - started };
  };

  it('digests: the other replica parks the held channel without asking Slack, sends its other channels on time, and the held one later, once', async () => {
    const SLOT = slotInstant('2026-11-25', '08:00', 'America/New_York');
    const DATE = '2026-11-25';
    // Replica A is the rig's engine, replica B one more on the same database, Slack and InnerSpace.
    rig = await startEngineRig({ channels: botChannels(['CSLOW', ...OTHERS]), start: SLOT - 10 * MIN, store: await openShared(), replica: 'replica-a', logger });
    const b: Digests = createDigests({
      store: await openShared(), slack: rig.slack, innerspace: rig.innerspace, groupId: NIL_GROUP_ID, charts,
      renderer: blockKitRenderer, authorizer: new Authorizer(rig.slack, []), now: rig.clock.now, logger, graceMinutes: 30,
      pacingClock: pacingClock(), leases: leases('replica-b'),
    });
    const add = (channelId: string, timeOfDay: string) => rig.add({ channelId, buildingIds: [1], timeOfDay, timeZone: 'America/New_York' });
    const slow = await add('CSLOW', '08:00');
    // Due a minute later: work the other replica has of its own when it meets the hold.
    const later = await Promise.all(OTHERS.map((c) => add(c, '08:01')));
    rig.workspace.failChannel('chat.postMessage', 'CSLOW', HOLD);

    rig.clock.t = SLOT;
    expect(await rig.digests.engine.runDue()).toMatchObject({ sent: 0, deferred: 1 });
    expect(postCallsTo('CSLOW')).toBe(1);

    // Replica B has never heard the 429: only the store knows of the hold.
    rig.clock.t = SLOT + MIN;
    const onB = await timed(() => b.engine.runDue());
    expect(onB.ms).toBeLessThan(NOT_WAITED_OUT_MS);
    expect(onB.value).toMatchObject({ sent: 3, deferred: 1, failed: 0 });
    for (const d of later) expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 0, owner: 'replica-b' });
    expect(postCallsTo('CSLOW')).toBe(1);
    expect(await rig.store.digestRuns.get(slow.id, DATE)).toBeNull();

    // The channel takes posts again and the hold has passed: sent once, as late as it is.
    rig.workspace.failChannel('chat.postMessage', 'CSLOW', null);
    rig.clock.t = SLOT + 3 * MIN;
    expect(await b.engine.runDue()).toMatchObject({ sent: 1 });
    expect(await rig.digests.engine.runDue()).toMatchObject({ sent: 0 });
    expect(await rig.store.digestRuns.get(slow.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 3 });
    expect(rig.postsIn('CSLOW')).toHaveLength(1);
    await b.engine.stop();
  }, 100_000);

  it('alerts: the other replica keeps the held alert queued without asking Slack, and sends it once the channel takes posts', async () => {
    /** Wed 25 Nov is published at 04:00 in Toronto on Thursday. */
    const CHECK = Date.parse('2026-11-26T10:00:00Z');
    // The rig's own engine stays idle: it lends its Slack, clock and store connection.
    rig = await startEngineRig({ channels: botChannels(['CSLOW', 'COK']), start: Date.parse('2026-11-25T15:00:00Z'), store: await openShared(), logger });
    const innerspace = new NightlyInnerSpace({ buildings: 1, now: rig.clock.now });
    const replica = async (id: string): Promise<Alerts> =>
      createAlerts({
        store: await openShared(), innerspace, slack: rig.slack, authz: new Authorizer(rig.slack, []), charts, renderer: blockKitRenderer, groupId: NIL_GROUP_ID,
        now: rig.clock.now, logger, noDataAfterHours: 36, pacingClock: pacingClock(), leases: leases(id),
      });
    const a = await replica('replica-a');
    const b = await replica('replica-b');
    const store = rig.store;
    const rule = async (channel: string) => {
      const sub = await store.subscriptions.create({
        teamId: TEAM, createdBy: CREATOR, scopeKind: 'building', scopeId: 1, measure: 'people', direction: 'above', threshold: 50, recovery: 40,
        minDuration: 2, granularity: 'PT1H', destinationKind: 'channel', destinationId: channel, quietHours: null, renotifyMinutes: null,
      });
      // Read from Tue 24 Nov 23:00 in Toronto on, as a rule saved that day starts.
      await store.alertStates.put(freshState(sub.id, TEAM, Date.parse('2026-11-25T04:00:00Z')));
      return sub.id;
    };
    const held = await rule('CSLOW');
    await rule('COK');
    rig.workspace.failChannel('chat.postMessage', 'CSLOW', HOLD);

    rig.clock.t = CHECK;
    expect(await a.tick()).toMatchObject({ posted: 1, parked: 1 });
    expect(rig.postsIn('COK')).toHaveLength(1);
    expect(postCallsTo('CSLOW')).toBe(1);

    // Replica B checks the scope next: the alert is still queued, the hold only in the store.
    rig.clock.t = CHECK + MIN;
    const onB = await timed(() => b.tick());
    expect(onB.ms).toBeLessThan(NOT_WAITED_OUT_MS);
    expect(onB.value).toMatchObject({ readings: 0, posted: 0, parked: 1 });
    expect(postCallsTo('CSLOW')).toBe(1);
    expect((await store.alertStates.get(held))?.deferred).toEqual([expect.objectContaining({ kind: 'open', phase: 'queued' })]);

    rig.workspace.failChannel('chat.postMessage', 'CSLOW', null);
    rig.clock.t = CHECK + 3 * MIN;
    expect(await b.tick()).toMatchObject({ posted: 1, parked: 0 });
    expect(await a.tick()).toMatchObject({ posted: 0, parked: 0 });
    const posts = rig.postsIn('CSLOW');
    expect(posts).toHaveLength(1);
    // The episode as it was (Wednesday's hours), not as if it were happening now.
    expect(posts[0]!.text).toMatch(/^🟢 Building 1 \(1\) was above 50 people from \d\d:00 to \d\d:00 on Wed 25 Nov/);
    expect((await store.alertStates.get(held))?.deferred).toEqual([]);
    await a.stop();
    await b.stop();
  }, 100_000);
});
