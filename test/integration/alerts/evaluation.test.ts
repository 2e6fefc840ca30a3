import { FACILITIES, GENERAL, GRACE, advanceTo, botPosts, command, dmOf, repliesTo, startAlertApp, textOf, type AlertTestApp } from './support';

/**
 * Building 71 (DEMO, America/Toronto) in the simulator, Wed 25 Nov 2026, hourly: 136 at 09:00,
 * 148, 138, 156 (12:00), 143, 151, 141 at 15:00, then 101 at 16:00. The app starts on Wed
 * 15:00Z, when Tue 24 Nov is the latest published day; Wed is published Thu 04:00 local.
 */
describe('threshold alerts: evaluation through the real app', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates rules from the text form, each starting from the latest published bucket', async () => {
    const dm = await command(t, GRACE, GENERAL, 'subscribe building 71 above 130 for 2h');
    expect(dm.text).toContain('Alert #1 is set up for DEMO (71), sent to you by direct message');
    expect(dm.text).toContain('Rule #1: above 130 for 2 h, recovers below 117');
    expect(textOf(dm.blocks)).toMatch(/Backtest:\* Over the last 30 published days this rule would have alerted \d+ times/);

    const channel = await command(t, GRACE, GENERAL, `subscribe building 71 above 130 for 2h recover below 100 <#${FACILITIES}|facilities>`);
    expect(channel.text).toContain(`sent to <#${FACILITIES}>`);
    await command(t, GRACE, GENERAL, 'subscribe zone 71002 above 40 daily');
    await command(t, GRACE, GENERAL, 'subscribe zone 71002 above 40');

    // Tue 24 Nov 23:00 in Toronto: the last bucket published when the rules were saved.
    const states = await t.app.store.alertStates.getMany([1, 2, 3, 4]);
    expect(states.get(1)?.evaluatedThrough).toBe(Date.parse('2026-11-25T04:00:00Z'));
    expect(states.get(2)?.evaluatedThrough).toBe(Date.parse('2026-11-25T04:00:00Z'));
    expect(states.get(3)?.evaluatedThrough).toBe(Date.parse('2026-11-24T05:00:00Z'));
  });

  it('a check before the next publish sends nothing', async () => {
    const report = await t.app.alerts.tick();
    expect(report.readings).toBe(0);
    expect(report.posted).toBe(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('after the nightly publish: one query per scope, one message per episode', async () => {
    advanceTo(t, '2026-11-26T10:00:00Z');
    const before = t.app.simulator!.stats.rootFields;
    const report = await t.app.alerts.tick();
    const after = t.app.simulator!.stats.rootFields;
    // Building 71 hourly (rules 1 and 2 share it), zone 71002 daily, zone 71002 hourly.
    expect(report.scopes).toBe(3);
    expect(report.upstreamQueries).toBe(3);
    expect((after.BUILDING_INSIGHTS ?? 0) - (before.BUILDING_INSIGHTS ?? 0)).toBe(1);
    expect((after.ZONE_INSIGHTS ?? 0) - (before.ZONE_INSIGHTS ?? 0)).toBe(2);

    const dm = dmOf(t, GRACE);
    const posts = botPosts(t, dm);
    // Rule 1 on the building, rule 4 on the Cafe zone (44 at 12:00): one message each.
    expect(posts.map((p) => p.text.slice(0, 16))).toEqual(expect.arrayContaining(['🟢 DEMO (71) was', '🟢 Cafe (71002) ']));
    expect(posts).toHaveLength(2);
    const alert = posts.find((p) => p.text.includes('DEMO'));
    // Opened and closed within the same publish: the one message tells the whole episode, and
    // nothing else is said about it (editing it in place and replying in its thread take an
    // episode that spans publishes: restart.test.ts).
    expect(alert!.text).toBe('🟢 DEMO (71) was above 130 people from 09:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 117 from 16:00.');
    const json = textOf(alert!.blocks);
    expect(json).toContain('"type":"image"');
    expect(json).toContain(`${t.world.charts.baseUrl}/chart`);
    expect(json).toContain('Rule #1: above 130 for 2 h, recovers below 117');
    for (const id of ['alert_snooze', 'alert_mute', 'alert_edit', 'alert_unsubscribe']) expect(json).toContain(id);
    expect(repliesTo(t, dm, alert!.ts)).toEqual([]);
    expect(t.slack.callsTo('chat.update')).toHaveLength(0);

    // The channel rule recovers only below 100: 16:00 (101) is still in the episode.
    const inChannel = botPosts(t, FACILITIES);
    expect(inChannel).toHaveLength(1);
    expect(inChannel[0]!.text).toBe('🟢 DEMO (71) was above 130 people from 09:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 100 from 17:00.');
    expect(report.fired).toBe(3);
    expect(report.recovered).toBe(3);
  });

  it('a second check over the same data sends nothing more', async () => {
    const posted = t.slack.callsTo('chat.postMessage').length;
    const report = await t.app.alerts.tick();
    expect(report.readings).toBe(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(posted);
  });

  it('a rule saved after a publish starts after it; the next publish is read although it describes hours before the rule existed', async () => {
    // Thu 26 Nov, 17:00 in Toronto: the afternoon is over, but Thursday is published only on Friday.
    advanceTo(t, '2026-11-26T22:00:00Z');
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 160 for 1h');
    const created = await t.app.store.subscriptions.get('T0LOCAL', 5);
    expect((await t.app.store.alertStates.get(5))?.evaluatedThrough).toBe(Date.parse('2026-11-26T04:00:00Z'));
    advanceTo(t, '2026-11-27T10:00:00Z');
    await t.app.alerts.tick();
    const thursday = botPosts(t, dmOf(t, GRACE)).filter((m) => m.text.includes('above 160 people'));
    expect(thursday.map((m) => m.text)).toEqual([
      '🟢 DEMO (71) was above 160 people from 11:00 to 15:00 on Thu 26 Nov (peak 174 at 11:00); back below 144 from 16:00.',
    ]);
    // 11:00 in Toronto is 16:00Z, six hours before the rule was saved.
    expect(Date.parse('2026-11-26T16:00:00Z')).toBeLessThan(created!.createdAt);
  });
});
