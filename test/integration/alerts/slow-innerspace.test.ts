/**
 * The alert form with an InnerSpace slower than Slack's trigger window (3 s): it opens at once,
 * new or on a rule, and its backtests arrive later; typing 1, 13, 130 ends on 130's backtest.
 */
import { PATIENCE_MS } from '../../support/patience';
import type { ViewValues } from '../../../dev/slack';
import { SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { GENERAL, GRACE, startAlertApp, textOf, type AlertTestApp } from './support';

const LATENCY_MS = 3500;

function typed(threshold: string): ViewValues {
  const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } });
  return {
    [F.scopeKind.blockId]: { [F.scopeKind.actionId]: radio('building') },
    [F.scopeId.blockId]: { [F.scopeId.actionId]: { type: 'number_input', value: '104' } },
    [F.measure.blockId]: { [F.measure.actionId]: radio('people') },
    [F.direction.blockId]: { [F.direction.actionId]: radio('above') },
    [F.threshold.blockId]: { [F.threshold.actionId]: { type: 'number_input', value: threshold } },
    [F.duration.blockId]: { [F.duration.actionId]: { type: 'number_input', value: '1' } },
    [F.granularity.blockId]: { [F.granularity.actionId]: radio('PT1H') },
    [F.destination.blockId]: { [F.destination.actionId]: radio('dm') },
  };
}

describe('the alert form with a slow InnerSpace', () => {
  let t: AlertTestApp;
  let listTs: string;
  beforeAll(async () => {
    // Patient enough for the slow answers: the point is the trigger window, not timeouts.
    t = await startAlertApp({ env: { INNERSPACE_TIMEOUT_MS: '20000', INNERSPACE_DEADLINE_MS: '40000' } });
    // A daily rule on 104: no backtest of it has been asked yet, so the form's is a slow one.
    await t.app.store.subscriptions.create({
      teamId: 'T0LOCAL', createdBy: GRACE, scopeKind: 'building', scopeId: 104, measure: 'people', direction: 'above', threshold: 130, recovery: 117,
      minDuration: 1, granularity: 'P1D', destinationKind: 'dm', destinationId: GRACE, quietHours: null, renotifyMinutes: null,
    });
    // Its Edit button, on the list (asked while InnerSpace is still quick).
    const list = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscriptions');
    await t.slack.waitForResponse(list.responseUrlId, undefined, PATIENCE_MS);
    listTs = t.slack.state.messagesFor(GENERAL, GRACE).filter((m) => textOf(m.blocks).includes('alert_edit')).at(-1)!.ts;
    t.app.simulator!.setFaults({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await t.stop();
  });

  const insightQueries = () => t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0;
  const backtestOf = (viewId: string) => {
    const blocks = (t.slack.state.views.get(viewId)?.definition.blocks ?? []) as { block_id?: string; text?: { text: string } }[];
    return blocks.find((b) => b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID)?.text?.text ?? '';
  };

  it('Edit opens at once and fills in the rule, then its backtest when InnerSpace answers', async () => {
    const opens = t.slack.callsTo('views.open').length;
    const queries = insightQueries();
    const res = await t.driver.blockAction(GRACE, GENERAL, { messageTs: listTs }, { action_id: 'alert_edit' });
    expect(res.status).toBe(200);
    const open = await t.slack.waitFor(() => t.slack.callsTo('views.open').slice(opens).find((c) => c.response !== undefined), PATIENCE_MS);
    expect(open.response).toMatchObject({ ok: true });
    const viewId = (open.response as { view: { id: string } }).view.id;
    await t.slack.waitFor(() => backtestOf(viewId).includes('Over the last 30 published days'), PATIENCE_MS);
    expect(textOf(t.slack.state.views.get(viewId)!.definition.blocks)).toContain('"initial_value":"130"');
    expect(insightQueries()).toBeGreaterThan(queries);
    // A view changes before its call is answered: wait for every answer, then none refused.
    await t.slack.waitFor(() => t.slack.callsTo('views.update').every((c) => c.response !== undefined), PATIENCE_MS);
    expect(t.slack.callsTo('views.update').filter((c) => c.response?.ok !== true)).toEqual([]);
  });

  it('`/occupancy subscribe` opens at once; typing 1, 13, 130 ends on the backtest of 130, with no hash_conflict', async () => {
    const opens = t.slack.callsTo('views.open').length;
    await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    const open = await t.slack.waitFor(() => t.slack.callsTo('views.open').slice(opens).find((c) => c.response !== undefined), PATIENCE_MS);
    expect(open.response).toMatchObject({ ok: true });
    const viewId = (open.response as { view: { id: string } }).view.id;

    const updates = t.slack.callsTo('views.update').length;
    const queries = insightQueries();
    for (const threshold of ['1', '13', '130']) {
      t.slack.state.views.get(viewId)!.stateValues = typed(threshold);
      const res = await t.driver.blockAction(GRACE, undefined, { viewId }, { action_id: F.threshold.actionId, type: 'number_input', value: threshold });
      expect(res.status).toBe(200);
    }
    // The redraw for 130 comes last: nothing older is sent after it.
    const drawn130 = await t.slack.waitFor(
      () => t.slack.callsTo('views.update').slice(updates).find((c) => c.response !== undefined && textOf(c.args.view).includes('"initial_value":"130"')), PATIENCE_MS);
    expect(drawn130.response).toMatchObject({ ok: true });
    expect(textOf(t.slack.state.views.get(viewId)!.definition.blocks)).toContain('"initial_value":"130"');
    expect(backtestOf(viewId)).toContain('Over the last 30 published days');
    expect(insightQueries()).toBeGreaterThan(queries);
    // A view changes before its call is answered: wait for every answer, then none refused.
    await t.slack.waitFor(() => t.slack.callsTo('views.update').every((c) => c.response !== undefined), PATIENCE_MS);
    expect(t.slack.callsTo('views.update').filter((c) => c.response?.ok !== true)).toEqual([]);
  });
});
