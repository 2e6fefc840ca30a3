/**
 * `/occupancy compare …` through the real app: signed commands into Bolt, the simulator over
 * loopback, answers at the embedded Slack's response_url, at TEST_NOW (Wed 25 Nov 2026).
 */
import { runInNewContext } from 'node:vm';
import { shareAnswer, startTestApp, type TestApp } from './harness';
import { commandAsker } from './ask';
import { PATIENCE_MS } from '../../support/patience';
import { checkMessageLimits } from '../../support/block-limits';
import { decodeCompareValue } from '../../../src/slack/blocks/values';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

type Block = { type: string; image_url?: string; text?: { text: string }; fields?: { text: string }[]; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };
type Body = { text: string; blocks: Block[]; response_type?: string; replace_original?: boolean };
type Config = { type: string; data: { labels: string[]; datasets: { type: string; label: string; data: (number | null)[] }[] } };

function chartConfig(blocks: readonly Block[]): Config {
  const image = blocks.find((b) => b.type === 'image');
  if (!image?.image_url) throw new Error('no chart image');
  return runInNewContext(`(${new URL(image.image_url).searchParams.get('c') ?? 'null'})`, {}, { timeout: 1000 }) as Config;
}

const buttons = (blocks: readonly Block[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const fieldTexts = (blocks: readonly Block[]) => blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);

/** The average while occupied of some rows, worked out here: summed per hour, then the hours with anyone present. */
function occupiedMean(rows: readonly { start: number; occupancyMean: number }[]): number {
  const perHour = new Map<number, number>();
  for (const r of rows) perHour.set(r.start, (perHour.get(r.start) ?? 0) + r.occupancyMean);
  const occupied = [...perHour.values()].filter((v) => v > 0);
  return occupied.reduce((a, b) => a + b, 0) / occupied.length;
}

describe('/occupancy compare', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const ask = commandAsker<Body>(() => t, USER, CHANNEL);

  it('compares buildings on a day, each in its own time zone, in one document once the estate is known', async () => {
    await ask('building 71 2026-11-10'); // the estate, cached for the rest
    const { body, json, cost } = await ask('compare 71 104 2026-11-23');
    expect(cost).toBe(1);
    expect(json).toContain('🏢 DEMO vs Southwark Works · Mon 23 Nov (each in its own time zone)');
    const fields = fieldTexts(body.blocks);
    expect(fields).toHaveLength(2);
    expect(fields[0]).toMatch(/^\*DEMO \(71\)\*\nAvg \d+ while occupied \(\d+% of capacity\), \d\d:00–\d\d:00\nPeak \d+ at \d\d:00\nBusiest hour \d\d:00–\d\d:00\n[▲▼=]/);
    expect(fields[1]).toContain('*Southwark Works (104)*');
    // The figure is the day answer's: the average while occupied of that day's hours.
    const rows = await t.app.innerspace.buildingInsights({ ids: [104], from: 20261123, to: 20261123, granularity: 'PT1H' });
    expect(fields[1]).toContain(`Avg ${Math.round(occupiedMean(rows))} while occupied`);
    const config = chartConfig(body.blocks);
    expect(config.type).toBe('line');
    expect(config.data.datasets.map((d) => d.label)).toEqual(['DEMO (71)', 'Southwark Works (104)']);
    expect(config.data.labels[0]).toBe('06');
    expect(buttons(body.blocks).map((b) => b.action_id)).toEqual(['occupancy_prev_day', 'occupancy_next_day', 'occupancy_share']);
    expect(decodeCompareValue(buttons(body.blocks)[0]!.value)).toEqual({ compare: 'building', ids: [71, 104], date: '2026-11-22' });
    expect(checkMessageLimits(body)).toEqual([]);
  });

  it('shows each building its own latest day without a date, and says so', async () => {
    const { json, body, cost } = await ask('compare 71 104 118');
    expect(cost).toBe(1);
    expect(json).toMatch(/DEMO vs Southwark Works vs Barangaroo Tower · (the latest published day of each|\w{3} \d+ \w{3} \(each in its own time zone\))/);
    expect(fieldTexts(body.blocks)).toHaveLength(3);
    expect(chartConfig(body.blocks).data.datasets).toHaveLength(3);
  });

  it('compares zones over a range with a bar series each, and steps to the week before in place', async () => {
    const zones = (await t.app.innerspace.zones({ siteIds: (await t.app.innerspace.sites(71)).map((s) => s.id) })).slice(0, 2);
    const { body, json, cost } = await ask(`compare ${zones[0]!.id} ${zones[1]!.id} last week`);
    // Both zones' latest-day lookups, ranges and comparison periods: one document.
    expect(cost).toBe(1);
    expect(json).toContain('📍');
    expect(json).toContain('Mon 16 – Sun 22 Nov');
    const fields = fieldTexts(body.blocks);
    expect(fields[0]).toContain('Busiest day');
    expect(fields[0]).toMatch(/vs the period before/);
    const config = chartConfig(body.blocks);
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual(['Mon 16', 'Tue 17', 'Wed 18', 'Thu 19', 'Fri 20', 'Sat 21', 'Sun 22']);
    expect(config.data.datasets).toHaveLength(2);
    expect(checkMessageLimits(body)).toEqual([]);

    const posted = t.slack.state.messagesFor(CHANNEL, USER).filter((m) => JSON.stringify(m).includes('Mon 16 – Sun 22 Nov') && JSON.stringify(m).includes('📍'));
    const message = posted[posted.length - 1]!;
    const prev = await t.driver.blockAction(USER, CHANNEL, { messageTs: message.ts }, { action_id: 'occupancy_prev_day' });
    const earlier = await t.slack.waitForResponse(prev.responseUrlId, undefined, PATIENCE_MS);
    expect((earlier.body as Body).replace_original).toBe(true);
    expect(JSON.stringify(earlier.body)).toContain('Mon 9 – Sun 15 Nov');
  });

  it("compares six zones over twelve weeks with weekly bars, within Slack's limits", async () => {
    const zones = (await t.app.innerspace.zones({ siteIds: (await t.app.innerspace.sites(71)).map((s) => s.id) })).slice(0, 6);
    expect(zones).toHaveLength(6);
    const { body, json } = await ask(`compare zones ${zones.map((z) => z.id).join(' ')} 2026-08-31..2026-11-22`);
    expect(json).toContain('Mon 31 Aug – Sun 22 Nov');
    expect(fieldTexts(body.blocks)).toHaveLength(6);
    const config = chartConfig(body.blocks);
    expect(config.data.labels).toHaveLength(12);
    expect(config.data.datasets).toHaveLength(6);
    expect(checkMessageLimits(body)).toEqual([]);
  });

  it('shares a comparison in the channel, credited, without buttons', async () => {
    await ask('compare DEMO southwark 2026-11-20');
    const { json } = await shareAnswer(t, USER, CHANNEL, 'DEMO vs Southwark Works · Fri 20 Nov');
    expect(json).toContain('DEMO vs Southwark Works · Fri 20 Nov');
    expect(json).toContain(`<@${USER}>`);
    expect(json).not.toContain('occupancy_share');
  });

  it('stops this week at the latest published day, and says so', async () => {
    const { json } = await ask('compare 71 104 this week');
    expect(json).toContain('Mon 23 – Tue 24 Nov');
    expect(json).toContain('Up to Tue 24 Nov, the latest published day (the period runs to Sun 29 Nov)');
  });

  it('names the subject it could not find, refuses a mix, too many and the same one twice', async () => {
    const unknown = await ask('compare 71 7100');
    expect(unknown.body.text).toContain("I couldn't find building 7100.");
    const unknownName = await ask('compare 71 nowhereville');
    expect(unknownName.json).toContain("I couldn't find a building called `nowhereville`");
    const mixed = await ask('compare 71 71001');
    expect(mixed.body.text).toContain('I compare buildings with buildings and zones with zones, and that names building 71 and zone 71001.');
    const many = await ask('compare 71 104 118 131 12 13 14');
    expect(many.body.text).toContain("That's 7 buildings; I compare up to 6 at a time.");
    const twice = await ask('compare 71 104 71');
    expect(twice.body.text).toContain('You named building 71 twice.');
    // The same building by id and by name is found after the names are read.
    const sameByName = await ask('compare 71 DEMO');
    expect(sameByName.json).toContain('You named building 71 twice.');
  });

  it('offers the candidates of a name that fits several, as buttons that run the comparison', async () => {
    const zones = await t.app.innerspace.zones({ siteIds: (await t.app.innerspace.sites(71)).map((s) => s.id) });
    const word = zones.map((z) => z.name.split(' ')[0]!).find((w, i, all) => all.indexOf(w) !== i);
    if (word === undefined) throw new Error('the simulator has no two zones of building 71 sharing a first word');
    const { json, body } = await ask(`compare zones ${word} ${zones[0]!.id} yesterday`);
    expect(json).toContain('More than one zone matches');
    const choice = (body.blocks as unknown as { accessory?: { action_id: string; value: string } }[]).flatMap((b) => (b.accessory ? [b.accessory] : []))[0]!;
    expect(choice.action_id).toBe('occupancy_pick_name');
    expect(choice.value).toMatch(/^compare zones \d+ \d+ yesterday$/);
  });
});
