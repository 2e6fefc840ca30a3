import { drawnChart, valueAt } from '../../support/alert-chart';
import { FACILITIES, GENERAL, GRACE, advanceTo, botPosts, command, dmOf, repliesTo, startAlertApp, type AlertTestApp } from './support';

/**
 * The chart of an alert tells the same episode as its text: the same start and end, the
 * threshold and recovery levels, bars coloured by where they stand, and buckets on both sides.
 */
describe('alert charts through the real app', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('hourly: a bucket within the recovery band is drawn as such, and the alt text ends where the text does', async () => {
    // Building 71 on Wed 25 Nov: above 130 from 09:00 to 16:00, 101 at 16:00 (within 100..130), below 100 at 17:00.
    await command(t, GRACE, GENERAL, `subscribe building 71 above 130 for 2h recover below 100 <#${FACILITIES}|facilities>`);
    advanceTo(t, '2026-11-26T10:00:00Z');
    await t.app.alerts.tick();
    const [post] = botPosts(t, FACILITIES);
    expect(post!.text).toBe('🟢 DEMO (71) was above 130 people from 09:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 100 from 17:00.');
    const chart = drawnChart(post!.blocks);
    expect(chart.altText).toContain('above 130 from 09:00 to 16:00 (peak 156 at 12:00)');
    expect(chart.altText).not.toContain('17:00');
    expect(valueAt(chart, 'Above 130', '12')).toBe(156);
    expect(valueAt(chart, 'Above 130', '16')).toBeNull();
    expect(valueAt(chart, 'Between 100 and 130', '16')).toBe(101);
    expect(valueAt(chart, 'Below 100', '17')).not.toBeNull();
    expect(chart.datasets.map((d) => d.label)).toEqual(expect.arrayContaining(['Threshold 130', 'Recovers at 100']));
    // Context on both sides: six hours before 09:00, and the hours after recovery.
    expect(chart.labels[0]).toBe('03');
    expect(chart.labels).toContain('22');
  });

  it('daily: a weekend episode closed on Monday is charted over the weekend and the days around it', async () => {
    advanceTo(t, '2026-12-05T12:00:00Z');
    await command(t, GRACE, GENERAL, 'subscribe building 104 below 10 daily');
    const dm = dmOf(t, GRACE);
    const before = botPosts(t, dm).length;
    for (const at of ['2026-12-06T10:00:00Z', '2026-12-07T10:00:00Z', '2026-12-08T10:00:00Z']) {
      advanceTo(t, at);
      await t.app.alerts.tick();
    }
    const posts = botPosts(t, dm).slice(before);
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.text).toMatch(/^🟢 Southwark Works \(104\) was below 10 people from Sat 5 Dec to Sun 6 Dec \(low \d+ on (Sat 5|Sun 6) Dec\); back above 11 from Mon 7 Dec\.$/);
    expect(repliesTo(t, dm, post.ts).map((r) => r.text)).toEqual(['🟢 Back above 11 people from Mon 7 Dec.']);
    const chart = drawnChart(post.blocks);
    expect(chart.labels).toEqual(expect.arrayContaining(['Fri 4', 'Sat 5', 'Sun 6', 'Mon 7']));
    expect(chart.labels.length).toBeGreaterThanOrEqual(5);
    const threshold = chart.datasets.find((d) => d.label === 'Threshold 10');
    expect(threshold?.data).toEqual(chart.labels.map(() => 10));
    expect(chart.datasets.map((d) => d.label)).toContain('Recovers at 11');
    expect(valueAt(chart, 'Below 10', 'Sat 5')).not.toBeNull();
    expect(valueAt(chart, 'Below 10', 'Sun 6')).not.toBeNull();
    expect(valueAt(chart, 'Below 10', 'Mon 7')).toBeNull();
    expect(chart.altText).toContain('below 10 from Sat 5 Dec to Sun 6 Dec');
    expect(chart.altText).not.toContain('00:00');
  });
});
