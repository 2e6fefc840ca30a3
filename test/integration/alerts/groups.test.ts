import { SIM_DATASET } from '../../../dev/simulator';
import { GENERAL, GRACE, advanceTo, botPosts, command, dmOf, formValues, startAlertApp, textOf, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

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

  it('"🔔 Alert me…" on a group\'s answer opens the form for that group, and saves a rule on it', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'building 71 group engineering');
    await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    const answer = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('occupancy_alert_me')).at(-1)!;
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.blockAction(GRACE, GENERAL, { messageTs: answer.ts }, { action_id: 'occupancy_alert_me' });
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opens && t.slack.callsTo('views.open').at(-1)?.response, PATIENCE_MS);
    const [view] = t.slack.state.views.stack(GRACE);
    expect(JSON.parse(String(view!.definition.private_metadata))).toEqual({ id: null, channel: GENERAL, home: false, group: ENGINEERING.id });
    expect(textOf(view!.definition.blocks)).toContain('For the group *Engineering*');
    // The Group menu shows the answer's group picked.
    const menu = (view!.definition.blocks as { block_id?: string; element?: { initial_option?: { value: string } } }[]).find((b) => b.block_id === 'sub_group');
    expect(menu?.element?.initial_option?.value).toBe(ENGINEERING.id);

    const before = (await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).length;
    const submitted = await t.driver.viewSubmission(GRACE, view!.id, formValues({ id: '71', threshold: '60' }));
    expect(submitted.status).toBe(200);
    // The form closes at once; the rule is saved after, and said so where the form was opened.
    const said = () => [...t.slack.callsTo('chat.postEphemeral'), ...t.slack.callsTo('chat.postMessage')].some((c) => JSON.stringify(c.args).includes('DEMO (71) · Engineering') && JSON.stringify(c.args).includes(`Alert #${before + 1} is set up`));
    await t.slack.waitFor(said, PATIENCE_MS);
    const saved = (await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).at(-1)!;
    expect(saved).toMatchObject({ scopeId: 71, threshold: 60, groupId: ENGINEERING.id });
  });

  it('refuses a group that fits none, storing nothing', async () => {
    const before = (await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).length;
    const refused = await command(t, GRACE, GENERAL, 'subscribe building 71 above 50 group marketing');
    expect(refused.text).toContain('I couldn\'t find a group called "marketing"');
    expect(await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).toHaveLength(before);
  });
});
