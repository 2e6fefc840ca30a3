import { buildAlertMessage } from '../../../../src/slack/blocks';
import { alertRuleRemovedMessage, buildSnoozeAnnouncement, restateAlertMessage } from '../../../../src/slack/blocks/alert-states';
import { contextBlock, sectionBlock } from './helpers';
import { TZ, at, episode, rule } from './fixtures';

const sent = buildAlertMessage(episode());
const actionIds = (blocks: readonly object[]) =>
  blocks.flatMap((b) => ((b as { elements?: { action_id?: string }[] }).elements ?? []).map((e) => e.action_id).filter((a) => a !== undefined));

describe('an alert message redrawn for its rule', () => {
  it('muted: the status says so and Mute becomes Unmute; the episode and chart stay as sent', () => {
    const muted = restateAlertMessage(sent, { rule: rule(), timeZone: TZ, muted: true, snoozedUntilMs: null });
    expect(muted.text).toBe(sent.text);
    expect(muted.charts).toEqual(sent.charts);
    expect(muted.blocks.slice(0, 2)).toEqual(sent.blocks.slice(0, 2));
    expect(muted.blocks[2]).toEqual({ ...contextBlock('Rule #7: above 120 for 1 h, recovers below 108 · muted · nightly data'), block_id: 'alert_status' });
    expect(actionIds(muted.blocks)).toEqual(['alert_snooze', 'alert_unmute', 'alert_edit', 'alert_unsubscribe']);
    // And back again.
    const unmuted = restateAlertMessage(muted, { rule: rule(), timeZone: TZ, muted: false, snoozedUntilMs: null });
    expect(unmuted).toEqual(sent);
  });

  it('snoozed: until when, on the building clock and each reader’s own', () => {
    const snoozed = restateAlertMessage(sent, { rule: rule(), timeZone: TZ, muted: false, snoozedUntilMs: at('2025-11-26T10:00') });
    expect(JSON.stringify(snoozed.blocks[2])).toContain('snoozed until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time)');
  });

  it('a message drawn before its blocks had ids is found by its buttons', () => {
    const old = { text: sent.text, blocks: sent.blocks.map((b) => ({ ...b, block_id: undefined })) };
    const muted = restateAlertMessage(old, { rule: rule(), timeZone: TZ, muted: true, snoozedUntilMs: null });
    expect(JSON.stringify(muted.blocks[2])).toContain('· muted ·');
    expect(actionIds(muted.blocks)).toContain('alert_unmute');
  });

  it('deleted: no buttons left, and who deleted it and when, in each reader’s time', () => {
    const removed = alertRuleRemovedMessage(sent, { ruleId: 7, removedBy: 'U0ADA', removedAtMs: Date.parse('2025-11-26T15:00:00Z') });
    expect(actionIds(removed.blocks)).toEqual([]);
    expect(removed.blocks.slice(0, 3)).toEqual(sent.blocks.slice(0, 3));
    expect(removed.blocks.at(-1)).toEqual({
      ...contextBlock('🗑 Rule #7 was deleted by <@U0ADA> on <!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC>; nothing more comes from it.'),
      block_id: 'alert_removed',
    });
    // A muted rule, deleted: its line no longer says muted.
    const mutedThenRemoved = alertRuleRemovedMessage(restateAlertMessage(sent, { rule: rule(), timeZone: TZ, muted: true, snoozedUntilMs: null }), {
      ruleId: 7, rule: { rule: rule(), timeZone: TZ }, removedBy: 'U0ADA', removedAtMs: 0,
    });
    expect(mutedThenRemoved.blocks[2]).toEqual(sent.blocks[2]);
    // Redrawn twice (a second press of an old button), it still says it once.
    expect(alertRuleRemovedMessage(removed, { ruleId: 7, removedBy: 'U0ADA', removedAtMs: 0 }).blocks).toHaveLength(removed.blocks.length);
  });
});

describe('a channel told about a snooze', () => {
  it('names who, the building, the rule and until when', () => {
    const words = '💤 <@U0ADA> snoozed alerts for *DEMO building (71)* (rule #7) until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time). What happens meanwhile is sent when the snooze ends.';
    const msg = buildSnoozeAnnouncement({ rule: rule(), timeZone: TZ, by: 'U0ADA', untilMs: at('2025-11-26T10:00') });
    expect(msg.blocks).toEqual([sectionBlock(words)]);
    expect(msg.text).toBe(words.replace(/\*/g, ''));
  });
});
