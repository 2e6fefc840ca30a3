import { writeOutbox, type OutboxItem } from '../../../src/services/alerts/stored';
import { GENERAL, GRACE, LINUS, advanceTo, botPosts, command, dmOf, repliesTo, startAlertApp, type AlertTestApp } from './support';

/**
 * Building 71 at night is empty: a "below 5 for 2 h, recovers above 50" rule opens an episode
 * at 20:00 on Wed 25 Nov (3 people, then 0) that lasts until 08:00 on Thursday (92 people).
 * Wednesday is published on Thursday 04:00 local (09:00Z), Thursday on Friday.
 */
describe('threshold alerts across a restart', () => {
  let first: AlertTestApp;
  let second: AlertTestApp;
  afterAll(async () => {
    await second?.stopApp();
    await first?.stop();
  });

  const postsFor = (t: AlertTestApp, text: string) => t.slack.callsTo('chat.postMessage').filter((c) => String(c.args.text ?? '').includes(text));

  it('opens an episode, restarts mid-episode, and sends nothing twice', async () => {
    first = await startAlertApp();
    await command(first, GRACE, GENERAL, 'subscribe building 71 below 5 for 2h recover above 50');
    advanceTo(first, '2026-11-26T10:00:00Z');
    await first.app.alerts.tick();

    const dm = dmOf(first, GRACE);
    const posts = botPosts(first, dm);
    // Both episodes of Wednesday's publish in one message (grouped.test.ts).
    expect(posts.map((p) => p.text)).toEqual([
      '🔴 DEMO (71) went below 5 people twice on Wed 25 Nov:\n• from 00:00 to 07:00 (low 0 at 00:00); back above 50 from 08:00\n• from 20:00 to 24:00 (low 0 at 22:00) — still below at the end of the data',
    ]);
    const open = posts[0]!;
    const state = await first.app.store.alertStates.get(1);
    // Nothing waits to be sent; kept beside it, the morning episode the message lists above the open one.
    expect(state).toMatchObject({
      state: 'ALERTING', messageTs: open.ts, messageChannel: dm,
      deferred: [{ told: [expect.objectContaining({ start: Date.parse('2026-11-25T05:00:00Z'), recoveredAt: Date.parse('2026-11-25T13:00:00Z') })] }],
    });
    const postedBefore = first.slack.callsTo('chat.postMessage').length;

    // A new process on the same database file and the same Slack, at the same instant.
    await first.stopApp();
    second = await startAlertApp({ world: first.world, env: { ALERT_NO_DATA_AFTER_HOURS: '1' } });
    const report = await second.app.alerts.tick();
    expect(report.posted).toBe(0);
    expect(second.slack.callsTo('chat.postMessage')).toHaveLength(postedBefore);
    expect(await second.app.store.alertStates.get(1)).toMatchObject({ state: 'ALERTING', messageTs: open.ts });
  });

  it('a late publish during the episode says so once in its thread, and never reads as recovery', async () => {
    // Thursday is due Friday 04:00 local (09:00Z); one hour of grace, and InnerSpace is down.
    second.app.simulator!.setFaults({ serverErrorBurst: 10_000 });
    advanceTo(second, '2026-11-27T10:30:00Z');
    const late = await second.app.alerts.tick();
    expect(late.queryFailures).toBe(1);
    expect(late.noData).toBe(1);
    const dm = dmOf(second, GRACE);
    const open = botPosts(second, dm)[0]!;
    expect(repliesTo(second, dm, open.ts).map((r) => r.text)).toEqual([
      "⚪ Nothing has been published for DEMO (71) after Wed 25 Nov, so I can't tell whether it is still below 5 people. I'll keep watching; missing data never counts as recovery.",
    ]);
    expect(await second.app.store.alertStates.get(1)).toMatchObject({ state: 'NO_DATA', episodeStart: Date.parse('2026-11-26T01:00:00Z') });

    const again = await second.app.alerts.tick();
    expect(again.noData).toBe(0);
    expect(again.recovered).toBe(0);
    expect(repliesTo(second, dm, open.ts)).toHaveLength(1);
    expect(botPosts(second, dm)[0]!.text.startsWith('🔴')).toBe(true);
  });

  it('when the data comes back, the episode closes in place with one reply', async () => {
    second.app.simulator!.setFaults({ serverErrorBurst: 0 });
    const report = await second.app.alerts.tick();
    expect(report.recovered).toBe(1);
    const dm = dmOf(second, GRACE);
    const posts = botPosts(second, dm);
    const episode = posts[0]!;
    expect(episode.text).toBe(
      '🟢 DEMO (71) went below 5 people twice:\n• from 00:00 to 07:00 on Wed 25 Nov (low 0 at 00:00); back above 50 from 08:00\n• from 20:00 on Wed 25 Nov to 07:00 on Thu 26 Nov (low 0 at 22:00); back above 50 from 08:00',
    );
    expect(repliesTo(second, dm, episode.ts).map((r) => [...r.text][0])).toEqual(['⚪', '🟢']);
    expect(repliesTo(second, dm, episode.ts)[1]!.text).toBe('🟢 Back above 50 people from 08:00 on Thu 26 Nov.');
    // Thursday night opens the next episode: a new message, not a reply.
    expect(posts.map((p) => [...p.text][0])).toEqual(['🟢', '🔴']);
  });

  it('a post whose outcome is unknown is not sent again, nor is its episode told twice', async () => {
    await command(second, LINUS, GENERAL, 'subscribe building 71 below 5 for 2h recover above 50');
    // Grace's rule would post in the same check, concurrently with Linus's: which post reached
    // Slack first (and took the 500) would depend on timing. Paused, it posts nothing.
    expect(await second.app.store.subscriptions.pause('T0LOCAL', 1, null)).not.toBeNull();
    second.slack.failNext('chat.postMessage', { status: 500 });
    advanceTo(second, '2026-11-28T10:00:00Z');
    await second.app.alerts.tick();
    await second.app.alerts.tick();
    // Friday's publish (its early-morning and evening episodes in one message): one attempt (a 500), never repeated, no closing note either.
    const friday = 'below 5 people twice on Fri 27 Nov';
    expect(postsFor(second, friday)).toHaveLength(1);
    expect(postsFor(second, friday)[0]!.status).toBe(500);
    expect(botPosts(second, dmOf(second, LINUS)).some((m) => m.text.includes(friday))).toBe(false);
  });

  it('a notification found "sending" after a crash is dropped, not re-posted', async () => {
    const id = 2;
    const state = await second.app.store.alertStates.get(id);
    const interrupted: OutboxItem = {
      kind: 'open', phase: 'sending', episodeStart: Date.parse('2026-11-28T01:00:00Z'), breachEnd: Date.parse('2026-11-28T03:00:00Z'),
      recoveredAt: null, extreme: 0, extremeAt: Date.parse('2026-11-28T01:00:00Z'), window: [], lastPublished: null,
    };
    await second.app.store.alertStates.put({ ...state!, deferred: writeOutbox([interrupted]) });
    const calls = second.slack.callsTo('chat.postMessage').length;
    const report = await second.app.alerts.tick();
    expect(report.interrupted).toBe(1);
    expect(second.slack.callsTo('chat.postMessage')).toHaveLength(calls);
    expect((await second.app.store.alertStates.get(id))?.deferred).toEqual([]);
    expect(second.logs.some((l) => l.includes('not sending it again'))).toBe(true);
  });
});
