import { NoCapacityError, NotFoundError } from '../../../../../src/errors';
import { ACTION_IDS, CALLBACK_IDS, SUBSCRIBE_FIELDS, buildSubscribeModal, encodeReportValue, type ViewStateValues } from '../../../../../src/slack/blocks';
import { buildSubscriptionSavedMessage, withBacktestNotice } from '../../../../../src/slack/blocks/alert-notices';
import { alertErrorWords, buildAlertErrorMessage } from '../../../../../src/slack/blocks/errors';
import { newModalView } from '../../../../../src/services/alerts/views';
import { alertMe, newSubscription, subscribeFieldChanged, subscribeFormSubmitted } from '../../../../../src/slack/listeners/alerts/form-listeners';
import { encodeOrigin, formFields } from '../../../../../src/slack/listeners/alerts/form-state';
import { rule } from '../../blocks/fixtures';
import { CHANNEL, LEVEL, TEAM, TRIGGER, USER, actionArgs, listenerDeps, logged, subscription, viewArgs } from '../helpers';

const F = SUBSCRIBE_FIELDS;
const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text' as const, text: value }, value } });
const number = (value: string | null) => ({ type: 'number_input', value });
const filled: ViewStateValues = {
  [F.scopeKind.blockId]: { [F.scopeKind.actionId]: radio('building') },
  [F.scopeId.blockId]: { [F.scopeId.actionId]: number('71') },
  [F.measure.blockId]: { [F.measure.actionId]: radio('people') },
  [F.direction.blockId]: { [F.direction.actionId]: radio('above') },
  [F.threshold.blockId]: { [F.threshold.actionId]: number('120') },
  [F.recovery.blockId]: { [F.recovery.actionId]: number(null) },
  [F.duration.blockId]: { [F.duration.actionId]: number('2') },
  [F.granularity.blockId]: { [F.granularity.actionId]: radio('PT1H') },
  [F.destination.blockId]: { [F.destination.actionId]: radio('dm') },
};
const who = { teamId: TEAM, userId: USER };
const saved = { subscription: subscription(), rule: rule(), backtest: { status: 'incomplete' as const }, timeZone: 'America/Toronto' };

