import { encodeIdValue } from '../../../src/slack/blocks/values';
import { PATIENCE_MS } from '../../support/patience';
import { FACILITIES, GENERAL, GRACE, MARGARET, botPosts, command, dmOf, startAlertApp, textOf, type AlertTestApp } from './support';

const TEAM = 'T0LOCAL';

/** "Send a test" on a rule: a marked sample where its alerts go, and nothing about the rule changes. */
describe('sending a test alert', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp();
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 140 for 2h');
    await command(t, GRACE, GENERAL, `subscribe building 71 above 150 for 2h <#${FACILITIES}|facilities>`);
  });
  afterAll(async () => {
    await t.stop();
  });

  async function press(user: string, id: number) {
    await t.driver.appHomeOpened(user);
    const home = await t.slack.waitFor(() => t.slack.state.views.home(user), PATIENCE_MS);
    const res = await t.driver.blockAction(user, undefined, { viewId: home.id }, { action_id: 'alert_send_test', value: encodeIdValue(id) });
    expect(res.status).toBe(200);
  }

  it('offers it on the rule, posts a marked sample without buttons to the channel or the DM, and changes nothing', async () => {
    const [dm, channel] = await t.app.store.subscriptions.listByTeam(TEAM);
    const states = async () => [...(await t.app.store.alertStates.getMany([channel!.id, dm!.id])).entries()];
    const statesBefore = await states();
    await t.driver.appHomeOpened(GRACE);
    const home = await t.slack.waitFor(() => t.slack.state.views.home(GRACE), PATIENCE_MS);
    expect(textOf(home.definition.blocks)).toContain('"action_id":"alert_send_test"');

    await press(GRACE, channel!.id);
    const sample = await t.slack.waitFor(() => botPosts(t, FACILITIES).find((m) => m.text.includes(`Test alert for rule #${channel!.id}`)), PATIENCE_MS);
    expect(sample.text).toContain('made-up figures');
    expect(JSON.stringify(sample.blocks)).toContain(`sent as a test by <@${GRACE}>`);
    expect(JSON.stringify(sample.blocks)).not.toContain('"type":"actions"');

    await press(GRACE, dm!.id);
    await t.slack.waitFor(() => botPosts(t, dmOf(t, GRACE)).find((m) => m.text.includes(`Test alert for rule #${dm!.id}`)), PATIENCE_MS);
    // No state was touched: the rules are as they were, and nothing counts as alerted.
    expect(await t.app.store.subscriptions.get(TEAM, channel!.id)).toEqual(channel);
    expect(await states()).toEqual(statesBefore);
  });

  it('is refused to someone who may not manage the rule', async () => {
    const [, channel] = await t.app.store.subscriptions.listByTeam(TEAM);
    const before = botPosts(t, FACILITIES).length;
    await press(MARGARET, channel!.id);
    await t.slack.waitFor(() => botPosts(t, dmOf(t, MARGARET)).find((m) => m.text.includes(`Only members of <#${FACILITIES}>`)), PATIENCE_MS);
    expect(botPosts(t, FACILITIES)).toHaveLength(before);
  });
});
