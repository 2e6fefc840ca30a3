import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';
import { slotInstant } from '../../../src/services/digests';
import { botChannels, startEngineRig, CREATOR, TEAM, type EngineRig } from './engine-harness';

/** Wed 25 Nov 2026, 08:00 in New York. */
const SLOT = slotInstant('2026-11-25', '08:00', 'America/New_York');
const DATE = '2026-11-25';
const MIN = 60_000;

function capture() {
  const lines: string[] = [];
  const { logger } = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    }),
  });
  return { logger, lines };
}

describe('digest delivery', () => {
  let rig: EngineRig;
  const logs = capture();
  afterEach(async () => {
    await rig?.close();
  });

  const start = async (opts: Parameters<typeof startEngineRig>[0] = { start: SLOT - 10 * MIN }) => {
    rig = await startEngineRig({ channels: botChannels(['CA', 'CB', 'CC']), logger: logs.logger, ...opts });
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

  it('fetches a building day once and builds its chart once for two digests due the same minute', async () => {
    await start();
    const a = await ny('CA');
    const b = await ny('CB');
    const report = await tickAt(SLOT);
    expect(report).toMatchObject({ sent: 2, failed: 0, unknown: 0 });
    // Covered day: Tue 24 Nov, and the Tuesday before for the comparison.
    expect(rig.innerspace.insightKeys.get('1|2026-11-24')).toBe(1);
    expect(rig.innerspace.insightKeys.get('1|2026-11-17')).toBe(1);
    // The two days, and the one daily query over the last two weeks that finds the latest day.
    expect(rig.innerspace.calls.buildingInsights).toBe(3);
    expect(rig.digests.content.stats).toEqual({ buildingDays: 1, zoneRankings: 1, chartsBuilt: 1 });
    expect(rig.postsIn('CA')).toHaveLength(1);
    expect(rig.postsIn('CB')).toHaveLength(1);
    expect(JSON.stringify(rig.postsIn('CA')[0])).toContain('Occupancy for Tue 24 Nov');
    expect((await rig.store.digestRuns.get(a.id, DATE))?.state).toBe('sent');
    expect((await rig.store.digestRuns.get(b.id, DATE))?.messageTs).toBe(rig.postsIn('CB')[0]!.ts);
    // The next tick finds both decided: nothing more is posted.
    expect(await tickAt(SLOT + MIN)).toMatchObject({ sent: 0, skipped: 0 });
    expect(rig.workspace.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived'])('%s pauses that digest and tells its creator once by DM', async (error) => {
    await start();
    const d = await ny('CA');
    rig.workspace.failNext('chat.postMessage', { error });
    expect(await tickAt(SLOT)).toMatchObject({ sent: 0, failed: 1 });
    const run = await rig.store.digestRuns.get(d.id, DATE);
    expect(run).toMatchObject({ state: 'failed', reason: error });
    expect(await rig.store.digests.get(TEAM, d.id)).toMatchObject({ status: 'paused', pausedReason: error });
    const dms = dmsTo(CREATOR);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.text).toContain(`I paused digest #${d.id}`);
    expect(dms[0]!.text).toContain(`/occupancy digest resume ${d.id}`);
    // Paused: the next days try nothing, and the creator is not told again.
    await tickAt(SLOT + 86_400_000);
    await tickAt(SLOT + 2 * 86_400_000);
    expect(rig.workspace.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CA')).toHaveLength(1);
    expect(dmsTo(CREATOR)).toHaveLength(1);
  });

  it.each(['invalid_auth', 'token_revoked', 'account_inactive'])("%s stops the team's digests and is logged", async (error) => {
    await start();
    const d = await ny('CA');
    const later = await rig.add({ channelId: 'CB', buildingIds: [2], timeOfDay: '09:00', timeZone: 'Europe/London' });
    rig.workspace.failNext('chat.postMessage', { error });
    expect(await tickAt(SLOT)).toMatchObject({ failed: 1 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'failed', reason: error });
    for (const id of [d.id, later.id]) expect(await rig.store.digests.get(TEAM, id)).toMatchObject({ status: 'paused', pausedReason: 'access_revoked' });
    expect(logs.lines.some((l) => l.includes("Slack no longer accepts this workspace's token") && l.includes(error))).toBe(true);
    await tickAt(SLOT + 86_400_000);
    expect(rig.workspace.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('one failing channel never holds up the others', async () => {
    await start();
    const ok1 = await ny('CA');
    const broken = await ny('CB');
    const ok2 = await ny('CC');
    rig.workspace.state.getChannel('CB')!.isArchived = true;
    expect(await tickAt(SLOT)).toMatchObject({ sent: 2, failed: 1 });
    expect((await rig.store.digestRuns.get(ok1.id, DATE))?.state).toBe('sent');
    expect((await rig.store.digestRuns.get(ok2.id, DATE))?.state).toBe('sent');
    expect(await rig.store.digestRuns.get(broken.id, DATE)).toMatchObject({ state: 'failed', reason: 'is_archived' });
  });

  it('a channel answering 429 with Retry-After 120 forever parks only its own digest; 20 others go out on time', async () => {
    const channels = Array.from({ length: 20 }, (_, i) => `CO${String(i).padStart(2, '0')}`);
    rig = await startEngineRig({ channels: botChannels(['CSLOW', ...channels]), logger: logs.logger, start: SLOT - 10 * MIN });
    const slow = await ny('CSLOW');
    const others = await Promise.all(channels.map((c) => ny(c)));
    rig.workspace.failChannel('chat.postMessage', 'CSLOW', { status: 429, retryAfter: 120 });
    const report = await tickAt(SLOT);
    expect(report).toMatchObject({ sent: 20, failed: 0 });
    for (const d of others) expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 0 });
    // Parked, not failed: nothing is recorded for it, and the next tick does not wait for it either.
    expect(await rig.store.digestRuns.get(slow.id, DATE)).toBeNull();
    expect(await tickAt(SLOT + MIN)).toMatchObject({ sent: 0, failed: 0 });
    // Once the channel takes posts again (and its hold has passed), it goes out, as late as it really is.
    rig.workspace.failChannel('chat.postMessage', 'CSLOW', null);
    expect(await tickAt(SLOT + 3 * MIN)).toMatchObject({ sent: 1 });
    expect(await rig.store.digestRuns.get(slow.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 3 });
    expect(rig.postsIn('CSLOW')).toHaveLength(1);
  }, 60_000);

  // The README's promise, as written: "One failing digest never delays the others."
  it.each([
    ['refused (channel_not_found)', { error: 'channel_not_found' }, 'failed'],
    ['a 5xx', { status: 500 as const }, 'unknown'],
    ['slow (each post takes 8 s)', { delayMs: 8_000 }, 'sent'],
    ['429 with Retry-After 120, forever', { status: 429 as const, retryAfter: 120 }, null],
  ])('one failing digest never delays the others: %s', async (_what, fault, recorded) => {
    const channels = Array.from({ length: 20 }, (_, i) => `CO${String(i).padStart(2, '0')}`);
    rig = await startEngineRig({ channels: botChannels(['CBAD', ...channels]), logger: logs.logger, start: SLOT - 10 * MIN });
    const bad = await ny('CBAD');
    const others = await Promise.all(channels.map((c) => ny(c)));
    rig.workspace.failChannel('chat.postMessage', 'CBAD', fault);
    rig.clock.t = SLOT;
    const pass = rig.digests.engine.runDue();
    // Every other channel has its digest while the failing one is still failing (or still slow).
    const othersDone = () => channels.every((c) => rig.workspace.callsTo('chat.postMessage').some((call) => call.args.channel === c && call.status === 200));
    await rig.workspace.waitFor(othersDone, 60_000);
    if ('delayMs' in fault) expect(rig.workspace.callsTo('chat.postMessage').find((c) => c.args.channel === 'CBAD')?.status).toBeUndefined();
    await pass;
    for (const d of others) expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 0 });
    const run = await rig.store.digestRuns.get(bad.id, DATE);
    if (recorded === null) expect(run).toBeNull();
    else expect(run).toMatchObject({ state: recorded });
    rig.workspace.failChannel('chat.postMessage', 'CBAD', null);
  }, 90_000);

  it('records a 5xx as unknown and never posts that run again', async () => {
    await start();
    const d = await ny('CA');
    rig.workspace.failNext('chat.postMessage', { status: 500 });
    expect(await tickAt(SLOT)).toMatchObject({ unknown: 1, sent: 0 });
    expect((await rig.store.digestRuns.get(d.id, DATE))?.state).toBe('unknown');
    await tickAt(SLOT + MIN);
    await tickAt(SLOT + 10 * MIN);
    expect(rig.workspace.callsTo('chat.postMessage')).toHaveLength(1);
    // An active digest still runs the next day.
    expect(await tickAt(SLOT + 86_400_000)).toMatchObject({ sent: 1 });
  });

  it('waits out a 429 and sends once', async () => {
    await start();
    const d = await ny('CA');
    rig.workspace.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(await tickAt(SLOT)).toMatchObject({ sent: 1, failed: 0 });
    expect(rig.workspace.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
    expect(rig.postsIn('CA')).toHaveLength(1);
    expect((await rig.store.digestRuns.get(d.id, DATE))?.state).toBe('sent');
  });

  it('paces digests to one channel within its rate limit', async () => {
    await start();
    rig.workspace.rateLimit('chat.postMessage', 1);
    const ids = [(await ny('CA')).id, (await ny('CA')).id, (await ny('CA')).id];
    expect(await tickAt(SLOT)).toMatchObject({ sent: 3, failed: 0 });
    const calls = rig.workspace.callsTo('chat.postMessage');
    expect(calls.filter((c) => c.status === 200)).toHaveLength(3);
    expect(rig.postsIn('CA')).toHaveLength(3);
    for (const id of ids) expect((await rig.store.digestRuns.get(id, DATE))?.state).toBe('sent');
  });

  it('before the publish: sends the latest published day and says so, or skips the day when asked to', async () => {
    await start({ start: SLOT - 10 * MIN, emptyDates: ['2026-11-24'] });
    const says = await ny('CA');
    const skips = await ny('CB', { options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: true } });
    expect(await tickAt(SLOT)).toMatchObject({ sent: 1, skipped: 1 });
    const sent = JSON.stringify(rig.postsIn('CA')[0]);
    expect(sent).toContain('📊 Occupancy for Mon 23 Nov');
    expect(sent).toContain('⏳ Tue 24 Nov is not published yet; this digest shows Mon 23 Nov.');
    expect(sent).toContain('Nightly data through Mon 23 Nov');
    expect(sent).not.toContain('nothing was published');
    expect(rig.postsIn('CB')).toHaveLength(0);
    expect(await rig.store.digestRuns.get(skips.id, DATE)).toMatchObject({ state: 'skipped', reason: 'no_data' });
    expect((await rig.store.digestRuns.get(says.id, DATE))?.state).toBe('sent');
  });

  it('says nothing was published when the last two weeks have no data at all', async () => {
    const fortnight = Array.from({ length: 14 }, (_, i) => new Date(Date.parse('2026-11-24') - i * 86_400_000).toISOString().slice(0, 10));
    await start({ start: SLOT - 10 * MIN, emptyDates: fortnight });
    await ny('CA');
    expect(await tickAt(SLOT)).toMatchObject({ sent: 1 });
    const sent = JSON.stringify(rig.postsIn('CA')[0]);
    expect(sent).toContain('📊 Occupancy for Tue 24 Nov');
    expect(sent).toContain('nothing was published for Tue 24 Nov');
    expect(sent).toContain('Nightly data · digest #');
    expect(sent).not.toContain('not published yet');
  });

  it('catches up a missed run inside the grace window, flagged as late', async () => {
    await start();
    const d = await ny('CA');
    expect(await tickAt(SLOT + 14 * MIN + 20_000)).toMatchObject({ sent: 1, late: 1 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'sent', lateMinutes: 14 });
    expect(JSON.stringify(rig.postsIn('CA')[0])).toContain('sent 14 min late');
  });

  it('skips and logs a run missed beyond the grace window', async () => {
    await start();
    const d = await ny('CA');
    expect(await tickAt(SLOT + 45 * MIN)).toMatchObject({ sent: 0, skipped: 1 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'skipped', reason: 'missed', lateMinutes: 45 });
    expect(rig.postsIn('CA')).toHaveLength(0);
    // Its creator hears of it, once (test/integration/digests/history.test.ts covers the words).
    expect(dmsTo(CREATOR)).toHaveLength(1);
    expect(logs.lines.some((l) => l.includes('digest run skipped') && l.includes('beyond the 30 min grace window'))).toBe(true);
    // Tomorrow it runs as usual.
    expect(await tickAt(SLOT + 86_400_000)).toMatchObject({ sent: 1 });
  });

  it('a run left claimed by a stopped process is recorded unknown at the next start and not posted', async () => {
    await start();
    const d = await ny('CA');
    expect(await rig.store.digestRuns.claim(d.id, DATE, TEAM, SLOT, { channelId: 'CA' })).toBe(true);
    expect(await tickAt(SLOT + MIN)).toMatchObject({ recovered: 1, sent: 0 });
    expect(await rig.store.digestRuns.get(d.id, DATE)).toMatchObject({ state: 'unknown' });
    expect(rig.workspace.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
