import type { SlackDriver, ViewValues } from '../../../dev/slack';
import { DIGEST_FIELDS as F } from '../../../src/slack/blocks/ids';
import type { AppUnderTest } from '../app/harness';
import { textOf } from '../app/harness';
import { slotInstant } from '../../../src/services/digests';
import { answerTo, createDigestWorld, USERS, type DigestWorld } from './app-harness';
import { PATIENCE_MS } from '../../support/patience';

const TORONTO = 'America/Toronto';
const at = (date: string, time: string) => slotInstant(date, time, TORONTO);

/**
 * `digest history`, `digest preview`, and the last runs in `digest list` and on App Home, through
 * the real app over HTTP: one run sent, the next missed while the bot was away.
 */
describe('digest history and preview through the real app', () => {
  let world: DigestWorld;
  let app: AppUnderTest;
  let driver: SlackDriver;
  let id: number;
  let opsId: number;

  async function run(user: string, channel: string, text: string) {
    const res = await driver.command(user, channel, '/occupancy', text);
    expect(res.status).toBe(200);
    return answerTo(world, res);
  }
  const channelPosts = (channel: string) => world.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const dmTexts = (user: string) => {
    const dm = world.slack.state.listChannels().find((c) => c.isIm && c.imUser === user);
    return dm ? world.slack.state.timeline(dm.id).filter((m) => m.user === world.slack.bot.userId).map((m) => m.text) : [];
  };

  beforeAll(async () => {
    world = await createDigestWorld();
    ({ app, driver } = await world.start());
    id = Number(/Digest #(\d+)/.exec((await run(USERS.grace, 'C0FACILITY', 'digest add building 71 at 08:00 daily')).text)?.[1]);
    opsId = Number(/Digest #(\d+)/.exec((await run(USERS.grace, 'C0OPS', 'digest add building 71 at 08:00 daily')).text)?.[1]);
    // Thu: sent on time. Fri: the bot was away from 07:55 to 09:00, beyond the 30 min grace window.
    world.clock.set(at('2026-11-26', '08:00'));
    await app.digests.runDue();
    world.clock.set(at('2026-11-27', '09:00'));
    await app.digests.runDue();
  });
  afterAll(async () => {
    await world.close();
  });

  it('has every run in the store with its outcome, and told the creator of the skipped one once', async () => {
    expect(await app.store.digestRuns.get(id, '2026-11-26')).toMatchObject({ state: 'sent', lateMinutes: 0 });
    expect(await app.store.digestRuns.get(id, '2026-11-27')).toMatchObject({ state: 'skipped', reason: 'missed', lateMinutes: 60 });
    const told = dmTexts(USERS.grace).filter((t) => t.includes(`Digest #${id}'s run for Fri 27 Nov`));
    expect(told).toEqual([expect.stringContaining('came back 1 h later')]);
  });

  it('`digest history` lists the runs newest first, with local and reader times, and why one was skipped', async () => {
    const { text, json } = await run(USERS.linus, 'C0FACILITY', `digest history ${id}`);
    expect(text).toBe(`Digest #${id}, last 2 runs: 1 skipped, 1 sent`);
    const friday = json.indexOf('⏭️ *Fri 27 Nov* · skipped, recorded Fri 27 Nov 09:00 America/Toronto (<!date^');
    const thursday = json.indexOf('✅ *Thu 26 Nov* · sent Thu 26 Nov 08:00 America/Toronto (<!date^');
    expect(friday).toBeGreaterThan(0);
    expect(thursday).toBeGreaterThan(friday);
    expect(json).toContain("I wasn't running at the scheduled time and came back 1 h later");
  });

  it('lists the last runs in `digest list` rows and on App Home', async () => {
    const { json } = await run(USERS.grace, 'C0FACILITY', 'digest list');
    expect(json).toContain('Last runs: ⏭️ Fri 27 Nov skipped · ✅ Thu 26 Nov sent');
    await driver.appHomeOpened(USERS.grace);
    const home = await world.slack.waitFor(() => {
      const v = world.slack.state.views.home(USERS.grace);
      return v && textOf(v.definition.blocks).includes(`*Digest #${id}*`) ? v : undefined;
    }, PATIENCE_MS);
    expect(textOf(home.definition.blocks)).toContain('Last runs: ⏭️ Fri 27 Nov skipped · ✅ Thu 26 Nov sent');
  });

  it('`digest preview` shows only the asker exactly what the channel would get, marked as a preview, posting and recording nothing', async () => {
    const posted = channelPosts('C0FACILITY').length;
    const runs = (await app.store.digestRuns.listForDigest(id)).length;
    const res = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', `digest preview ${id}`);
    expect(res.status).toBe(200);
    const first = await world.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    const body = first.body as { text: string; response_type?: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(/^Preview: Occupancy for /);
    expect(JSON.stringify(body.blocks[0])).toContain(`Preview of digest #${id}*, shown only to you: this is what <#C0FACILITY> would get if it ran now`);
    // The rest is the channel's own digest, block for block (its last post: the same content builder).
    const sent = channelPosts('C0FACILITY').at(-1)!.args as { blocks: unknown };
    const sentBlocks = (typeof sent.blocks === 'string' ? JSON.parse(sent.blocks) : sent.blocks) as { type: string }[];
    expect(body.blocks.slice(1).map((b) => (b as { type: string }).type)).toEqual(sentBlocks.map((b) => b.type));
    expect(channelPosts('C0FACILITY')).toHaveLength(posted);
    expect(await app.store.digestRuns.listForDigest(id)).toHaveLength(runs);
  });

  it('"Send me a preview" in the form saves the digest, then shows its creator the preview in the channel, posting and recording nothing', async () => {
    const before = world.slack.callsTo('views.open').length;
    await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest');
    const call = await world.slack.waitFor(() => world.slack.callsTo('views.open')[before]?.response && world.slack.callsTo('views.open')[before], PATIENCE_MS);
    const viewId = (call.response as { view: { id: string } }).view.id;
    await world.slack.waitFor(() => world.slack.state.views.get(viewId)?.definition.submit !== undefined, PATIENCE_MS);
    const demo = (await driver.blockSuggestion(USERS.grace, viewId, F.buildings.actionId, 'demo')).pick('DEMO (71)');
    const opt = (v: string) => ({ value: v, text: { type: 'plain_text', text: v } });
    const values: ViewValues = {
      [F.channel.blockId]: { [F.channel.actionId]: { selected_conversation: 'C0FACILITY' } },
      [F.buildings.blockId]: { [F.buildings.actionId]: { selected_options: [demo] } },
      [F.time.blockId]: { [F.time.actionId]: { selected_time: '07:00' } },
      [F.days.blockId]: { [F.days.actionId]: { selected_options: [opt('1')] } },
      [F.timeZone.blockId]: { [F.timeZone.actionId]: { value: '' } },
      [F.content.blockId]: { [F.content.actionId]: { selected_options: [opt('chart')] } },
      [F.options.blockId]: { [F.options.actionId]: { selected_options: [opt('preview')] } },
    };
    const posted = channelPosts('C0FACILITY').length;
    const res = await driver.viewSubmission(USERS.grace, viewId, values);
    expect(res.body).toBeUndefined();
    const saved = (await app.store.digests.listByTeam('T0LOCAL')).at(-1)!;
    expect(saved).toMatchObject({ timeOfDay: '07:00', options: { chart: true, skipWhenNoData: false } });
    const preview = await world.slack.waitFor(
      () => world.slack.state.messagesFor('C0FACILITY', USERS.grace).find((m) => JSON.stringify(m.blocks).includes(`Preview of digest #${saved.id}*`)),
      PATIENCE_MS,
    );
    expect(preview.text).toMatch(/^Preview: Occupancy for /);
    // Only Grace sees it: nobody else's view of the channel has it, and nothing was posted or recorded.
    expect(world.slack.state.messagesFor('C0FACILITY', USERS.linus).some((m) => JSON.stringify(m.blocks).includes('Preview of digest'))).toBe(false);
    expect(channelPosts('C0FACILITY')).toHaveLength(posted);
    expect(await app.store.digestRuns.listForDigest(saved.id)).toEqual([]);
  });

  it('refuses history and preview to someone outside the digest’s channel, and a digest that does not exist', async () => {
    for (const verb of ['history', 'preview']) {
      const refused = await run(USERS.linus, 'C0GENERAL', `digest ${verb} ${opsId}`);
      expect(refused.text).toContain('Only members of <#C0OPS> or an admin');
      const missing = await run(USERS.grace, 'C0FACILITY', `digest ${verb} 999`);
      expect(missing.text).toContain("couldn't find digest #999");
    }
  });
});
