import { encodeIdValue } from '../../../src/slack/blocks/values';
import { eventually, PATIENCE_MS } from '../../support/patience';
import { ADA, FACILITIES, GENERAL, GRACE, LINUS, MARGARET, command, startAlertApp, textOf, type AlertTestApp } from './support';

const TEAM = 'T0LOCAL';

/** Rules whose creator left the workspace, as an admin (Ada) finds and takes them over on App Home. */
describe('taking over an alert rule whose creator left', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp({ env: { ADMIN_USER_IDS: ADA } });
    await command(t, LINUS, GENERAL, `subscribe building 71 above 150 for 2h <#${FACILITIES}|facilities>`);
    await command(t, MARGARET, GENERAL, 'subscribe building 71 above 130 for 2h');
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 140 for 2h');
  });
  afterAll(async () => {
    await t.stop();
  });

  const rules = () => t.app.store.subscriptions.listByTeam(TEAM);
  async function home(user: string) {
    const before = t.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.response).length;
    await t.driver.appHomeOpened(user);
    await t.slack.waitFor(() => t.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.response).length > before, PATIENCE_MS);
    return t.slack.state.views.home(user)!;
  }

  it('shows an admin the rules of people who left, with Take over; nobody else, and not the others', async () => {
    const [linus, margaret, grace] = await rules();
    t.slack.state.deactivateUser(LINUS);
    t.slack.state.deactivateUser(MARGARET);
    const adminHome = textOf((await home(ADA)).definition.blocks);
    expect(adminHome).toContain('Alerts whose creator left');
    expect(adminHome).toContain(`set up by <@${LINUS}>`);
    expect(adminHome).toContain(`"action_id":"alert_take_over","text":{"type":"plain_text","text":"Take over"},"value":"{\\"id\\":${linus!.id}}"`);
    expect(adminHome).toContain(`"value":"{\\"id\\":${margaret!.id}}"`);
    expect(adminHome).not.toContain(`"value":"{\\"id\\":${grace!.id}}"`);
    expect(textOf((await home(GRACE)).definition.blocks)).not.toContain('alert_take_over');
  });

  it('hands the rule to the admin who presses it; a DM rule then comes to them', async () => {
    const [linus, margaret] = await rules();
    const view = await home(ADA);
    for (const rule of [linus!, margaret!]) {
      const res = await t.driver.blockAction(ADA, undefined, { viewId: view.id }, { action_id: 'alert_take_over', value: encodeIdValue(rule.id) });
      expect(res.status).toBe(200);
      await eventually(`rule #${rule.id} taken over`, async () => (await t.app.store.subscriptions.get(TEAM, rule.id))?.createdBy === ADA);
    }
    expect(await t.app.store.subscriptions.get(TEAM, linus!.id)).toMatchObject({ createdBy: ADA, destinationKind: 'channel', destinationId: FACILITIES });
    expect(await t.app.store.subscriptions.get(TEAM, margaret!.id)).toMatchObject({ createdBy: ADA, destinationKind: 'dm', destinationId: ADA });
    expect(textOf((await home(ADA)).definition.blocks)).not.toContain('Alerts whose creator left');
  });

  it('refuses a non-admin, and a rule whose creator is still here', async () => {
    const grace = (await rules()).find((r) => r.createdBy === GRACE)!;
    const view = await home(ADA);
    await t.driver.blockAction(ADA, undefined, { viewId: view.id }, { action_id: 'alert_take_over', value: encodeIdValue(grace.id) });
    await t.slack.waitFor(() => t.slack.state.timeline(t.slack.state.openIm(ADA).id).some((m) => m.text.includes(`<@${GRACE}> is still in this workspace`)), PATIENCE_MS);
    expect((await t.app.store.subscriptions.get(TEAM, grace.id))?.createdBy).toBe(GRACE);

    const adas = (await rules()).find((r) => r.createdBy === ADA)!;
    const graceView = await home(GRACE);
    await t.driver.blockAction(GRACE, undefined, { viewId: graceView.id }, { action_id: 'alert_take_over', value: encodeIdValue(adas.id) });
    await t.slack.waitFor(() => t.slack.state.timeline(t.slack.state.openIm(GRACE).id).some((m) => m.text.includes(`Only <@${ADA}>, who set this up, or an admin`)), PATIENCE_MS);
    expect((await t.app.store.subscriptions.get(TEAM, adas.id))?.createdBy).toBe(ADA);
  });
});
