import { ACTION_IDS, buildHomeView, buildSubscriptionsMessage } from '../../../../src/slack/blocks';
import { checkMessageLimits, checkViewLimits } from '../../../support/block-limits';
import { actionsBlock, btn, confirm, contextBlock, dividerBlock, headerBlock, sectionBlock } from './helpers';
import { at, digestSummary, rule, subscriptionSummary } from './fixtures';

const id7 = JSON.stringify({ id: 7 });
const id3 = JSON.stringify({ id: 3 });
const SUB_ACTIONS = actionsBlock(
  btn('Mute', ACTION_IDS.mute, id7),
  btn('Edit', ACTION_IDS.editSubscription, id7),
  btn('Send a test', ACTION_IDS.sendTestAlert, id7),
  btn('Unsubscribe', ACTION_IDS.unsubscribe, id7, {
    style: 'danger',
    ...confirm('Unsubscribe from rule #7?', 'You will hear nothing more from this rule.', 'Unsubscribe', 'Keep it'),
  }),
);
const SUB_TEXT = '🔴 Alerting · *DEMO building (71)*\nRule #7: above 120 for 1 h, recovers below 108\nSent to <#C0FACILITY> · last alert Tue 25 Nov 10:00';
const DIGEST_TEXT = '*Digest #3* · <#C0FACILITY> · 08:00 weekdays (America/Toronto)\nDEMO building (71), building 12\nNext run: Wed 26 Nov 08:00 America/Toronto (<!date^1764162000^{date_short_pretty} {time}|Wed 26 Nov 13:00 UTC> your time) · set up by <@U0CREATOR>';
const DIGEST_ACTIONS = actionsBlock(
  btn('Pause', ACTION_IDS.digestPause, id3),
  btn('Send now', ACTION_IDS.digestSend, id3),
  btn('Edit', ACTION_IDS.digestEdit, id3),
  btn('Delete', ACTION_IDS.digestDelete, id3, { style: 'danger', ...confirm('Delete digest #3?', 'It stops at once; past messages stay in the channel.', 'Delete', 'Keep it') }),
);

describe('buildSubscriptionsMessage', () => {
  it('lists state, rule, destination and last alert with buttons', () => {
    expect(buildSubscriptionsMessage({ subscriptions: [subscriptionSummary()] })).toEqual({
      text: '1 subscription: #7',
      blocks: [
        headerBlock('🔔 Your subscriptions'),
        sectionBlock(SUB_TEXT),
        SUB_ACTIONS,
        contextBlock('Alerts use nightly data · `/occupancy subscribe` adds one · `/occupancy unsubscribe 7` removes rule #7'),
      ],
    });
  });

  it.each([
    [{ state: 'ok' as const, lastAlertMs: null, rule: rule({ destination: { kind: 'dm', userId: 'U1' } }) }, '🟢 OK · *DEMO building (71)*\nRule #7: above 120 for 1 h, recovers below 108\nSent to you by DM · no alerts yet'],
    [{ state: 'pending' as const, snoozedUntilMs: at('2025-11-26T10:00') }, '🟡 Pending · *DEMO building (71)*\nRule #7: above 120 for 1 h, recovers below 108\nSent to <#C0FACILITY> · last alert Tue 25 Nov 10:00 · snoozed until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time)'],
    [{ state: 'no_data' as const, muted: true }, '⚪ Waiting for data · *DEMO building (71)*\nRule #7: above 120 for 1 h, recovers below 108\nSent to <#C0FACILITY> · last alert Tue 25 Nov 10:00 · muted'],
  ])('describes %j', (overrides, text) => {
    expect(buildSubscriptionsMessage({ subscriptions: [subscriptionSummary(overrides)] }).blocks[1]).toEqual(sectionBlock(text));
  });

  it('offers Unmute to a muted rule and no buttons to others', () => {
    const muted = buildSubscriptionsMessage({ subscriptions: [subscriptionSummary({ muted: true })] });
    expect((muted.blocks[2] as { elements: unknown[] }).elements[0]).toEqual(btn('Unmute', ACTION_IDS.unmute, id7));
    const foreign = buildSubscriptionsMessage({ subscriptions: [subscriptionSummary({ canManage: false })] });
    expect(foreign.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });

  it('says how to start when there are none', () => {
    const words = 'You have no subscriptions yet. `/occupancy subscribe` sets one up, or use 🔔 Alert me… on an answer.';
    expect(buildSubscriptionsMessage({ subscriptions: [] })).toEqual({ text: words, blocks: [headerBlock('🔔 Your subscriptions'), sectionBlock(words)] });
  });

  it('stays inside 50 blocks with many', () => {
    const subscriptions = Array.from({ length: 60 }, (_, i) => subscriptionSummary({ rule: rule({ id: i + 1 }) }));
    const msg = buildSubscriptionsMessage({ subscriptions });
    expect(msg.blocks).toHaveLength(49);
    expect(checkMessageLimits(msg)).toEqual([]);
  });
});

describe('buildHomeView', () => {
  it('shows a weekly digest’s cadence as the list does', () => {
    const view = buildHomeView({ subscriptions: [], digests: [digestSummary({ cadence: 'weekly', days: [1], time: '09:00' })], digestsUnknown: false });
    expect(JSON.stringify(view.blocks)).toContain('weekly on Mon 09:00, last week’s summary (America/Toronto)');
  });

  it("shows the user's alerts and their channels' digests", () => {
    expect(buildHomeView({ subscriptions: [subscriptionSummary()], digests: [digestSummary()], digestsUnknown: false })).toEqual({
      type: 'home',
      blocks: [
        headerBlock('Occupancy'),
        sectionBlock('Occupancy from InnerSpace, published nightly. Ask any time with `/occupancy building 71`, or `/occupancy help`.'),
        actionsBlock(btn('🔔 New alert', ACTION_IDS.newSubscription, undefined, { style: 'primary' }), btn('📊 New digest', ACTION_IDS.newDigest)),
        dividerBlock,
        headerBlock('🔔 Your alerts'),
        sectionBlock(SUB_TEXT),
        SUB_ACTIONS,
        dividerBlock,
        headerBlock('📊 Digests in your channels'),
        sectionBlock(DIGEST_TEXT),
        DIGEST_ACTIONS,
      ],
    });
  });

  it('says what to do when empty', () => {
    expect(buildHomeView({ subscriptions: [], digests: [], digestsUnknown: false }).blocks.slice(4)).toEqual([
      headerBlock('🔔 Your alerts'),
      sectionBlock('No alerts yet. Use *New alert*, `/occupancy subscribe`, or 🔔 Alert me… on an answer.'),
      dividerBlock,
      headerBlock('📊 Digests in your channels'),
      sectionBlock('No digests in your channels yet. Use *New digest* or `/occupancy digest` in a channel.'),
    ]);
  });

  it('stays inside 100 blocks with many of both', () => {
    const view = buildHomeView({
      subscriptions: Array.from({ length: 50 }, (_, i) => subscriptionSummary({ rule: rule({ id: i + 1 }) })),
      digests: Array.from({ length: 50 }, (_, i) => digestSummary({ id: i + 1 })),
      digestsUnknown: false,
    });
    expect(view.blocks).toHaveLength(97);
    expect(view.blocks[45]).toEqual(contextBlock('…and 30 more · `/occupancy subscriptions` lists them'));
    expect(view.blocks[96]).toEqual(contextBlock('…and 26 more · `/occupancy digest list` in a channel lists its digests'));
    expect(checkViewLimits(view)).toEqual([]);
  });
});