describe('alert form submission', () => {
  it('acks, saves the rule, and confirms where the form was opened', async () => {
    const created: unknown[] = [];
    const t = listenerDeps({ subscriptions: { create: async (w, draft) => (created.push([w, draft.threshold]), saved) } });
    const a = viewArgs(CALLBACK_IDS.subscribeModal, filled, encodeOrigin({ id: null, channel: CHANNEL, home: false }));
    await subscribeFormSubmitted(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    expect(created).toEqual([[who, 120]]);
    expect(t.chat.callsOf('postEphemeral')).toEqual([[CHANNEL, USER, buildSubscriptionSavedMessage(saved.rule, saved.backtest, 'created')]]);
  });

  it('keeps the form open with its errors, asking nothing', async () => {
    const t = listenerDeps();
    const a = viewArgs(CALLBACK_IDS.subscribeModal, {}, '');
    await subscribeFormSubmitted(t.deps)(a.args);
    expect(a.acks).toEqual([{ response_action: 'errors', errors: expect.objectContaining({ [F.scopeId.blockId]: 'Pick a building: type part of its name or its id, like 71.' }) }]);
    expect(t.chat.calls).toEqual([]);
  });

  it('an edit that fails: the words by direct message, and App Home redrawn when it came from there', async () => {
    const err = new NotFoundError('subscription', 7);
    const model = { subscriptions: [], digests: [], digestsUnknown: false };
    const t = listenerDeps({ subscriptions: { update: async () => Promise.reject(err) }, home: { view: async () => model } });
    const a = viewArgs(CALLBACK_IDS.subscribeModal, filled, encodeOrigin({ id: 7, channel: null, home: true }));
    await subscribeFormSubmitted(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toEqual([undefined]);
    expect(t.chat.callsOf('postMessage')).toEqual([[`D0${USER}`, buildAlertErrorMessage(err, { kind: 'subscription', id: 7 })]]);
    expect(t.chat.callsOf('publishHome')).toHaveLength(1);
  });
});

describe('a field of the form changed', () => {
  const view = { id: 'V0FORM', hash: 'h1', private_metadata: encodeOrigin({ id: null, channel: CHANNEL, home: false }), state: { values: filled } };

  it('redraws the form around the backtest of what it says now', async () => {
    const backtest = { status: 'ready' as const, days: 30, episodeDates: [] };
    const t = listenerDeps({ rules: { backtest: async () => ({ kind: 'view', view: backtest, latestBucket: null }) } });
    const a = actionArgs(F.threshold.actionId, { view });
    await subscribeFieldChanged(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    const modal = buildSubscribeModal({ ...formFields(filled), privateMetadata: view.private_metadata, mode: 'create', backtest });
    expect(t.chat.callsOf('updateView')).toEqual([['V0FORM', modal, 'h1']]);
  });

  it('says in the form why there is no backtest', async () => {
    const err = new NoCapacityError('building', 71);
    const t = listenerDeps({ rules: { backtest: async () => ({ kind: 'notice', error: err }) } });
    await subscribeFieldChanged(t.deps)(actionArgs(F.measure.actionId, { view }).args);
    await t.settle();
    const base = buildSubscribeModal({ ...formFields(filled), privateMetadata: view.private_metadata, mode: 'create', backtest: { status: 'incomplete' } });
    expect(t.chat.callsOf('updateView')).toEqual([['V0FORM', withBacktestNotice(base, alertErrorWords(err)), 'h1']]);
  });

  it('drops a redraw a newer one overtook, and logs one that failed otherwise', async () => {
    const backtest = async () => ({ kind: 'view' as const, view: { status: 'unavailable' as const }, latestBucket: null });
    const stale = listenerDeps({ rules: { backtest } });
    stale.chat.fail('updateView', 'hash_conflict');
    await subscribeFieldChanged(stale.deps)(actionArgs(F.threshold.actionId, { view }).args);
    await stale.settle();
    expect(logged(stale.lines, LEVEL.warn)).toEqual([]);

    const broken = listenerDeps({ rules: { backtest: async () => Promise.reject(new Error('boom')) } });
    await subscribeFieldChanged(broken.deps)(actionArgs(F.threshold.actionId, { view }).args);
    await broken.settle();
    expect(logged(broken.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['request failed']);
    // The form keeps what was typed and says why in place of the backtest.
    const [[, drawn]] = broken.chat.callsOf('updateView') as [[string, { blocks: unknown[] }]];
    expect(JSON.stringify(drawn.blocks)).toContain("Something went wrong on my side");
  });
});

describe('opening the form', () => {
  it('"Alert me…" prefills it from the answer and remembers the conversation', async () => {
    const t = listenerDeps();
    const a = actionArgs(ACTION_IDS.alertMe, { value: encodeReportValue({ kind: 'zone', id: 5, date: '2025-11-25', granularity: 'P1D' }) });
    await alertMe(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    const meta = encodeOrigin({ id: null, channel: CHANNEL, home: false });
    expect(t.chat.callsOf('openView')).toEqual([[TRIGGER, buildSubscribeModal(newModalView(meta, { scopeKind: 'zone', scopeId: 5, granularity: 'P1D' }, CHANNEL))]]);
  });

  it('"Alert me…" says why when the form cannot open', async () => {
    const t = listenerDeps();
    t.chat.fail('openView', 'expired_trigger_id');
    await alertMe(t.deps)(actionArgs(ACTION_IDS.alertMe, { value: 'unreadable' }).args);
    await t.settle();
    const told = t.chat.callsOf('postEphemeral');
    expect(told).toHaveLength(1);
    expect(told[0]!.slice(0, 2)).toEqual([CHANNEL, USER]);
    expect(JSON.stringify(told[0]![2])).toContain("The form didn't open");
  });

  it('"New alert" on App Home opens an empty form; a failure goes by direct message', async () => {
    const ok = listenerDeps();
    await newSubscription(ok.deps)(actionArgs(ACTION_IDS.newSubscription, { container: 'home' }).args);
    await ok.settle();
    expect(ok.chat.callsOf('openView')).toEqual([[TRIGGER, buildSubscribeModal(newModalView(encodeOrigin({ id: null, channel: null, home: true }), null, null))]]);

    const failing = listenerDeps();
    failing.chat.fail('openView', 'expired_trigger_id');
    await newSubscription(failing.deps)(actionArgs(ACTION_IDS.newSubscription, { container: 'home' }).args);
    await failing.settle();
    expect(failing.chat.callsOf('postMessage')).toHaveLength(1);
    expect(failing.chat.callsOf('postMessage')[0]![0]).toBe(`D0${USER}`);
  });
});
