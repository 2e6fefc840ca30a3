/**
 * The alert form's building and zone menus through the real app over signed HTTP, against the
 * simulator's directory: the menu lists names as it opens and narrows them as one types (case
 * and accents ignored), a pick keeps its name when the form redraws, a change of kind empties
 * the menu, a zone picked by name is saved as its id, and "Alert me…" opens on the building
 * named. Searching costs nothing upstream once the directory is cached.
 */
import { SIM_DATASET } from '../../../dev/simulator';
import { SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { GENERAL, GRACE, formValues, startAlertApp, textOf, type AlertForm, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

interface Block {
  block_id?: string;
  element?: { type?: string; action_id?: string; initial_option?: { text: { text: string }; value: string } };
}

describe('the alert form menus', () => {
  let t: AlertTestApp;
  let viewId: string;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const scopeBlock = () => ((t.slack.state.views.get(viewId)?.definition.blocks ?? []) as Block[]).find((b) => b.block_id === F.scopeBuilding.blockId)!;
  const requests = () => t.app.simulator!.stats.graphqlRequests;

  /** A field changed (with the form as `values`): waits for the redraw. */
  async function change(values: AlertForm, action: Record<string, unknown> & { action_id: string }): Promise<void> {
    t.slack.state.views.get(viewId)!.stateValues = formValues(values);
    const updates = t.slack.callsTo('views.update').length;
    const res = await t.driver.blockAction(GRACE, undefined, { viewId }, action);
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.update').filter((c) => c.response !== undefined).length > updates, PATIENCE_MS);
  }

  it('lists buildings as the menu opens and narrows them as one types, from the cached directory', async () => {
    await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    await t.slack.waitForCall('views.open', (c) => c.response?.ok === true, PATIENCE_MS);
    viewId = t.slack.state.views.stack(GRACE)[0]!.id;
    expect(scopeBlock().element).toMatchObject({ type: 'external_select', action_id: F.scopeBuilding.actionId });

    const opened = await t.driver.blockSuggestion(GRACE, viewId, F.scopeBuilding.actionId, '');
    expect(opened.problems).toEqual([]);
    expect(opened.shown.map((o) => o.text.text)).toEqual(expect.arrayContaining(['DEMO (71)', 'Southwark Works (104)']));
    const before = requests();
    expect((await t.driver.blockSuggestion(GRACE, viewId, F.scopeBuilding.actionId, 'dé')).shown.map((o) => o.value)).toEqual(['71']);
    expect((await t.driver.blockSuggestion(GRACE, viewId, F.scopeBuilding.actionId, 'works')).shown.map((o) => o.value)).toEqual(['104']);
    expect(requests() - before).toBe(0);
  });

  it('keeps the pick, by name, when the form redraws; a change of kind shows the zone menu, empty', async () => {
    const demo = (await t.driver.blockSuggestion(GRACE, viewId, F.scopeBuilding.actionId, 'demo')).pick('DEMO (71)');
    await change({ picked: demo, threshold: '130' }, { action_id: F.scopeBuilding.actionId, type: 'external_select', selected_option: demo });
    expect(scopeBlock().element).toMatchObject({ action_id: F.scopeBuilding.actionId, initial_option: { text: { text: 'DEMO (71)' }, value: '71' } });

    await change({ kind: 'zone', picked: demo, pickedIn: 'building', threshold: '130' }, { action_id: F.scopeKind.actionId, type: 'radio_buttons', selected_option: { value: 'zone', text: { type: 'plain_text', text: 'Zone' } } });
    expect(scopeBlock().element?.action_id).toBe(F.scopeZone.actionId);
    expect(scopeBlock().element?.initial_option).toBeUndefined();
  });

  it('finds a zone by a prefix of its name, named with its building, and saves it as its id', async () => {
    const zone = SIM_DATASET.zones.find((z) => z.name === 'Open Plan North')!;
    const found = await t.driver.blockSuggestion(GRACE, viewId, F.scopeZone.actionId, 'OPEN PLAN NOR');
    expect(found.shown.map((o) => o.value)).toEqual([String(zone.id)]);
    const picked = found.pick(String(zone.id));
    expect(picked.text.text).toMatch(new RegExp(`^Open Plan North · .+ \\(${zone.id}\\)$`));
    const res = await t.driver.viewSubmission(GRACE, viewId, formValues({ kind: 'zone', picked, threshold: '20', duration: '1' }));
    expect(res.body).toBeUndefined();
    // Saved after the ack, and confirmed where the form was opened once it is.
    await t.slack.waitFor(() => [...t.slack.callsTo('chat.postEphemeral'), ...t.slack.callsTo('chat.postMessage')].some((c) => String(c.args.text).includes('Alert #1')), PATIENCE_MS);
    expect(await t.app.store.subscriptions.listByUser('T0LOCAL', GRACE)).toEqual([expect.objectContaining({ scopeKind: 'zone', scopeId: zone.id, threshold: 20 })]);
  });

  it('"Alert me…" on an answer opens the form on that building, named', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'building 71');
    await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    const answer = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('occupancy_alert_me')).at(-1)!;
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.blockAction(GRACE, GENERAL, { messageTs: answer.ts }, { action_id: 'occupancy_alert_me' });
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opens && t.slack.callsTo('views.open').at(-1)?.response, PATIENCE_MS);
    viewId = t.slack.state.views.stack(GRACE)[0]!.id;
    expect(scopeBlock().element?.initial_option).toEqual({ text: { type: 'plain_text', text: 'DEMO (71)' }, value: '71' });
  });
});
