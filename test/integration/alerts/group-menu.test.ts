import { NIL_GROUP, SIM_DATASET } from '../../../dev/simulator';
import { SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { encodeIdValue } from '../../../src/slack/blocks/values';
import { GENERAL, GRACE, formValues, startAlertApp, textOf, type AlertForm, type AlertTestApp } from './support';
import type { ViewValues } from '../../../dev/slack/driver-payloads';
import { PATIENCE_MS } from '../../support/patience';

const ENGINEERING = SIM_DATASET.groups.find((g) => g.name === 'Engineering')!;

type Block = { block_id?: string; text?: { text: string }; element?: { options?: { value: string }[]; initial_option?: { value: string } } };

/**
 * The Group menu of the alert form, through the real app against the simulator (which lists
 * Everyone and four departments). Building 71 peaks at 156 people for everyone; Engineering has
 * 42% of that, never 100, so a rule "above 100" would alert for everyone and never for Engineering.
 */
describe('the Group menu of the alert form', () => {
  let t: AlertTestApp;
  let viewId: string;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const blocks = (id: string) => (t.slack.state.views.get(id)?.definition.blocks ?? []) as Block[];
  const groupMenu = (id: string) => blocks(id).find((b) => b.block_id === F.group.blockId);
  const backtest = (id: string) => blocks(id).find((b) => b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID)?.text?.text ?? '';
  const withGroup = (form: AlertForm, group: string): ViewValues => ({
    ...formValues(form),
    [F.group.blockId]: { [F.group.actionId]: { type: 'static_select', selected_option: { value: group, text: { type: 'plain_text', text: 'x' } } } },
  });

  const saidOf = () => [...t.slack.callsTo('chat.postEphemeral'), ...t.slack.callsTo('chat.postMessage')].filter((c) => c.response !== undefined && JSON.stringify(c.args).includes('Alert #1 ')).length;

  /** Sets what the form holds, as Slack keeps it, then sends `actionId`'s change and waits for the redraw. */
  async function change(values: ViewValues, action: { action_id: string; type: string; selected_option?: { value: string }; value?: string }): Promise<void> {
    t.slack.state.views.get(viewId)!.stateValues = values;
    const updates = t.slack.callsTo('views.update').filter((c) => c.response !== undefined).length;
    const res = await t.driver.blockAction(GRACE, undefined, { viewId }, action);
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.update').filter((c) => c.response !== undefined).length > updates, PATIENCE_MS);
  }

  it('opens with a menu of the groups after the building, everyone preselected', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    expect(res.status).toBe(200);
    await t.slack.waitForCall('views.open', undefined, PATIENCE_MS);
    viewId = t.slack.state.views.stack(GRACE)[0]!.id;
    const ids = blocks(viewId).map((b) => b.block_id);
    expect(ids.indexOf(F.group.blockId)).toBe(ids.indexOf(F.scopeBuilding.blockId) + 1);
    const menu = groupMenu(viewId)!;
    const offered = menu.element?.options?.map((o) => o.value) ?? [];
    expect(offered[0]).toBe(NIL_GROUP);
    expect([...offered].sort()).toEqual(SIM_DATASET.groups.map((g) => g.id).sort());
    expect(menu.element?.initial_option?.value).toBe(NIL_GROUP);
  });

  it("backtests on the picked group's rows, and keeps the pick across redraws", async () => {
    await change(formValues({ id: '71', threshold: '100' }), { action_id: F.threshold.actionId, type: 'number_input', value: '100' });
    expect(backtest(viewId)).toMatch(/this rule would have alerted/);

    await change(withGroup({ id: '71', threshold: '100' }, ENGINEERING.id), { action_id: F.group.actionId, type: 'static_select', selected_option: { value: ENGINEERING.id } });
    expect(backtest(viewId)).toBe('*Backtest:* Over the last 30 published days this rule would not have alerted.');
    expect(groupMenu(viewId)?.element?.initial_option?.value).toBe(ENGINEERING.id);
    expect(textOf(blocks(viewId))).toContain('For the group *Engineering*');
    expect(JSON.parse(String(t.slack.state.views.get(viewId)!.definition.private_metadata))).toMatchObject({ group: ENGINEERING.id });

    // Another field changes: the group stays picked and still shapes the backtest.
    await change(withGroup({ id: '71', threshold: '50' }, ENGINEERING.id), { action_id: F.threshold.actionId, type: 'number_input', value: '50' });
    expect(backtest(viewId)).toMatch(/this rule would have alerted/);
    expect(groupMenu(viewId)?.element?.initial_option?.value).toBe(ENGINEERING.id);
  });

  it('refuses a group id InnerSpace does not list under the menu, storing nothing', async () => {
    const res = await t.driver.viewSubmission(GRACE, viewId, withGroup({ id: '71', threshold: '55' }, 'c0c0c0c0-0000-4000-8000-000000000000'));
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors)).toEqual([F.group.blockId]);
    expect(body.errors[F.group.blockId]).toContain('Pick one of the groups in the menu');
    expect(await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).toHaveLength(0);
  });

  it("saves the picked group's id, and an edit preselects it", async () => {
    const said = saidOf();
    const res = await t.driver.viewSubmission(GRACE, viewId, withGroup({ id: '71', threshold: '55', duration: '2' }, ENGINEERING.id));
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    await t.slack.waitFor(() => saidOf() > said, PATIENCE_MS);
    const saved = (await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE))[0]!;
    expect(saved).toMatchObject({ scopeId: 71, threshold: 55, groupId: ENGINEERING.id });

    const list = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscriptions');
    await t.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const listed = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('alert_edit')).at(-1)!;
    const backtested = () => t.slack.callsTo('views.update').filter((c) => c.response?.ok === true && textOf(c.args).includes('Edit alert') && textOf(c.args).includes('would')).length;
    const before = backtested();
    const edit = await t.driver.blockAction(GRACE, GENERAL, { messageTs: listed.ts }, { action_id: 'alert_edit', value: encodeIdValue(saved.id) });
    expect(edit.status).toBe(200);
    await t.slack.waitFor(() => backtested() > before, PATIENCE_MS);
    viewId = t.slack.state.views.stack(GRACE)[0]!.id;
    expect(textOf(t.slack.state.views.get(viewId)!.definition.title)).toContain('Edit alert');
    expect(groupMenu(viewId)?.element?.initial_option?.value).toBe(ENGINEERING.id);
  });

  it('saves everyone as the default group (null) when the edit picks it', async () => {
    const said = saidOf();
    const res = await t.driver.viewSubmission(GRACE, viewId, withGroup({ id: '71', threshold: '55', duration: '2' }, NIL_GROUP));
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    await t.slack.waitFor(() => saidOf() > said, PATIENCE_MS);
    expect((await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE))[0]).toMatchObject({ scopeId: 71, threshold: 55, groupId: null });
    expect(await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).toHaveLength(1);
  });

  it('shows no menu for a rule whose group InnerSpace no longer lists, and saving it says the group is gone', async () => {
    const [sub] = await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE);
    const gone = 'c0c0c0c0-0000-4000-8000-000000000000';
    await t.app.store.subscriptions.update('T0LOCAL', sub!.id, { groupId: gone });
    const list = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscriptions');
    await t.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    const listed = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('alert_edit')).at(-1)!;
    const drawn = () => t.slack.callsTo('views.update').filter((c) => c.response?.ok === true && textOf(c.args).includes('Edit alert') && textOf(c.args).includes('Backtest')).length;
    const before = drawn();
    await t.driver.blockAction(GRACE, GENERAL, { messageTs: listed.ts }, { action_id: 'alert_edit', value: encodeIdValue(sub!.id) });
    await t.slack.waitFor(() => drawn() > before + 1, PATIENCE_MS);
    viewId = t.slack.state.views.stack(GRACE)[0]!.id;
    expect(groupMenu(viewId)).toBeUndefined();

    const refused = () => [...t.slack.callsTo('chat.postEphemeral'), ...t.slack.callsTo('chat.postMessage')].filter((c) => c.response !== undefined && JSON.stringify(c.args).includes("I couldn't find a group")).length;
    const told = refused();
    const res = await t.driver.viewSubmission(GRACE, viewId, formValues({ id: '71', threshold: '55', duration: '2' }));
    expect(res.body).toBeUndefined();
    await t.slack.waitFor(() => refused() > told, PATIENCE_MS);
    expect((await t.app.store.subscriptions.get('T0LOCAL', sub!.id))?.groupId).toBe(gone);
  });
});
