import { slotInstant } from '../../../src/services/digests';
import { tellCreatorOfRun } from '../../../src/services/digests/run-notices';
import { blockKitRenderer } from '../../../src/slack/blocks/renderer';
import { silentLogger } from '../../support/logger';
import { botChannels, startEngineRig, CREATOR, type EngineRig } from './engine-harness';

/** Wed 25 Nov 2026, 08:00 in New York. */
const SLOT = slotInstant('2026-11-25', '08:00', 'America/New_York');
const DATE = '2026-11-25';
const MIN = 60_000;
const DAY = 86_400_000;

describe('digest runs: every outcome kept, the creator told once', () => {
  let rig: EngineRig;
  afterEach(async () => {
    await rig?.close();
  });

  const start = async () => {
    rig = await startEngineRig({ channels: botChannels(['CA', 'CB']), start: SLOT - 10 * MIN });
    return rig;
  };
  const ny = (channelId: string, extra: Record<string, unknown> = {}) =>
    rig.add({ channelId, buildingIds: [1], timeOfDay: '08:00', timeZone: 'America/New_York', ...extra });
  const tickAt = async (t: number) => {
    rig.clock.t = t;
    return rig.digests.engine.runDue();
  };
  const dmsTo = (user: string) => {
    const dm = rig.workspace.state.listChannels().find((c) => c.isIm && c.imUser === user);
    return dm ? rig.workspace.state.timeline(dm.id) : [];
  };

  it('records a run missed beyond the grace window as skipped, with its lateness, and tells the creator once what it means', async () => {
    await start();
    const d = await ny('CA');
    expect(await tickAt(SLOT + 45 * MIN)).toMatchObject({ skipped: 1 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'skipped', reason: 'missed', lateMinutes: 45 });
    const dms = dmsTo(CREATOR);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toContain(`Digest #${d.id}'s run for Wed 25 Nov in <#CA> was skipped`);
    expect(dms[0]!.text).toContain('came back 45 min later, past the 30 min a late digest may still go out');
    expect(dms[0]!.text).toContain(`/occupancy digest send ${d.id}`);
    expect(JSON.stringify(dms[0]!.blocks)).toContain(`/occupancy digest history ${d.id}`);
    // Later ticks, and the same notice asked for again (a retry, a restart, a replica), tell nobody twice.
    await tickAt(SLOT + 50 * MIN);
    const ctx = { store: rig.store, slack: rig.slack, renderer: blockKitRenderer, log: silentLogger(), graceMinutes: 30 };
    expect(await tellCreatorOfRun(ctx, d, DATE)).toBe(false);
    expect(dmsTo(CREATOR)).toHaveLength(1);
  });

  it('a run InnerSpace could not be built for until the grace window ended failed for that reason, and says to wait for the next', async () => {
    await start();
    const d = await ny('CA');
    rig.innerspace.down = true;
    expect(await tickAt(SLOT)).toMatchObject({ deferred: 1, sent: 0 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toBeNull();
    expect(dmsTo(CREATOR)).toHaveLength(0);
    expect(await tickAt(SLOT + 15 * MIN)).toMatchObject({ deferred: 1 });
    expect(await tickAt(SLOT + 31 * MIN)).toMatchObject({ failed: 1, sent: 0 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'failed', reason: 'innerspace_unavailable' });
    const dms = dmsTo(CREATOR);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toContain('could not be sent: InnerSpace wasn\'t answering from the scheduled time');
    expect(dms[0]!.text).toContain('the next run tries again');
    // InnerSpace is back: the next day goes out as usual.
    rig.innerspace.down = false;
    expect(await tickAt(SLOT + DAY)).toMatchObject({ sent: 1 });
    expect(dmsTo(CREATOR)).toHaveLength(1);
  });

  it('a refusal that pauses the digest is told once, by the paused notice alone; Slack refusing for now is told as this run failing', async () => {
    await start();
    const paused = await ny('CA');
    const passing = await ny('CB');
    rig.workspace.failChannel('chat.postMessage', 'CA', { error: 'not_in_channel' });
    rig.workspace.failChannel('chat.postMessage', 'CB', { error: 'service_unavailable' });
    expect(await tickAt(SLOT)).toMatchObject({ failed: 2 });
    expect(await rig.store.digestRuns.get(paused.id, DATE)).toMatchObject({ state: 'failed', reason: 'not_in_channel' });
    const texts = dmsTo(CREATOR).map((m) => m.text);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.includes(`I paused digest #${paused.id}`))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(`Digest #${passing.id}'s run for Wed 25 Nov in <#CB> could not be sent`))).toHaveLength(1);
  });

  it('days skipped for no data are kept in the history but not told: the digest was set up to skip them', async () => {
    rig = await startEngineRig({ channels: botChannels(['CA']), start: SLOT - 10 * MIN, emptyDates: ['2026-11-24'] });
    const d = await ny('CA', { options: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: true } });
    await tickAt(SLOT);
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'skipped', reason: 'no_data' });
    expect(dmsTo(CREATOR)).toHaveLength(0);
  });

  it('a digest whose buildings InnerSpace no longer knows fails and says to edit it', async () => {
    await start();
    const d = await rig.add({ channelId: 'CA', buildingIds: [99], timeOfDay: '08:00', timeZone: 'America/New_York' });
    expect(await tickAt(SLOT)).toMatchObject({ failed: 1 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'failed', reason: 'buildings_not_found' });
    expect(dmsTo(CREATOR).map((m) => m.text)).toEqual([expect.stringContaining('InnerSpace no longer knows its buildings. Edit the digest')]);
  });
});
