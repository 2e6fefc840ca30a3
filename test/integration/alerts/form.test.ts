import { SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { FACILITIES, GENERAL, GRACE, advanceTo, botPosts, formValues, startAlertApp, textOf, type AlertForm, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

function backtestText(t: AlertTestApp, viewId: string): string {
  const blocks = (t.slack.state.views.get(viewId)?.definition.blocks ?? []) as { block_id?: string; text?: { text: string } }[];
  return blocks.find((b) => b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID)?.text?.text ?? '';
}

describe('the alert form', () => {
  let t: AlertTestApp;
  let viewId: string;
  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Types into the form and waits for the redraw that follows. */
  async function change(values: AlertForm, actionId: string): Promise<string> {
    const view = t.slack.state.views.get(viewId)!;
    view.stateValues = formValues(values);
    const updates = t.slack.callsTo('views.update').length;
    const res = await t.driver.blockAction(GRACE, undefined, { viewId }, { action_id: actionId, type: 'number_input', value: '1' });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.update').filter((c) => c.response !== undefined).length > updates, PATIENCE_MS);
    return backtestText(t, viewId);
  }

  it('`/occupancy subscribe` opens the form with the command trigger', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    expect(res.status).toBe(200);
    const open = await t.slack.waitForCall('views.open', undefined, PATIENCE_MS);
    expect(open.response?.ok).toBe(true);
    expect(open.args.trigger_id).toBe(res.triggerId);
    const [view] = t.slack.state.views.stack(GRACE);
    viewId = view!.id;
    expect(view!.definition.callback_id).toBe('occupancy_subscribe_modal');
    expect(backtestText(t, viewId)).toContain('fill in the id and the threshold');
  });

  it('redraws the backtest as fields change, from one upstream query that later changes reuse', async () => {
    const before = t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0;
    const first = await change({ id: '71', threshold: '130', duration: '2' }, F.threshold.actionId);
    expect(first).toMatch(/^\*Backtest:\* Over the last 30 published days this rule would have alerted \d+ times: [A-Z][a-z]{2} \d+ (Oct|Nov)/);
    const queries = (t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0) - before;
    expect(queries).toBe(1);
    const stricter = await change({ id: '71', threshold: '300', duration: '2' }, F.threshold.actionId);
    expect(stricter).toBe('*Backtest:* Over the last 30 published days this rule would not have alerted.');
    expect((t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0) - before).toBe(queries);
    // What the user typed stays in the redrawn form.
    const idInput = JSON.stringify(t.slack.state.views.get(viewId)!.definition.blocks);
    expect(idInput).toContain('"initial_value":"300"');
  });

  it('says so when the building does not exist', async () => {
    const words = await change({ kind: 'zone', id: '999999', threshold: '10' }, F.scopeId.actionId);
    expect(words).toContain("I couldn't find zone 999999");
  });

  it('refuses an incomplete form in the ack, field by field', async () => {
    const res = await t.driver.viewSubmission(GRACE, viewId, formValues({ id: '71', threshold: '', quiet: ['22:00', ''] }));
    expect(res.status).toBe(200);
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(Object.keys(body.errors).sort()).toEqual([F.quietEnd.blockId, F.threshold.blockId].sort());
    expect(t.slack.state.views.stack(GRACE)).toHaveLength(1);
    const recovery = await t.driver.viewSubmission(GRACE, viewId, formValues({ id: '71', threshold: '130', recovery: '140' }));
    expect((recovery.body as { errors: Record<string, string> }).errors[F.recovery.blockId]).toContain('must be below the threshold');
  });

  it('saves a channel rule with quiet hours, closes, and confirms where the form was opened', async () => {
    const res = await t.driver.viewSubmission(GRACE, viewId, formValues({ id: '71', threshold: '130', duration: '2', channel: FACILITIES, quiet: ['22:00', '07:00'] }));
    expect(res.status).toBe(200);
    expect(res.body).toBeUndefined();
    expect(t.slack.state.views.stack(GRACE)).toHaveLength(0);
    const note = await t.slack.waitFor(() => t.slack.state.messagesFor(GENERAL, GRACE).find((m) => m.ephemeralFor === GRACE && m.text.includes('Alert #1')), PATIENCE_MS);
    expect(note.text).toContain(`Alert #1 is set up for DEMO (71), sent to <#${FACILITIES}>`);
    const sub = await t.app.store.subscriptions.get('T0LOCAL', 1);
    expect(sub).toMatchObject({ destinationKind: 'channel', destinationId: FACILITIES, threshold: 130, recovery: 117, minDuration: 2 });
    expect(sub?.quietHours).toEqual({ start: '22:00', end: '07:00', zone: 'America/Toronto' });
  });

  it('holds what falls in quiet hours and sends it when they end, never dropping it', async () => {
    advanceTo(t, '2026-11-26T10:00:00Z'); // 05:00 in Toronto
    const quiet = await t.app.alerts.tick();
    expect(quiet.fired).toBe(1);
    expect(quiet.held).toBe(1);
    expect(botPosts(t, FACILITIES)).toHaveLength(0);
    expect((await t.app.store.alertStates.get(1))?.deferred).toHaveLength(1);

    advanceTo(t, '2026-11-26T12:30:00Z'); // 07:30
    const after = await t.app.alerts.tick();
    expect(after.posted).toBe(1);
    const posts = botPosts(t, FACILITIES);
    expect(posts.map((p) => p.text)).toEqual(['🟢 DEMO (71) was above 130 people from 09:00 to 16:00 on Wed 25 Nov (peak 156 at 12:00); back below 117 from 16:00.']);
    // It says why it comes late: held by the rule's quiet hours until they ended at 07:00.
    expect(textOf(posts[0]?.blocks)).toContain("⏸ Held during the rule's quiet hours (22:00–07:00 America/Toronto) until Thu 26 Nov 07:00 America/Toronto");
    expect((await t.app.store.alertStates.get(1))?.deferred).toEqual([]);
  });

  it('"🔔 Alert me…" on an answer opens the form about that building', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'building 71');
    await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    const answer = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('occupancy_alert_me')).at(-1);
    expect(answer).toBeDefined();
    const opens = t.slack.callsTo('views.open').length;
    const click = await t.driver.blockAction(GRACE, GENERAL, { messageTs: answer!.ts }, { action_id: 'occupancy_alert_me' });
    expect(click.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.open').length > opens && t.slack.callsTo('views.open').at(-1)?.response, PATIENCE_MS);
    const [view] = t.slack.state.views.stack(GRACE);
    const blocks = JSON.stringify(view!.definition.blocks);
    expect(blocks).toContain('"initial_option":{"text":{"type":"plain_text","text":"DEMO (71)"},"value":"71"}');
    expect(JSON.parse(String(view!.definition.private_metadata))).toEqual({ id: null, channel: GENERAL, home: false });
  });
});
