import { SIM_DATASET } from '../../../dev/simulator';
import { GENERAL, GRACE, advanceTo, botPosts, command, dmOf, startAlertApp, textOf, type AlertTestApp } from './support';

const ENGINEERING = SIM_DATASET.groups.find((g) => g.name === 'Engineering')!;

/**
 * Alert rules on one group, through the real app against the simulator. Building 71 peaks at
 * 156 people on Wed 25 Nov (everyone); the simulator gives Engineering 42% of that, about 57–66
 * from 09:00 to 15:00 and 42 at 16:00. A rule on Engineering reads Engineering's rows only, is
 * checked apart from everyone's rules on the same building, and names the group.
 */
describe('threshold alerts on one group', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it("stores the group's id and names the group when the rule is set up and listed", async () => {
    const set = await command(t, GRACE, GENERAL, 'subscribe building 71 above 55 for 2h group engineering');
    expect(set.text).toContain('Alert #1 is set up for DEMO (71) · Engineering');
    const everyone = await command(t, GRACE, GENERAL, 'subscribe building 71 above 130 for 2h');
    expect(everyone.text).toContain('Alert #2 is set up for DEMO (71),');
    const never = await command(t, GRACE, GENERAL, 'subscribe building DEMO group Engineering above 130 for 2h');
    expect(never.text).toContain('Alert #3 is set up for DEMO (71) · Engineering');
    const stored = await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE);
    expect(stored.map((s) => s.groupId)).toEqual([ENGINEERING.id, null, ENGINEERING.id]);

    const list = await command(t, GRACE, GENERAL, 'subscriptions');
    expect(textOf(list.blocks)).toContain('DEMO (71) · Engineering');
  });

  it("fires on the group's own figures, checked apart from everyone's, and says whose they are", async () => {
    advanceTo(t, '2026-11-26T10:00:00Z');
    const report = await t.app.alerts.tick();
    // Building 71 hourly for everyone, and for Engineering: two scopes, one query each.
    expect(report.scopes).toBe(2);
    expect(report.upstreamQueries).toBe(2);
    const posts = botPosts(t, dmOf(t, GRACE));
    const engineering = posts.filter((p) => p.text.includes('DEMO (71) · Engineering'));
    // Rule 1 (above 55) fires on Engineering's 57–66; rule 3 (above 130) never can.
    expect(engineering).toHaveLength(1);
    expect(engineering[0]!.text).toContain('was above 55');
    expect(posts.filter((p) => p.text.startsWith('🟢 DEMO (71) was above 130'))).toHaveLength(1);
    expect(posts).toHaveLength(2);
  });

  it('refuses a group that fits none, storing nothing', async () => {
    const before = (await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).length;
    const refused = await command(t, GRACE, GENERAL, 'subscribe building 71 above 50 group marketing');
    expect(refused.text).toContain('I couldn\'t find a group called "marketing"');
    expect(await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).toHaveLength(before);
  });
});
