import {
  buildAlertPausedNotice, buildSubscriptionChangedMessage, buildSubscriptionSavedMessage, withBacktestNotice,
} from '../../../../src/slack/blocks/alert-notices';
import { buildSubscribeModal } from '../../../../src/slack/blocks/subscribe-modal';
import type { RuleView } from '../../../../src/views/index';

const RULE: RuleView = {
  id: 7,
  scope: { kind: 'building', id: 71, name: 'DEMO <HQ>' },
  measure: 'people',
  direction: 'above',
  threshold: 120,
  recovery: 108,
  minBuckets: 2,
  granularity: 'PT1H',
  destination: { kind: 'channel', channelId: 'C0FACILITY' },
};

describe('alert notices', () => {
  it('saved: the rule, where it goes, the backtest', () => {
    expect(buildSubscriptionSavedMessage(RULE, { status: 'ready', days: 30, episodeDates: ['2026-11-24'] }, 'created')).toEqual({
      text: '🔔 Alert #7 is set up for DEMO &lt;HQ&gt; (71), sent to <#C0FACILITY>. Rule #7: above 120 for 2 h, recovers below 108',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '🔔 Alert #7 is set up for *DEMO &lt;HQ&gt; (71)*, sent to <#C0FACILITY>.' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Rule #7: above 120 for 2 h, recovers below 108' } },
        { type: 'section', text: { type: 'mrkdwn', text: '*Backtest:* Over the last 30 published days this rule would have alerted once: Tue 24 Nov.' } },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'Checked as InnerSpace publishes each night: you hear once when an episode starts and once when it ends. `/occupancy subscriptions` lists your alerts.',
            },
          ],
        },
      ],
    });
  });

  it('saved, relative to usual: the rule in % of usual and what usual means', () => {
    const msg = buildSubscriptionSavedMessage({ ...RULE, measure: 'usual', threshold: 130, recovery: 117 }, { status: 'ready', days: 30, episodeDates: [] }, 'created');
    expect(msg.text).toBe('🔔 Alert #7 is set up for DEMO &lt;HQ&gt; (71), sent to <#C0FACILITY>. Rule #7: above 130% of usual for 2 h, recovers below 117% of usual');
    expect(msg.blocks.at(-1)).toEqual({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Checked as InnerSpace publishes each night: you hear once when an episode starts and once when it ends. `/occupancy subscriptions` lists your alerts.',
        },
        { type: 'mrkdwn', text: 'Usual: the mean of the same weekday and hour over the 4 weeks before; an hour with data in fewer than 2 of them is not judged.' },
      ],
    });
  });

  it('changed: removed, muted, unmuted, snoozed until a local time', () => {
    expect(buildSubscriptionChangedMessage(7, 'removed').text).toBe('🗑 Alert #7 is removed; you will hear nothing more from it. Its messages now say it was deleted.');
    expect(buildSubscriptionChangedMessage(7, 'muted').text).toBe('🔕 Alert #7 is muted. Nothing is checked or sent until you unmute it.');
    expect(buildSubscriptionChangedMessage(7, 'unmuted').text).toBe('🔔 Alert #7 is on again, starting from the latest published data.');
    expect(buildSubscriptionChangedMessage(7, 'snoozed', { ms: Date.parse('2026-11-26T15:00:00Z'), timeZone: 'America/Toronto' })).toEqual({
      text: '💤 Alert #7 is snoozed until Thu 26 Nov 10:00 America/Toronto (<!date^1795705200^{date_short_pretty} {time}|Thu 26 Nov 15:00 UTC> your time). What happens meanwhile is sent when the snooze ends.',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '💤 Alert #7 is snoozed until Thu 26 Nov 10:00 America/Toronto (<!date^1795705200^{date_short_pretty} {time}|Thu 26 Nov 15:00 UTC> your time). What happens meanwhile is sent when the snooze ends.' } }],
    });
  });

  it('paused: why, and how to fix it', () => {
    expect(buildAlertPausedNotice(RULE, 'not_in_channel').text).toBe(
      "I paused alert #7 on DEMO &lt;HQ&gt; (71): I'm no longer a member of <#C0FACILITY>. Invite me with `/invite @occupancy` there, then unmute it from my Home tab or `/occupancy subscriptions`.",
    );
  });

  it('puts a sentence in place of the backtest, leaving the rest of the form alone', () => {
    const modal = buildSubscribeModal({
      privateMetadata: '{}', mode: 'create', scopeKind: 'zone', scopeId: 999, measure: 'people', direction: 'above', threshold: 10, recovery: null,
      minBuckets: 1, granularity: 'PT1H', destination: 'dm', channelId: null, quietHours: null, renotifyMinutes: null, backtest: { status: 'incomplete' },
    });
    const noted = withBacktestNotice(modal, "I couldn't find zone 999.");
    expect(noted.blocks.at(-1)).toEqual({ type: 'section', block_id: 'sub_backtest', text: { type: 'mrkdwn', text: "*Backtest:* I couldn't find zone 999." } });
    expect(noted.blocks.slice(0, -1)).toEqual(modal.blocks.slice(0, -1));
  });
});
