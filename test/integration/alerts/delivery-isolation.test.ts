/**
 * One destination that Slack holds off for good (429, Retry-After 120, on every post and edit)
 * parks only its own alerts: twenty other channels get theirs in the same check, the check does
 * not wait out the hold, and the held alerts go out once each in a later check, after the
 * channel takes posts again, saying when the episode really was. Through the real app, with
 * pacing on the test's clock so moving it past the hold ends the hold.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_CHANNELS } from '../../../dev/slack';
import { freshState } from '../../../src/services/alerts/stored';
import { createTestWorld, type TestWorld } from '../app/harness';
import { GRACE, LINUS, advanceTo, botPosts, dmOf, startAlertApp, type AlertTestApp } from './support';

const TEAM = 'T0LOCAL';
const BLOCKED = 'C0BLOCKED';
const OTHERS = Array.from({ length: 20 }, (_, i) => `C0OTHER${String(i).padStart(2, '0')}`);
const HOLD = { status: 429 as const, retryAfter: 120 };
/** Tue 24 Nov 23:00 in Toronto: the last bucket published when the rules were saved. */
const EVALUATED_THROUGH = Date.parse('2026-11-25T04:00:00Z');
/** Wed 25 Nov 23:00 in Toronto: the last bucket of the nightly publish the check reads. */
const WEDNESDAY_READ = Date.parse('2026-11-26T04:00:00Z');
const PUBLISHED = Date.parse('2026-11-26T10:00:00Z');
const MIN = 60_000;
/** Far below the 120 s hold, far above a check's few seconds on a loaded machine: the check did not wait out the hold. */
const NOT_WAITED_OUT_MS = 60_000;

const ABOVE_130 = '🟢 DEMO (71) was above 130 people from 09:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 117 from 16:00.';
const ABOVE_140 = '🟢 DEMO (71) was above 140 people from 12:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 117 from 16:00.';

describe('alert delivery isolation', () => {
  let world: TestWorld;
  let t: AlertTestApp;
  let blockedDm: string;
  const rules = { blocked: [] as number[], others: [] as number[] };

  const rule = async (threshold: number, destination: { kind: 'channel' | 'dm'; id: string }): Promise<number> => {
    const sub = await t.app.store.subscriptions.create({
      teamId: TEAM, createdBy: GRACE, scopeKind: 'building', scopeId: 71, measure: 'people', direction: 'above', threshold, recovery: 117,
      minDuration: 2, granularity: 'PT1H', destinationKind: destination.kind, destinationId: destination.id, quietHours: null, renotifyMinutes: null,
    });
    // As a rule saved from the form starts: after the latest published bucket.
    await t.app.store.alertStates.put(freshState(sub.id, TEAM, EVALUATED_THROUGH));
    return sub.id;
  };
  const postCallsTo = (channel: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel).length;
  const timedCheck = async () => {
    const started = performance.now();
    const report = await t.app.alerts.tick();
    return { report, ms: performance.now() - started };
  };

  beforeAll(async () => {
    const seeds = [BLOCKED, ...OTHERS].map((id) => ({ id, name: id.toLowerCase(), members: [GRACE], botMember: true }));
    world = await createTestWorld({ channels: [...DEFAULT_CHANNELS, ...seeds] });
    t = await startAlertApp({ world, start: { pacingFollowsClock: true } });
    blockedDm = dmOf(t, LINUS);
    // Two rules in the blocked channel and one by direct message to a blocked DM; one rule in each other channel.
    rules.blocked.push(await rule(130, { kind: 'channel', id: BLOCKED }), await rule(140, { kind: 'channel', id: BLOCKED }), await rule(130, { kind: 'dm', id: LINUS }));
    for (const c of OTHERS) rules.others.push(await rule(130, { kind: 'channel', id: c }));
  });
  afterAll(async () => {
    await t?.stopApp();
    await world?.close();
  });

  it('the check after the publish sends every other channel its alert and parks the blocked ones without waiting', async () => {
    for (const method of ['chat.postMessage', 'chat.update']) {
      t.slack.failChannel(method, BLOCKED, HOLD);
      t.slack.failChannel(method, blockedDm, HOLD);
    }
    advanceTo(t, new Date(PUBLISHED).toISOString());
    const { report, ms } = await timedCheck();
    expect(ms).toBeLessThan(NOT_WAITED_OUT_MS);
    for (const c of OTHERS) expect(botPosts(t, c).map((m) => m.text)).toEqual([ABOVE_130]);
    expect(botPosts(t, BLOCKED)).toEqual([]);
    expect(botPosts(t, blockedDm)).toEqual([]);
    expect(report).toMatchObject({ fired: 23, recovered: 23, posted: 20, parked: 3, dropped: 0 });
    // One attempt per blocked destination: its second rule is left out of the check without asking Slack.
    expect(postCallsTo(BLOCKED)).toBe(1);
    expect(postCallsTo(blockedDm)).toBe(1);

    // The evaluation is recorded for every rule; only the delivery is outstanding.
    const states = await t.app.store.alertStates.getMany([...rules.blocked, ...rules.others]);
    for (const id of [...rules.blocked, ...rules.others]) expect(states.get(id)?.evaluatedThrough).toBe(WEDNESDAY_READ);
    for (const id of rules.others) expect(states.get(id)?.deferred).toEqual([]);
    for (const id of rules.blocked) expect(states.get(id)?.deferred).toEqual([expect.objectContaining({ kind: 'open', phase: 'queued' })]);
  }, 100_000);

  it('a check while the hold lasts neither waits for it nor asks Slack again', async () => {
    advanceTo(t, new Date(PUBLISHED + MIN).toISOString());
    const { report, ms } = await timedCheck();
    expect(ms).toBeLessThan(NOT_WAITED_OUT_MS);
    expect(report).toMatchObject({ readings: 0, fired: 0, posted: 0, parked: 3 });
    expect(postCallsTo(BLOCKED)).toBe(1);
    expect(postCallsTo(blockedDm)).toBe(1);
  }, 100_000);

  it('once the channel takes posts and the hold has passed, each held alert goes out once, telling the episode as it was', async () => {
    for (const method of ['chat.postMessage', 'chat.update']) {
      t.slack.failChannel(method, BLOCKED, null);
      t.slack.failChannel(method, blockedDm, null);
    }
    advanceTo(t, new Date(PUBLISHED + 3 * MIN).toISOString());
    const report = (await timedCheck()).report;
    expect(report).toMatchObject({ readings: 0, fired: 0, posted: 3, parked: 0, dropped: 0 });
    expect(botPosts(t, BLOCKED).map((m) => m.text).sort()).toEqual([ABOVE_130, ABOVE_140]);
    expect(botPosts(t, blockedDm).map((m) => m.text)).toEqual([ABOVE_130]);
    const states = await t.app.store.alertStates.getMany(rules.blocked);
    for (const id of rules.blocked) expect(states.get(id)).toMatchObject({ evaluatedThrough: WEDNESDAY_READ, deferred: [] });

    // Nothing more, anywhere: no alert doubled.
    advanceTo(t, new Date(PUBLISHED + 10 * MIN).toISOString());
    expect((await timedCheck()).report).toMatchObject({ posted: 0, parked: 0 });
    expect(botPosts(t, BLOCKED)).toHaveLength(2);
    expect(botPosts(t, blockedDm)).toHaveLength(1);
    for (const c of OTHERS) expect(botPosts(t, c)).toHaveLength(1);
  });
});
