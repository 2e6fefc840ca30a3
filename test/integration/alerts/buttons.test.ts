import type { StoredMessage } from '../../../dev/slack/types';
import { encodeIdValue, encodeSnoozeValue } from '../../../src/slack/blocks/values';
import { ADA, FACILITIES, GENERAL, GRACE, LINUS, MARGARET, advanceTo, botPosts, command, dmOf, startAlertApp, textOf, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';

/**
 * Buttons on alert messages and on App Home, through signed block_actions, and who may press
 * them. Grace owns rule #1 (her DM) and rule #2 (#facilities, where Linus is a member and
 * Margaret is not); Ada is an admin.
 */
describe('alert buttons, App Home and who may do what', () => {
  let t: AlertTestApp;
  let alert: StoredMessage;
  beforeAll(async () => {
    t = await startAlertApp({ env: { ADMIN_USER_IDS: ADA } });
    await command(t, GRACE, GENERAL, 'subscribe building 71 above 130 for 2h');
    await command(t, GRACE, GENERAL, `subscribe building 71 above 150 for 2h <#${FACILITIES}|facilities>`);
    advanceTo(t, '2026-11-26T10:00:00Z');
    await t.app.alerts.tick();
    alert = botPosts(t, dmOf(t, GRACE))[0]!;
  });
  afterAll(async () => {
    await t.stop();
  });

  /** Presses a button (or picks an option) on a message and returns the ephemeral answers. */
  async function press(user: string, channel: string, msg: StoredMessage, action: Parameters<AlertTestApp['driver']['blockAction']>[3]) {
    const res = await t.driver.blockAction(user, channel, { messageTs: msg.ts }, action);
    expect(res.status).toBe(200);
    const post = await t.slack.waitForResponse(res.responseUrlId, (p) => (p.body as { replace_original?: boolean }).replace_original === false, PATIENCE_MS);
    return post.body as { text: string };
  }

  it('snooze from the alert message: until when, on the building clock', async () => {
    const answer = await press(GRACE, dmOf(t, GRACE), alert, {
      action_id: 'alert_snooze', type: 'static_select', selected_option: { value: encodeSnoozeValue({ id: 1, snooze: 'P1D' }) },
    });
    // The building's clock, then each reader's own through Slack's date token (UTC where it cannot render).
    const said = /^💤 Alert #1 is snoozed until Fri 27 Nov 05:00 America\/Toronto \(<!date\^(\d+)\^\{date_short_pretty\} \{time\}\|Fri 27 Nov 10:00 UTC> your time\)\. What happens meanwhile is sent when the snooze ends\.$/.exec(answer.text);
    expect(said).not.toBeNull();
    // The test clock runs on from Thu 10:00Z: a day from the press.
    const until = (await t.app.store.subscriptions.get(TEAM, 1))?.snoozedUntil ?? 0;
    expect(Number(said?.[1])).toBe(Math.floor(until / 1000));
    expect(until - Date.parse('2026-11-27T10:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(until - Date.parse('2026-11-27T10:00:00Z')).toBeLessThan(60_000);
  });

  it('a snoozed rule holds what happens and sends it when the snooze ends', async () => {
    advanceTo(t, '2026-11-27T09:30:00Z'); // Thursday published, snooze still on
    const held = await t.app.alerts.tick();
    expect(held.held).toBeGreaterThan(0);
    const dm = dmOf(t, GRACE);
    expect(botPosts(t, dm)).toHaveLength(1);
    advanceTo(t, '2026-11-27T10:30:00Z');
    const sent = await t.app.alerts.tick();
    expect(sent.posted).toBeGreaterThan(0);
    expect(botPosts(t, dm).map((m) => m.text)).toEqual([alert.text, expect.stringContaining('on Thu 26 Nov')]);
  });

  it('mute and unmute', async () => {
    const muted = await press(GRACE, dmOf(t, GRACE), alert, { action_id: 'alert_mute' });
    expect(muted.text).toBe('🔕 Alert #1 is muted. Nothing is checked or sent until you unmute it.');
    expect((await t.app.store.subscriptions.get(TEAM, 1))?.status).toBe('muted');
    const report = await t.app.alerts.tick();
    expect(report.subscriptions).toBe(1);
    const unmuted = await press(GRACE, dmOf(t, GRACE), alert, { action_id: 'alert_unmute', value: encodeIdValue(1) });
    expect(unmuted.text).toBe('🔔 Alert #1 is on again, starting from the latest published data.');
    expect((await t.app.store.subscriptions.get(TEAM, 1))?.status).toBe('active');
  });

  it('edit opens the form on the rule; saving it changes the rule', async () => {
    const res = await t.driver.blockAction(GRACE, dmOf(t, GRACE), { messageTs: alert.ts }, { action_id: 'alert_edit' });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.update').some((c) => c.response?.ok === true && textOf(c.args).includes('would')), PATIENCE_MS);
    const [view] = t.slack.state.views.stack(GRACE);
    expect(textOf(view!.definition.title)).toContain('Edit alert');
    const blocks = textOf(view!.definition.blocks);
    expect(blocks).toContain('"initial_value":"130"');
    expect(blocks).toMatch(/Over the last 30 published days this rule would/);

    const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value } });
    const submit = await t.driver.viewSubmission(GRACE, view!.id, {
      sub_scope_kind: { sub_scope_kind_radio: radio('building') },
      sub_scope_id: { sub_scope_id_input: { value: '71' } },
      sub_measure: { sub_measure_radio: radio('people') },
      sub_direction: { sub_direction_radio: radio('above') },
      sub_threshold: { sub_threshold_input: { value: '140' } },
      sub_recovery: { sub_recovery_input: { value: null } },
      sub_duration: { sub_duration_input: { value: '3' } },
      sub_granularity: { sub_granularity_radio: radio('PT1H') },
      sub_destination: { sub_destination_radio: radio('dm') },
      sub_renotify: { sub_renotify_select: { selected_option: { value: '240' } } },
    });
    expect(submit.status).toBe(200);
    const note = await t.slack.waitFor(() => botPosts(t, dmOf(t, GRACE)).find((m) => m.text.includes('Alert #1 is updated')), PATIENCE_MS);
    expect(note.text).toContain('Rule #1: above 140 for 3 h, recovers below 126');
    expect(await t.app.store.subscriptions.get(TEAM, 1)).toMatchObject({ threshold: 140, recovery: 126, minDuration: 3, renotifyMinutes: 240, destinationId: GRACE });
  });

  it('App Home lists the user’s rules and the digests of their channels, with buttons that work', async () => {
    await t.app.store.digests.create({
      teamId: TEAM, channelId: FACILITIES, createdBy: LINUS, buildingIds: [71], timeOfDay: '08:00', days: [1, 2, 3, 4, 5], timeZone: 'America/Toronto',
      options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: false },
    });
    await t.app.store.digests.create({
      teamId: TEAM, channelId: 'C0EXEC', createdBy: ADA, buildingIds: [104], timeOfDay: '09:00', days: [1], timeZone: 'Europe/London',
      options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: false },
    });
    await t.driver.appHomeOpened(GRACE);
    const publish = await t.slack.waitForCall('views.publish', (c) => c.args.user_id === GRACE, PATIENCE_MS);
    expect(publish.response?.ok).toBe(true);
    const home = t.slack.state.views.home(GRACE)!;
    const json = textOf(home.definition.blocks);
    expect(json).toContain('Your alerts');
    expect(json).toContain('Rule #1: above 140 for 3 h');
    expect(json).toContain(`Rule #2: above 150 for 2 h, recovers below 135`);
    expect(json).toContain(`*Digest #1* · <#${FACILITIES}>`);
    expect(json).not.toContain('Digest #2');
    // Grace is in the channel but did not set the digest up: she may run it, not change it, and sees who did.
    expect(json).toContain(`set up by <@${LINUS}>`);
    expect(json).toContain('"action_id":"digest_pause"');
    expect(json).toContain('"action_id":"digest_send"');
    expect(json).not.toContain('"action_id":"digest_edit"');
    expect(json).not.toContain('"action_id":"digest_delete"');

    const publishes = t.slack.callsTo('views.publish').length;
    const res = await t.driver.blockAction(GRACE, undefined, { viewId: home.id }, { action_id: 'alert_mute', value: encodeIdValue(2) });
    expect(res.status).toBe(200);
    await t.slack.waitFor(() => t.slack.callsTo('views.publish').filter((c) => c.response).length > publishes, PATIENCE_MS);
    expect((await t.app.store.subscriptions.get(TEAM, 2))?.status).toBe('muted');
    expect(textOf(t.slack.state.views.home(GRACE)!.definition.blocks)).toContain('"action_id":"alert_unmute","text":{"type":"plain_text","text":"Unmute"},"value":"{\\"id\\":2}"');
  });

  it('`/occupancy subscriptions` lists the user’s rules', async () => {
    const list = await command(t, GRACE, GENERAL, 'subscriptions');
    expect(list.text).toBe('2 subscriptions: #1, #2');
    expect(textOf(list.blocks)).toContain('muted');
    const none = await command(t, MARGARET, GENERAL, 'subscriptions');
    expect(none.text).toContain('You have no subscriptions yet');
  });

  describe('who may do what', () => {
    it('a channel rule needs membership of the channel', async () => {
      const refused = await command(t, MARGARET, GENERAL, `subscribe building 71 above 100 <#${FACILITIES}|facilities>`);
      expect(refused.text).toBe(`Only members of <#${FACILITIES}> or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.`);
      const privateNoBot = await command(t, ADA, GENERAL, 'subscribe building 71 above 100 <#C0EXEC|exec>');
      expect(privateNoBot.text).toContain("I can't see <#C0EXEC>");
      expect(await t.app.store.subscriptions.listByUser(TEAM, MARGARET)).toEqual([]);
      expect(await t.app.store.subscriptions.listByUser(TEAM, ADA)).toEqual([]);
    });

    it('a channel member may snooze or mute a channel rule, but only the creator or an admin deletes it', async () => {
      const opened = await t.driver.appHomeOpened(LINUS);
      expect(opened.status).toBe(200);
      const linusHome = await t.slack.waitFor(() => t.slack.state.views.home(LINUS), PATIENCE_MS);
      const notes = () => botPosts(t, dmOf(t, LINUS)).length;
      const before = notes();
      await t.driver.blockAction(LINUS, undefined, { viewId: linusHome.id }, { action_id: 'alert_unmute', value: encodeIdValue(2) });
      await t.slack.waitFor(() => t.slack.callsTo('views.publish').filter((c) => c.args.user_id === LINUS && c.response).length >= 2, PATIENCE_MS);
      expect((await t.app.store.subscriptions.get(TEAM, 2))?.status).toBe('active');
      expect(notes()).toBe(before);

      const refused = await command(t, LINUS, GENERAL, 'unsubscribe 2');
      expect(refused.text).toBe(`Only <@${GRACE}>, who set this up, or an admin can change it. Ask them, or an admin of this bot.`);
      expect(await t.app.store.subscriptions.get(TEAM, 2)).not.toBeNull();
    });

    it('a DM rule belongs to its user: another user pressing its buttons is refused', async () => {
      await t.driver.appHomeOpened(MARGARET);
      const home = await t.slack.waitFor(() => t.slack.state.views.home(MARGARET), PATIENCE_MS);
      const res = await t.driver.blockAction(MARGARET, undefined, { viewId: home.id }, { action_id: 'alert_unsubscribe', value: encodeIdValue(1) });
      expect(res.status).toBe(200);
      const note = await t.slack.waitFor(() => botPosts(t, dmOf(t, MARGARET)).find((m) => m.text.includes('who set this up')), PATIENCE_MS);
      expect(note.text).toContain(`Only <@${GRACE}>, who set this up`);
      expect(await t.app.store.subscriptions.get(TEAM, 1)).not.toBeNull();
    });

    it('an id from another team is "not found", and that team’s rule is untouched', async () => {
      const other = await t.app.store.subscriptions.create({
        teamId: 'T0OTHER', createdBy: 'U0OTHER01', scopeKind: 'building', scopeId: 71, measure: 'people', direction: 'above', threshold: 10, recovery: 9,
        minDuration: 1, granularity: 'PT1H', destinationKind: 'dm', destinationId: 'U0OTHER01', quietHours: null, renotifyMinutes: null,
      });
      const answer = await command(t, ADA, GENERAL, `unsubscribe ${other.id}`);
      expect(answer.text).toBe(`I couldn't find subscription #${other.id}. \`/occupancy subscriptions\` lists yours.`);
      expect(await t.app.store.subscriptions.get('T0OTHER', other.id)).not.toBeNull();
    });

    it('an admin may delete anyone’s rule; unsubscribe from the alert message removes it', async () => {
      const removed = await command(t, ADA, GENERAL, 'unsubscribe 2');
      expect(removed.text).toBe('🗑 Alert #2 is removed; you will hear nothing more from it. Its messages now say it was deleted.');
      expect(await t.app.store.subscriptions.get(TEAM, 2)).toBeNull();
      const mine = await press(GRACE, dmOf(t, GRACE), alert, { action_id: 'alert_unsubscribe' });
      expect(mine.text).toContain('Alert #1 is removed');
      expect(await t.app.store.subscriptions.get(TEAM, 1)).toBeNull();
      expect(await t.app.store.alertStates.get(1)).toBeNull();
    });
  });
});
