/**
 * A skipped run is recorded and told once even when two replicas on one PostgreSQL database
 * tick at the same moment: the claim decides who records it, the stored notice who tells it.
 */
import { createCharts, QuickChartRenderer } from '../../../src/charts';
import { NIL_GROUP_ID } from '../../../src/domain/occupancy';
import { Authorizer } from '../../../src/services/authz';
import { createDigests, realPacingClock, slotInstant } from '../../../src/services/digests';
import { tellCreatorOfRun } from '../../../src/services/digests/run-notices';
import { LeaseKeeper } from '../../../src/services/replicas/leases';
import { blockKitRenderer } from '../../../src/slack/blocks/renderer';
import { openStore } from '../../../src/storage';
import type { Store } from '../../../src/ports/store';
import { silentLogger } from '../../support/logger';
import { testDatabase, type TestDatabase } from '../../support/postgres';
import { botChannels, CREATOR, startEngineRig, type EngineRig } from './engine-harness';

const SLOT = slotInstant('2026-11-25', '08:00', 'America/New_York');
const DATE = '2026-11-25';
const MIN = 60_000;

describe('digest run notices across replicas', () => {
  let db: TestDatabase;
  let rig: EngineRig;
  const stores: Store[] = [];
  const logger = silentLogger();

  beforeEach(async () => {
    db = await testDatabase();
  });
  afterEach(async () => {
    await rig?.close();
    for (const s of stores.splice(0)) await s.close();
    await db?.drop();
  });

  const openShared = async (): Promise<Store> => {
    const store = await openStore({ url: db.url, logger, now: () => rig.clock.now() });
    stores.push(store);
    return store;
  };

  it('two replicas ticking past the grace window at once record one skipped run and tell its creator once', async () => {
    rig = await startEngineRig({ channels: botChannels(['CA']), start: SLOT - 10 * MIN, store: await openShared(), replica: 'replica-a', logger });
    const storeB = await openShared();
    const b = createDigests({
      store: storeB, slack: rig.slack, innerspace: rig.innerspace, groupId: NIL_GROUP_ID,
      charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })),
      renderer: blockKitRenderer, authorizer: new Authorizer(rig.slack, []), now: rig.clock.now, logger, graceMinutes: 30,
      pacingClock: { now: rig.clock.flowing, sleep: realPacingClock.sleep }, leases: new LeaseKeeper({ id: 'replica-b', leaseMs: 30_000 }, logger),
    });
    const d = await rig.add({ channelId: 'CA', buildingIds: [1], timeOfDay: '08:00', timeZone: 'America/New_York' });

    rig.clock.t = SLOT + 45 * MIN;
    const [onA, onB] = await Promise.all([rig.digests.engine.runDue(), b.engine.runDue()]);
    expect(onA.skipped + onB.skipped).toBe(1);
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'skipped', reason: 'missed', lateMinutes: 45 });
    // A replica asked to tell it again (a retry after a crash, say) finds it told.
    expect(await tellCreatorOfRun({ store: storeB, slack: rig.slack, renderer: blockKitRenderer, log: logger, graceMinutes: 30 }, d, DATE)).toBe(false);

    const dm = rig.workspace.state.listChannels().find((c) => c.isIm && c.imUser === CREATOR)!;
    const told = rig.workspace.state.timeline(dm.id).filter((m) => m.text.includes(`Digest #${d.id}'s run for Wed 25 Nov`));
    expect(told).toHaveLength(1);
    expect(rig.postsIn('CA')).toHaveLength(0);
    await b.engine.stop();
  }, 100_000);
});
