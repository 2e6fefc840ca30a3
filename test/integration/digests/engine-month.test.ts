import { DateTime } from 'luxon';
import { slotInstant } from '../../../src/services/digests';
import type { Digest } from '../../../src/domain/digest';
import { botChannels, startEngineRig, type EngineRig } from './engine-harness';

const MIN = 60_000;

/**
 * The delivery engine driven tick by tick, one tick a minute, from 1 October to 3 November
 * 2026: Lord Howe springs forward by 30 minutes on 4 October, London falls back on 25 October,
 * New York on 1 November; Kolkata never changes. Each digest must post once per local date,
 * at the minute its time is reached, and never twice.
 */
describe('a month of digests in four zones', () => {
  const FROM = Date.parse('2026-10-01T00:00:00Z');
  const TO = Date.parse('2026-11-03T00:00:00Z');
  const plan = [
    { channel: 'CNY0800', building: 1, zone: 'America/New_York', time: '08:00' },
    { channel: 'CNY0130', building: 1, zone: 'America/New_York', time: '01:30' },
    { channel: 'CLON0800', building: 2, zone: 'Europe/London', time: '08:00' },
    { channel: 'CLON0130', building: 2, zone: 'Europe/London', time: '01:30' },
    { channel: 'CKOL0800', building: 3, zone: 'Asia/Kolkata', time: '08:00' },
    { channel: 'CKOL0000', building: 3, zone: 'Asia/Kolkata', time: '00:00' },
    { channel: 'CLHI0800', building: 4, zone: 'Australia/Lord_Howe', time: '08:00' },
    { channel: 'CLHI0215', building: 4, zone: 'Australia/Lord_Howe', time: '02:15' },
  ] as const;
  let rig: EngineRig;
  const digests: Digest[] = [];

  beforeAll(async () => {
    rig = await startEngineRig({ start: FROM - MIN, channels: botChannels(plan.map((p) => p.channel)) });
    for (const p of plan) digests.push(await rig.add({ channelId: p.channel, buildingIds: [p.building], timeOfDay: p.time, timeZone: p.zone }));
    for (let t = FROM; t < TO; t += MIN) {
      rig.clock.t = t;
      await rig.digests.engine.runDue();
    }
    // 47,520 ticks: about 40 s of CPU alone, several times that beside another test run.
  }, 10 * 60_000);

  afterAll(async () => {
    await rig.close();
  });

  it.each(plan.map((p, i) => [p.zone, p.time, i] as const))('%s %s: one post per local date, at the minute the time is reached', async (zone, time, i) => {
    const digest = digests[i]!;
    const runs = (await rig.store.digestRuns.listForDigest(digest.id)).reverse();
    const expectedDates: string[] = [];
    for (let d = DateTime.fromMillis(FROM, { zone }).startOf('day'); d.toMillis() < TO; d = d.plus({ days: 1 })) {
      const date = d.toFormat('yyyy-MM-dd');
      const at = slotInstant(date, time, zone);
      if (at >= digest.updatedAt && at < TO) expectedDates.push(date);
    }
    expect(runs.map((r) => r.localDate)).toEqual(expectedDates);
    for (const run of runs) {
      expect({ date: run.localDate, state: run.state, late: run.lateMinutes }).toEqual({ date: run.localDate, state: 'sent', late: 0 });
      // Claimed on the tick of the slot itself.
      expect({ date: run.localDate, at: new Date(run.claimedAt).toISOString() }).toEqual({
        date: run.localDate,
        at: new Date(slotInstant(run.localDate, time, zone)).toISOString(),
      });
    }
    const posts = rig.postsIn(plan[i]!.channel);
    expect(posts).toHaveLength(expectedDates.length);
    expect(new Set(posts.map((p) => p.ts)).size).toBe(posts.length);
    expect(runs.map((r) => r.messageTs)).toEqual(posts.map((p) => p.ts));
  });

  it('handles the change days as people expect', async () => {
    const runOf = async (i: number, date: string) => (await rig.store.digestRuns.get(digests[i]!.id, date))!;
    // 02:15 does not exist in Lord Howe on 4 October: it went at 02:30 (+11:00), once.
    const gap = await runOf(7, '2026-10-04');
    expect(DateTime.fromMillis(gap.claimedAt, { zone: 'Australia/Lord_Howe' }).toFormat('HH:mm ZZ')).toBe('02:30 +11:00');
    // 01:30 happens twice in London on 25 October and in New York on 1 November: the first one.
    const london = await runOf(3, '2026-10-25');
    expect(DateTime.fromMillis(london.claimedAt, { zone: 'Europe/London' }).toFormat('HH:mm ZZ')).toBe('01:30 +01:00');
    const ny = await runOf(1, '2026-11-01');
    expect(DateTime.fromMillis(ny.claimedAt, { zone: 'America/New_York' }).toFormat('HH:mm ZZ')).toBe('01:30 -04:00');
    // 08:00 stays 08:00 local on both sides of each change.
    expect(new Date((await runOf(0, '2026-10-31')).claimedAt).toISOString()).toBe('2026-10-31T12:00:00.000Z');
    expect(new Date((await runOf(0, '2026-11-01')).claimedAt).toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('says what it covered: the building, yesterday in its zone, and the data stamp', () => {
    const [first] = rig.postsIn('CKOL0800');
    const json = JSON.stringify(first);
    expect(json).toContain('Whitefield (3)');
    expect(json).toContain('Occupancy for Wed 30 Sep');
    expect(json).toContain('Nightly data through Wed 30 Sep');
    expect(json).toContain('quickchart.example.test/chart?');
  });
});
