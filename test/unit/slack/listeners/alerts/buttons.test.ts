import { NotFoundError } from '../../../../../src/errors';
import { ACTION_IDS, buildHomeView, buildSubscribeModal, buildSubscriptionsMessage, encodeIdValue, encodeSnoozeValue } from '../../../../../src/slack/blocks';
import { buildSubscriptionChangedMessage, withBacktestNotice } from '../../../../../src/slack/blocks/alert-notices';
import { buildAlertErrorMessage } from '../../../../../src/slack/blocks/errors';
import { buildSubscribeFailedModal, buildSubscribeLoadingModal } from '../../../../../src/slack/blocks/subscribe-modal';
import { editModalView } from '../../../../../src/services/alerts/views';
import { editSubscription, mute, snooze, unmute, unsubscribe } from '../../../../../src/slack/listeners/alerts/buttons';
import { encodeOrigin } from '../../../../../src/slack/listeners/alerts/form-state';
import { subscriptionSummary } from '../../blocks/fixtures';
import { CHANNEL, LEVEL, TEAM, TRIGGER, USER, actionArgs, listenerDeps, logged, subscription } from '../helpers';

const who = { teamId: TEAM, userId: USER };
const ephemeral = (msg: object, replace: boolean) => ({ response_type: 'ephemeral', replace_original: replace, ...msg });

