import type { StoredMessage } from '../../../dev/slack/types';
import { encodeIdValue, encodeSnoozeValue } from '../../../src/slack/blocks/values';
import { FACILITIES, GENERAL, GRACE, LINUS, advanceTo, botPosts, command, dmOf, startAlertApp, textOf, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';

/** The action ids on a message as Slack now shows it. */
function buttonsOn(msg: StoredMessage | undefined): string[] {
  return (msg?.blocks ?? []).flatMap((b) => ((b as { elements?: { action_id?: string }[] }).elements ?? []).flatMap((e) => (e.action_id ? [e.action_id] : [])));
}

/** The status line (a context block) of an alert message as Slack now shows it. */
function statusOf(msg: StoredMessage | undefined): string {
  const block = (msg?.blocks ?? []).find((b) => (b as { block_id?: string }).block_id === 'alert_status');
  return textOf(block);
}

const isAlert = (m: StoredMessage) => buttonsOn(m).includes('alert_mute');

/**
 * Alert messages that show their rule's state, through the real app and the strict embedded
 * Slack: Grace's rule #1 goes to her DM, rule #2 to #facilities (Linus is a member there).
 */
describe('alert messages show the state of their rule', () => {
  let t: AlertTestApp;
  let dmAlert: StoredMessage;
  let channelAlert: StoredMessage;
  const current = (m: StoredMessage) => t.slack.state.findMessage(m.channel, m.ts);

  beforeAll(async () => {
    t = await startAlertApp();
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 130 for 2h');
    await command(t, GRACE, GENERAL, `subscribe building 71 above 130 for 2h <#${FACILITIES}|facilities>`);
    advanceTo(t, '2026-11-26T10:00:00Z');
    await t.app.alerts.tick();
    dmAlert = botPosts(t, dmOf(t, GRACE))[0]!;
    channelAlert = botPosts(t, FACILITIES).find(isAlert)!;
    expect(buttonsOn(dmAlert)).toContain('alert_mute');
    expect(buttonsOn(channelAlert)).toContain('alert_mute');
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Presses a button on a message; returns the ephemeral answer (not the list redrawn). */
  async function press(user: string, msg: StoredMessage, action: Parameters<AlertTestApp['driver']['blockAction']>[3]) {
    const res = await t.driver.blockAction(user, msg.channel, { messageTs: msg.ts }, action);
    expect(res.status).toBe(200);
    const post = await t.slack.waitForResponse(res.responseUrlId, (p) => (p.body as { replace_original?: boolean }).replace_original === false, PATIENCE_MS);
    return post.body as { text: string };
  }

  it('Mute turns the message’s button into Unmute and says muted; Unmute turns it back', async () => {
    await press(GRACE, dmAlert, { action_id: 'alert_mute', value: encodeIdValue(1) });
    const muted = current(dmAlert);
    expect(buttonsOn(muted)).toEqual(['alert_snooze', 'alert_unmute', 'alert_edit', 'alert_unsubscribe']);
    expect(statusOf(muted)).toContain('· muted ·');
    // The episode and its chart are as they were.
    expect(muted?.text).toBe(dmAlert.text);
    expect(textOf(muted?.blocks?.[0])).toBe(textOf(dmAlert.blocks?.[0]));
    expect((muted?.blocks ?? []).some((b) => (b as { type?: string }).type === 'image')).toBe((dmAlert.blocks ?? []).some((b) => (b as { type?: string }).type === 'image'));

    await press(GRACE, dmAlert, { action_id: 'alert_unmute', value: encodeIdValue(1) });
    const unmuted = current(dmAlert);
    expect(buttonsOn(unmuted)).toEqual(['alert_snooze', 'alert_mute', 'alert_edit', 'alert_unsubscribe']);
    expect(statusOf(unmuted)).not.toContain('muted');
  });

  it('when Slack asks to slow down, the change stands and the message is left as it was', async () => {
    t.slack.failNext('chat.update', { status: 429, retryAfter: 30 });
    const answer = await press(GRACE, dmAlert, { action_id: 'alert_mute', value: encodeIdValue(1) });
    expect(answer.text).toContain('Alert #1 is muted');
    expect((await t.app.store.subscriptions.get(TEAM, 1))?.status).toBe('muted');
    expect(buttonsOn(current(dmAlert))).toContain('alert_mute');
    await press(GRACE, dmAlert, { action_id: 'alert_unmute', value: encodeIdValue(1) });
    expect((await t.app.store.subscriptions.get(TEAM, 1))?.status).toBe('active');
    expect(buttonsOn(current(dmAlert))).toContain('alert_mute');
  });

  it('a channel snooze is told in the channel, and the message says until when in each reader’s time', async () => {
    const before = botPosts(t, FACILITIES).length;
    await press(LINUS, channelAlert, { action_id: 'alert_snooze', type: 'static_select', selected_option: { value: encodeSnoozeValue({ id: 2, snooze: 'P1D' }) } });
    const until = (await t.app.store.subscriptions.get(TEAM, 2))?.snoozedUntil ?? 0;
    expect(await t.app.store.subscriptions.get(TEAM, 2)).toMatchObject({ snoozedBy: LINUS });
    const told = await t.slack.waitFor(() => botPosts(t, FACILITIES).slice(before).find((m) => m.text.includes('snoozed alerts')), PATIENCE_MS);
    expect(told.text).toMatch(new RegExp(`^💤 <@${LINUS}> snoozed alerts for DEMO \\(71\\) \\(rule #2\\) until Fri 27 Nov 05:\\d\\d America/Toronto \\(<!date\\^${Math.floor(until / 1000)}\\^`));
    expect(statusOf(current(channelAlert))).toContain(`snoozed until Fri 27 Nov 05:`);
    expect(statusOf(current(channelAlert))).toContain(`<!date^${Math.floor(until / 1000)}^{date_short_pretty} {time}|Fri 27 Nov 10:`);
    // A DM rule's snooze concerns one person: nothing is posted for it.
    expect(botPosts(t, dmOf(t, GRACE)).filter((m) => m.text.includes('snoozed alerts'))).toEqual([]);
  });

  it('an alert held by the snooze says so when it is released: by whom, until when', async () => {
    advanceTo(t, '2026-11-27T09:30:00Z');
    const held = await t.app.alerts.tick();
    expect(held.held).toBeGreaterThan(0);
    const alertsBefore = botPosts(t, FACILITIES).filter(isAlert).length;
    advanceTo(t, '2026-11-27T10:30:00Z');
    await t.app.alerts.tick();
    const released = botPosts(t, FACILITIES).filter(isAlert);
    expect(released.length).toBeGreaterThan(alertsBefore);
    const late = released.at(-1)!;
    expect(late.text).toContain('on Thu 26 Nov');
    expect(textOf(late.blocks)).toContain(`⏸ Held while snoozed by <@${LINUS}> until Fri 27 Nov 05:`);
    // Grace's DM rule was not snoozed: its alert of Thursday says nothing of the kind.
    const dmLatest = botPosts(t, dmOf(t, GRACE)).filter((m) => m.text.includes('on Thu 26 Nov')).at(-1);
    expect(dmLatest).toBeDefined();
    expect(textOf(dmLatest?.blocks)).not.toContain('Held while snoozed');
  });

  it('Unsubscribe from a message redraws every message of the rule: no buttons, who deleted it', async () => {
    const ruleMessages = botPosts(t, dmOf(t, GRACE)).filter((m) => buttonsOn(m).includes('alert_unsubscribe'));
    expect(ruleMessages.length).toBeGreaterThanOrEqual(2);
    const answer = await press(GRACE, dmAlert, { action_id: 'alert_unsubscribe', value: encodeIdValue(1) });
    expect(answer.text).toBe('🗑 Alert #1 is removed; you will hear nothing more from it. Its messages now say it was deleted.');
    for (const m of ruleMessages) {
      const now = current(m);
      expect(buttonsOn(now)).toEqual([]);
      expect(textOf(now?.blocks)).toContain(`🗑 Rule #1 was deleted by <@${GRACE}> on <!date^`);
      expect(now?.text).toBe(m.text);
    }
    expect(await t.app.store.alertMessages.listBySubscription(TEAM, 1, 100)).toEqual([]);
  });

  it('an old button of the deleted rule pressed anyway says who deleted it, and changes nothing', async () => {
    // A message that still carries the old buttons (drawn before, or an edit Slack missed).
    const msg = t.slack.state.addMessage({ channel: dmOf(t, GRACE), user: t.slack.bot.userId, botId: t.slack.bot.botId, text: dmAlert.text, blocks: dmAlert.blocks ?? [] });
    const answer = await press(GRACE, msg, { action_id: 'alert_mute', value: encodeIdValue(1) });
    expect(answer.text).toMatch(new RegExp(`^Rule #1 was deleted by <@${GRACE}> on <!date\\^\\d+\\^\\{date_short_pretty\\} \\{time\\}\\|[^>]+>, so there is nothing left to change\\. \`/occupancy subscriptions\` lists the alerts you have\\.$`));
    expect(answer.text).not.toContain("couldn't find");
    // The message pressed lost its stale buttons too.
    expect(buttonsOn(current(msg))).toEqual([]);
    expect(await t.app.store.subscriptions.get(TEAM, 1)).toBeNull();
  });

  it('`/occupancy unsubscribe` redraws the channel’s messages too; one Slack no longer has is forgotten', async () => {
    const [first, ...rest] = botPosts(t, FACILITIES).filter((m) => buttonsOn(m).includes('alert_unsubscribe'));
    expect(first).toBeDefined();
    t.slack.state.deleteMessage(first!);
    const removed = await command(t, GRACE, GENERAL, 'unsubscribe 2');
    expect(removed.text).toContain('Alert #2 is removed');
    for (const m of rest) expect(textOf(current(m)?.blocks)).toContain(`🗑 Rule #2 was deleted by <@${GRACE}>`);
    expect(await t.app.store.alertMessages.listBySubscription(TEAM, 2, 100)).toEqual([]);
    expect(await t.app.store.subscriptions.removed(TEAM, 2)).toMatchObject({ removedBy: GRACE });
    const again = await command(t, GRACE, GENERAL, 'unsubscribe 2');
    expect(again.text).toMatch(new RegExp(`^Rule #2 was deleted by <@${GRACE}> on <!date\\^\\d+\\^.*, so there is nothing left to change\\.`));
  });
});
