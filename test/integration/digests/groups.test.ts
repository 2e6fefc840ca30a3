/**
 * A digest of one group, through the real app against the simulator: `digest add … group
 * <name>` stores the group's id, `digest list` names the group, and what is sent is that
 * group's occupancy, named in the heading and the stamp. A name that fits no group stores
 * nothing.
 */
import type { RunningApp } from '../../../src/app';
import type { SlackDriver } from '../../../dev/slack';
import { SIM_DATASET } from '../../../dev/simulator';
import { answerTo, createDigestWorld, USERS, type DigestWorld } from './app-harness';

const TEAM = 'T0LOCAL';
const SALES = SIM_DATASET.groups.find((g) => g.name === 'Sales')!;

describe('digests of one group', () => {
  let world: DigestWorld;
  let app: RunningApp;
  let driver: SlackDriver;

  beforeAll(async () => {
    world = await createDigestWorld();
    ({ app, driver } = await world.start());
  });
  afterAll(async () => {
    await world.close();
  });

  async function run(text: string) {
    const res = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', text);
    expect(res.status).toBe(200);
    return answerTo(world, res);
  }
  const stored = () => app.store.digests.listByTeam(TEAM);

  /** Sends digest `id` now and returns what went to the channel. */
  async function sendNow(id: number): Promise<{ text: string; blocks: string }> {
    const before = world.slack.callsTo('chat.postMessage').length;
    const sent = await run(`digest send ${id}`);
    expect(sent.text).toContain(`Digest #${id} went to <#C0FACILITY>`);
    const post = world.slack.callsTo('chat.postMessage').slice(before).find((c) => c.args.channel === 'C0FACILITY');
    expect(post).toBeDefined();
    return { text: String(post!.args.text), blocks: JSON.stringify(post!.args.blocks) };
  }
  const average = (text: string): number => Number(/avg ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);

  it('stores the group, lists it, and sends that group’s occupancy, saying whose it is', async () => {
    const added = await run('digest add building DEMO group sales at 08:00 weekdays');
    expect(added.text).toMatch(/Digest #\d+ is set up\./);
    expect(added.text).toContain('group Sales');
    const digest = (await stored()).at(-1)!;
    expect(digest).toMatchObject({ buildingIds: [71], groupId: SALES.id });

    const everyone = (await run('digest add building 71 at 08:00 weekdays')).text;
    const everyoneId = Number(/Digest #(\d+)/.exec(everyone)![1]);
    expect((await app.store.digests.get(TEAM, everyoneId))?.groupId).toBeNull();

    const list = await run('digest list');
    expect(list.json).toContain(`Digest #${digest.id}`);
    expect(list.json).toContain('· group Sales');

    const sales = await sendNow(digest.id);
    expect(sales.text).toContain('Occupancy for Tue 24 Nov (Sales)');
    expect(sales.blocks).toContain('📊 Occupancy for Tue 24 Nov · Sales');
    expect(sales.blocks).toContain('· group Sales · digest #');
    const all = await sendNow(everyoneId);
    expect(all.blocks).not.toContain('Sales');
    // The simulator gives Sales 23% of everyone's occupancy.
    expect(average(sales.text)).toBeGreaterThan(0);
    expect(average(sales.text)).toBeLessThan(average(all.text) * 0.4);
  });

  it('a weekly digest of one group sends that group’s last week, with the figures `building 71 last week group sales` gives', async () => {
    const added = await run('digest add building 71 weekly on monday at 09:00 group sales');
    expect(added.text).toMatch(/Digest #\d+ is set up\./);
    const digest = (await stored()).at(-1)!;
    expect(digest).toMatchObject({ cadence: 'weekly', groupId: SALES.id });
    const sales = await sendNow(digest.id);
    expect(sales.blocks).toContain('📊 Occupancy last week');
    expect(sales.blocks).toContain(' · Sales');
    expect(sales.blocks).toContain('· group Sales · digest #');
    const asked = JSON.stringify(JSON.parse((await run('building 71 last week group sales')).json));
    const everyone = JSON.stringify(JSON.parse((await run('building 71 last week')).json));
    const averageOf = (json: string) => /Average while occupied\*\\n([\d,]+) people/.exec(json)?.[1];
    expect(averageOf(sales.blocks)).toBeDefined();
    expect(averageOf(sales.blocks)).toBe(averageOf(asked));
    expect(averageOf(sales.blocks)).not.toBe(averageOf(everyone));
  });

  it('refuses a group that fits none, storing nothing', async () => {
    const before = (await stored()).length;
    const refused = await run('digest add building 71 group marketing');
    expect(refused.text).toContain('I couldn\'t find a group called "marketing"');
    expect(refused.text).toContain('Sales');
    expect(await stored()).toHaveLength(before);
  });
});