describe('alert buttons', () => {
  it('mute under an alert message: acks, mutes, and says so under it', async () => {
    const muted: unknown[] = [];
    const t = listenerDeps({ subscriptions: { mute: async (w, id) => (muted.push([w, id]), subscription({ id, status: 'muted' })) } });
    const a = actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7) });
    await mute(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    expect(muted).toEqual([[expect.objectContaining(who), 7]]);
    expect(a.responds).toEqual([ephemeral(buildSubscriptionChangedMessage(7, 'muted'), false)]);
  });

  it('hands the service the message pressed, so it is redrawn; not an ephemeral list, which is redrawn here', async () => {
    const shown: unknown[] = [];
    const t = listenerDeps({ subscriptions: { mute: async (_w, id, m) => (shown.push(m), subscription({ id, status: 'muted' })) } });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'alert' } }];
    await mute(t.deps)(actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7), message: { ts: '1.000100', text: 'alert', blocks } }).args);
    await mute(t.deps)(actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7), container: 'ephemeral', message: { ts: '1.000200', blocks } }).args);
    await mute(t.deps)(actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7), container: 'home' }).args);
    await t.settle();
    expect(shown).toEqual([{ channel: CHANNEL, ts: '1.000100', message: { text: 'alert', blocks } }, undefined, undefined]);
  });

  it('unsubscribe on the ephemeral list: redraws the list, then says what changed', async () => {
    const left = [subscriptionSummary()];
    const t = listenerDeps({ subscriptions: { remove: async () => undefined, summaries: async () => left } });
    const a = actionArgs(ACTION_IDS.unsubscribe, { value: encodeIdValue(8), container: 'ephemeral' });
    await unsubscribe(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toEqual([
      ephemeral(buildSubscriptionsMessage({ subscriptions: left }), true),
      ephemeral(buildSubscriptionChangedMessage(8, 'removed'), false),
    ]);
  });

  it('snooze: reads the length from the menu and says until when', async () => {
    const until = Date.UTC(2025, 10, 26, 15, 0);
    const asked: unknown[] = [];
    const t = listenerDeps({ subscriptions: { snooze: async (_w, id, length) => (asked.push([id, length]), { subscription: subscription(), until, timeZone: 'America/Toronto' }) } });
    const a = actionArgs(ACTION_IDS.snooze, { selectedValue: encodeSnoozeValue({ id: 7, snooze: 'P1D' }) });
    await snooze(t.deps)(a.args);
    await t.settle();
    expect(asked).toEqual([[7, 'P1D']]);
    expect(a.responds).toEqual([ephemeral(buildSubscriptionChangedMessage(7, 'snoozed', { ms: until, timeZone: 'America/Toronto' }), false)]);
  });

  it('unmute on App Home: redraws Home; a refusal also goes by direct message', async () => {
    const model = { subscriptions: [], digests: [], digestsUnknown: false };
    const err = new NotFoundError('subscription', 7);
    const t = listenerDeps({ subscriptions: { unmute: async () => Promise.reject(err) }, home: { view: async () => model } });
    const a = actionArgs(ACTION_IDS.unmute, { value: encodeIdValue(7), container: 'home' });
    await unmute(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([]);
    expect(t.chat.callsOf('publishHome')).toEqual([[USER, buildHomeView(model)]]);
    expect(t.chat.callsOf('postMessage')).toEqual([[`D0${USER}`, buildAlertErrorMessage(err, { kind: 'subscription', id: 7 })]]);
  });

  it('mute that fails: the words for the error under the message', async () => {
    const err = new NotFoundError('subscription', 7);
    const t = listenerDeps({ subscriptions: { mute: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7) });
    await mute(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toEqual([ephemeral(buildAlertErrorMessage(err, { kind: 'subscription', id: 7 }), false)]);
    expect(logged(t.lines, LEVEL.info).map((l) => l.msg)).toEqual(['request refused']);
  });

  it('logs a respond that fails', async () => {
    const t = listenerDeps({ subscriptions: { mute: async () => subscription() } });
    const a = actionArgs(ACTION_IDS.mute, { value: encodeIdValue(7), respondFails: true });
    await mute(t.deps)(a.args);
    await t.settle();
    expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['answering an alert button failed']);
  });

  it('ignores a button whose value it cannot read', async () => {
    const t = listenerDeps();
    const a = actionArgs(ACTION_IDS.unsubscribe, { value: '{"id":0}' });
    await unsubscribe(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([]);
    expect(logged(t.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['ignored an alert button with an unreadable value']);
  });
});

describe('edit', () => {
  it('opens the form on the rule at once, then fills in its backtest', async () => {
    const sub = subscription();
    const backtest = { status: 'ready' as const, days: 30, episodeDates: ['2025-11-04'] };
    const t = listenerDeps({
      subscriptions: { owned: async () => sub },
      rules: { backtest: async () => ({ kind: 'view', view: backtest, latestBucket: null }) },
    });
    const a = actionArgs(ACTION_IDS.editSubscription, { value: encodeIdValue(7) });
    await editSubscription(t.deps)(a.args);
    await t.settle();
    const meta = encodeOrigin({ id: 7, channel: CHANNEL, home: false });
    const view = editModalView(sub, meta, { status: 'incomplete' });
    expect(t.chat.callsOf('openView')).toEqual([[a.args.body.trigger_id, buildSubscribeLoadingModal('edit', meta)]]);
    // Filled in, then its backtest, each update with the hash the one before answered.
    expect(t.chat.callsOf('updateView')).toEqual([
      ['V0OPENED', withBacktestNotice(buildSubscribeModal(view), 'trying this rule on the last 30 published days…'), 'h0'],
      ['V0OPENED', buildSubscribeModal({ ...view, backtest }), 'h1'],
    ]);
  });

  it('says in the form why when the rule is not the user\'s', async () => {
    const err = new NotFoundError('subscription', 7);
    const t = listenerDeps({ subscriptions: { owned: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.editSubscription, { value: encodeIdValue(7) });
    await editSubscription(t.deps)(a.args);
    await t.settle();
    const meta = encodeOrigin({ id: 7, channel: CHANNEL, home: false });
    expect(t.chat.callsOf('openView')).toEqual([[TRIGGER, buildSubscribeLoadingModal('edit', meta)]]);
    const why = buildAlertErrorMessage(err, { kind: 'subscription', id: 7 });
    expect(t.chat.callsOf('updateView')).toEqual([['V0OPENED', buildSubscribeFailedModal('edit', meta, why), 'h0']]);
    expect(t.chat.callsOf('postEphemeral')).toEqual([]);
  });
});
