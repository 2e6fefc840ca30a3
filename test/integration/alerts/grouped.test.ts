import { drawnChart } from '../../support/alert-chart';
import { GENERAL, GRACE, LINUS, advanceTo, botPosts, command, dmOf, repliesTo, startAlertApp, textOf, type AlertTestApp } from './support';

/**
 * One message per rule per publish. Building 71 at night is empty: "below 5 for 2 h, recovers
 * above 50" finds two episodes in Wednesday's publish (read Thu 26 Nov): 00:00–07:00, over at
 * 08:00 (92 people), and 20:00 to midnight, still open; Thursday's publish ends it at 08:00.
 */
describe('several episodes in one publish: one message', () => {
  let first: AlertTestApp;
  let second: AlertTestApp | undefined;
  afterAll(async () => {
    await second?.stopApp();
    await first?.stop();
  });

  const grouped =
    '🔴 DEMO (71) went below 5 people twice on Wed 25 Nov:\n' +
    '• from 00:00 to 07:00 (low 0 at 00:00); back above 50 from 08:00\n' +
    '• from 20:00 to 24:00 (low 0 at 22:00) — still below at the end of the data';

  it('lists both episodes in one message, with one chart of the whole span marking each', async () => {
    first = await startAlertApp();
    const saved = await command(first, GRACE, GENERAL, 'subscribe building 71 below 5 for 2h recover above 50');
    // The backtest counts as the alerts send: a night's two episodes in one message.
    expect(textOf(saved.blocks)).toMatch(/would have alerted \d+ times in \d+ messages, one per nightly publish: \w{3} \d+ \w{3} \(2\)/);
    advanceTo(first, '2026-11-26T10:00:00Z');
    const report = await first.app.alerts.tick();
    expect(report.fired).toBe(2);
    const dm = dmOf(first, GRACE);
    const posts = botPosts(first, dm);
    expect(posts.map((p) => p.text)).toEqual([grouped]);
    expect(report.posted).toBe(1);

    const chart = drawnChart(posts[0]!.blocks);
    const shade = chart.datasets.find((d) => d.label === 'Episodes (2)');
    const shaded = chart.labels.filter((_, i) => (shade?.data[i] ?? null) !== null);
    // 00:00–06:00 and 20:00–23:00: seven and four hours, with the hours before and between drawn too.
    expect(shaded).toHaveLength(11);
    expect(chart.labels[0]).toBe('18');
    expect(chart.altText).toContain('below 5 twice: from Wed 00:00 to Wed 07:00 (low 0 at Wed 00:00) and from Wed 20:00 to Wed 24:00');
  });

  it('the next publish closes the open one: the same message is edited to list both, a reply in its thread, a new message for the new night', async () => {
    advanceTo(first, '2026-11-27T10:00:00Z');
    const updates = first.slack.callsTo('chat.update').length;
    await first.app.alerts.tick();
    const dm = dmOf(first, GRACE);
    const posts = botPosts(first, dm);
    expect(posts[0]!.text).toBe(
      '🟢 DEMO (71) went below 5 people twice:\n' +
        '• from 00:00 to 07:00 on Wed 25 Nov (low 0 at 00:00); back above 50 from 08:00\n' +
        '• from 20:00 on Wed 25 Nov to 07:00 on Thu 26 Nov (low 0 at 22:00); back above 50 from 08:00',
    );
    expect(first.slack.callsTo('chat.update').length).toBe(updates + 1);
    expect(repliesTo(first, dm, posts[0]!.ts).map((r) => r.text)).toEqual(['🟢 Back above 50 people from 08:00 on Thu 26 Nov.']);
    const chart = drawnChart(posts[0]!.blocks);
    expect(chart.datasets.map((d) => d.label)).toContain('Episodes (2)');
    // Two nights of hours: less context keeps the chart within Slack's URL limit, still some before the first.
    expect(chart.labels[0]).toBe('22');
    expect(chart.labels.at(-1)).toBe('10');
    // Thursday night's episode came with Thursday's publish: a message of its own.
    expect(posts).toHaveLength(2);
    expect(posts[1]!.text.startsWith('🔴 DEMO (71) was below 5 people from 20:00 to 24:00 on Thu 26 Nov')).toBe(true);
  });

  it('a restart between evaluation and sending posts the grouped message once', async () => {
    await command(first, LINUS, GENERAL, 'subscribe building 71 below 5 for 2h recover above 50');
    const id = (await first.app.store.subscriptions.listActive()).find((s) => s.createdBy === LINUS)!.id;
    // Snoozed: the evaluation is stored with its message waiting in the outbox.
    await first.app.store.subscriptions.snooze('T0LOCAL', id, Date.parse('2026-11-28T12:00:00Z'));
    advanceTo(first, '2026-11-28T10:00:00Z');
    const held = await first.app.alerts.tick();
    expect(held.held).toBeGreaterThan(0);
    const dm = dmOf(first, LINUS);
    expect(botPosts(first, dm)).toHaveLength(0);

    await first.stopApp();
    advanceTo(first, '2026-11-28T12:30:00Z');
    second = await startAlertApp({ world: first.world });
    await second.app.alerts.tick();
    await second.app.alerts.tick();
    const posts = botPosts(second, dm);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toMatch(/^🔴 DEMO \(71\) went below 5 people twice on Fri 27 Nov:\n• from 00:00 to 07:00 \(low 0 at \d\d:00\); back above 50 from 08:00\n• from 20:00 to 24:00/);
  });
});

describe('episodes all over within one publish', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('one message telling them all closed, and nothing more about them', async () => {
    // Wed 25 Nov: 148 at 10:00, 138, 156 at 12:00, 143, 151 at 14:00, 141: three crossings of 145, each over at once.
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 145 recover below 144');
    advanceTo(t, '2026-11-26T10:00:00Z');
    const report = await t.app.alerts.tick();
    expect(report.fired).toBe(3);
    const dm = dmOf(t, GRACE);
    const posts = botPosts(t, dm);
    expect(posts.map((p) => p.text)).toEqual([
      '🟢 DEMO (71) went above 145 people 3 times on Wed 25 Nov:\n' +
        '• from 10:00 to 11:00 (peak 148 at 10:00); back below 144 from 11:00\n' +
        '• from 12:00 to 13:00 (peak 156 at 12:00); back below 144 from 13:00\n' +
        '• from 14:00 to 15:00 (peak 151 at 14:00); back below 144 from 15:00',
    ]);
    expect(repliesTo(t, dm, posts[0]!.ts)).toEqual([]);
    const chart = drawnChart(posts[0]!.blocks);
    expect(chart.datasets.map((d) => d.label)).toEqual(expect.arrayContaining(['Episodes (3)', 'Above 145', 'Between 144 and 145', 'Below 144']));
    expect(chart.altText).toContain('above 145 3 times: from 10:00 to 11:00 (peak 148 at 10:00); from 12:00 to 13:00 (peak 156 at 12:00) and from 14:00 to 15:00 (peak 151 at 14:00)');
    // Nothing is kept for a message whose episodes are all over.
    expect((await t.app.store.alertStates.get(1))?.deferred).toEqual([]);
    await t.app.alerts.tick();
    expect(botPosts(t, dm)).toHaveLength(1);
  });
});
