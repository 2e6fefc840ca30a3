/**
 * The real app against an embedded Slack that holds it to Slack's rules: the manifest's scopes,
 * membership for ephemerals and edits, DMs and group DMs without the bot, the per-minute tiers
 * on conversation reads, and refusals that will repeat.
 */
import { PATIENCE_MS } from '../../support/patience';
import { DEFAULT_CHANNELS, type SlackDriver } from '../../../dev/slack';
import { formValues } from '../alerts/support';
import type { AppUnderTest, TestWorld } from './harness';
import { createTestWorld } from './harness';

const GRACE = 'U0LOCAL001';
const TEAM = 'T0LOCAL';

async function answer(world: TestWorld, driver: SlackDriver, user: string, channel: string, text: string): Promise<string> {
  const res = await driver.command(user, channel, '/occupancy', text);
  expect(res.status).toBe(200);
  const post = await world.slack.waitForResponse(res.responseUrlId, (p) => !JSON.stringify(p.body).includes('Setting up'), PATIENCE_MS);
  return JSON.stringify(post.body);
}

describe('the app keeps to Slack’s rules', () => {
  let world: TestWorld;
  let app: AppUnderTest;
  let driver: SlackDriver;

  beforeAll(async () => {
    // #lobby: public, without the bot.
    world = await createTestWorld({ channels: [...DEFAULT_CHANNELS, { id: 'C0LOBBY', name: 'lobby', members: [GRACE] }] });
    ({ app, driver } = await world.start());
  });
  afterAll(async () => {
    await world.close();
  });

  it('answers in a DM between two people and in a group DM it is not part of, through the response_url', async () => {
    for (const channel of ['D0GRACELIN', 'G0TRIO']) {
      const res = await driver.command(GRACE, channel, '/occupancy', 'building 71');
      expect(res.status).toBe(200);
      const post = await world.slack.waitForResponse(res.responseUrlId, (p) => JSON.stringify(p.body).includes('DEMO'), PATIENCE_MS);
      expect(post.status).toBe(200);
    }
  });

  it('refuses a digest in a DM between people or a group DM without the bot, saying why', async () => {
    expect(await answer(world, driver, GRACE, 'D0GRACELIN', 'digest add building 71 at 08:00')).toContain("I can't post in a direct message between other people");
    expect(await answer(world, driver, GRACE, 'G0TRIO', 'digest add building 71 at 08:00')).toContain("I'm not part of this group DM");
    expect(await app.store.digests.listByTeam(TEAM)).toEqual([]);
  });

  it('sets a digest up in the DM with the bot (conversations.info there needs im:read, which the manifest asks for)', async () => {
    const dm = world.slack.state.openIm(GRACE);
    expect(await answer(world, driver, GRACE, dm.id, 'digest add building 71 at 08:00')).toMatch(/Digest #\d+ is set up/);
    const stored = await app.store.digests.listByTeam(TEAM);
    expect(stored.map((d) => d.channelId)).toContain(dm.id);
    for (const d of stored) await app.store.digests.delete(TEAM, d.id);
  });

  it('joins a public channel an alert rule posts to, so the rule’s messages can be edited later', async () => {
    expect(world.slack.state.isBotMember(world.slack.state.getChannel('C0RANDOM')!)).toBe(false);
    expect(await answer(world, driver, GRACE, 'C0GENERAL', 'subscribe building 71 above 130 for 2h <#C0RANDOM|random>')).toMatch(/Alert #\d+/);
    expect(world.slack.state.isBotMember(world.slack.state.getChannel('C0RANDOM')!)).toBe(true);
  });

  it('opens App Home many times a minute within conversation-read tiers, and says so when Slack asks it to slow down', async () => {
    await answer(world, driver, GRACE, 'C0GENERAL', 'digest add building 71 at 08:00');
    const before = world.slack.callsTo('users.conversations').length;
    for (let i = 0; i < 60; i += 1) {
      const res = await driver.appHomeOpened(GRACE);
      expect(res.status).toBe(200);
    }
    await world.slack.waitFor(() => world.slack.callsTo('views.publish').length >= 60, PATIENCE_MS);
    const reads = world.slack.callsTo('users.conversations').slice(before);
    // Kept for a minute: far under Tier 3, and none of them refused.
    expect(reads.length).toBeLessThan(10);
    expect(reads.every((c) => c.status === 200)).toBe(true);
    const homeText = () => JSON.stringify(world.slack.state.views.home(GRACE)?.definition ?? {});
    expect(homeText()).toContain('Digest #');

    world.clock.advance(2 * 60_000);
    world.slack.failNext('users.conversations', { status: 429, retryAfter: 30 });
    const published = world.slack.callsTo('views.publish').length;
    await driver.appHomeOpened(GRACE);
    await world.slack.waitFor(() => world.slack.callsTo('views.publish').length > published, PATIENCE_MS);
    expect(homeText()).toContain("Slack didn't tell me which channels you're in just now");
  });

  it('pauses a digest that Slack refuses in a way that will repeat, and tells its creator once', async () => {
    for (const d of await app.store.digests.listByTeam(TEAM)) await app.store.digests.delete(TEAM, d.id);
    const text = await answer(world, driver, GRACE, 'C0FACILITY', 'digest add building 71 at 08:00 daily');
    const id = Number(/Digest #(\d+)/.exec(text)?.[1]);
    // An announcement-only channel: every post is refused the same way.
    world.slack.failNext('chat.postMessage', { error: 'restricted_action' });
    world.clock.set(Date.parse('2026-11-26T13:00:30Z'));
    await app.digests.runDue();
    expect(await app.store.digests.get(TEAM, id)).toMatchObject({ status: 'paused', pausedReason: 'restricted_action' });
    const dm = world.slack.state.openIm(GRACE);
    const told = () => world.slack.state.timeline(dm.id).filter((m) => m.text.includes(`I paused digest #${id}`));
    await world.slack.waitFor(() => told().length === 1, PATIENCE_MS);
    expect(told()[0]!.text).toContain('only some people may post in');
    expect(told()[0]!.text).not.toMatch(/try again/i);
    // The next day nothing is attempted and nothing more is said.
    world.clock.set(Date.parse('2026-11-27T13:00:30Z'));
    const posts = world.slack.callsTo('chat.postMessage').length;
    await app.digests.runDue();
    expect(world.slack.callsTo('chat.postMessage').length).toBe(posts);
    expect(told()).toHaveLength(1);
  });

  it('tells the user by direct message, saying why, where it cannot show them an ephemeral', async () => {
    const res = await driver.command(GRACE, 'C0LOBBY', '/occupancy', 'subscribe');
    expect(res.status).toBe(200);
    await world.slack.waitFor(() => world.slack.state.views.stack(GRACE).length > 0, PATIENCE_MS);
    const viewId = world.slack.state.views.stack(GRACE)[0]!.id;
    const submitted = await driver.viewSubmission(GRACE, viewId, formValues({ id: '71', threshold: '130', duration: '2' }));
    expect(submitted.status).toBe(200);
    const dm = world.slack.state.openIm(GRACE);
    const note = await world.slack.waitFor(
      () => world.slack.state.timeline(dm.id).find((m) => JSON.stringify(m.blocks ?? []).includes("I couldn't show this to you in <#C0LOBBY>")), PATIENCE_MS);
    expect(note.text).toMatch(/Alert #\d+/);
    expect(world.slack.callsTo('chat.postEphemeral').some((c) => c.args.channel === 'C0LOBBY' && c.response?.error === 'not_in_channel')).toBe(true);
  });
});
