/**
 * Ranges through the real app: `/occupancy building 71 last week` and friends against the
 * embedded Slack and the simulator, at TEST_NOW (Wed 25 Nov 2026, Tue 24 Nov published).
 */
import { runInNewContext } from 'node:vm';
import { shareAnswer, startTestApp, type TestApp } from './harness';
import { commandAsker } from './ask';
import { PATIENCE_MS } from '../../support/patience';
import { checkMessageLimits as blockLimitViolations } from '../../support/block-limits';
import { decodeReportValue } from '../../../src/slack/blocks/values';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

type Block = { type: string; image_url?: string; elements?: { action_id?: string; value?: string; text?: { text: string } }[] };
type Body = { text: string; blocks: Block[]; response_type?: string; replace_original?: boolean };

/** The Chart.js config inside a QuickChart URL: a JavaScript object literal (quickchart-js writes it so), read in a sandbox. */
function chartConfig(blocks: readonly Block[]): { data: { labels: string[]; datasets: { label: string; data: (number | null)[] }[] } } {
  const image = blocks.find((b) => b.type === 'image');
  if (!image?.image_url) throw new Error('no chart image');
  return runInNewContext(`(${new URL(image.image_url).searchParams.get('c') ?? 'null'})`, {}, { timeout: 1000 }) as ReturnType<typeof chartConfig>;
}

/** The average while occupied, worked out here from the rows: summed per hour (a building reported per site adds up), then the hours with anyone present. */
function occupiedMean(rows: readonly { start: number; occupancyMean: number }[]): number {
  const perHour = new Map<number, number>();
  for (const r of rows) perHour.set(r.start, (perHour.get(r.start) ?? 0) + r.occupancyMean);
  const occupied = [...perHour.values()].filter((v) => v > 0);
  if (occupied.length === 0) throw new Error('nobody present in those hours');
  return occupied.reduce((a, b) => a + b, 0) / occupied.length;
}

function buttons(blocks: readonly Block[]) {
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
}

describe('/occupancy building|zone <range>', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const ask = commandAsker<Body>(() => t, USER, CHANNEL);

  it('answers last week: Monday to Sunday, daily bars, the figures, buttons, one document once the estate is known', async () => {
    await ask('building 71 2026-11-10'); // the estate, cached for the rest
    const { body, json, cost, ack } = await ask('building 71 last week');
    expect(ack).toBeUndefined();
    expect(cost).toBe(1);
    expect(json).toContain('DEMO (71) · Mon 16 – Sun 22 Nov');
    for (const words of ['*Average while occupied*', '*24-hour average*', '*Peak*', '*Busiest day*', '*Quietest weekday*', '*vs the week before*', '*Weekdays:* Mon ']) expect(json).toContain(words);
    expect(json).toMatch(/\*Average while occupied\*\\n\d+ people \(\d+% of capacity\), \d\d:00–\d\d:00 on weekdays/);
    expect(blockLimitViolations(body)).toEqual([]);
    const config = chartConfig(body.blocks);
    expect(config.data.labels).toEqual(['Mon 16', 'Tue 17', 'Wed 18', 'Thu 19', 'Fri 20', 'Sat 21', 'Sun 22']);
    expect(config.data.datasets[0]!.data.every((v) => typeof v === 'number')).toBe(true);
    const ids = buttons(body.blocks).map((b) => b.action_id);
    expect(ids).toEqual(['occupancy_prev_day', 'occupancy_next_day', 'occupancy_share', 'occupancy_alert_me']);
    const prev = decodeReportValue(buttons(body.blocks)[0]!.value);
    expect(prev?.range).toEqual({ from: '2026-11-09', to: '2026-11-15', unit: 'week' });
    // The week after stops at the latest published day.
    const next = decodeReportValue(buttons(body.blocks)[1]!.value);
    expect(next?.range).toEqual({ from: '2026-11-23', to: '2026-11-24', unit: 'week' });
    // The bars agree with the day answers: each day's bar is that day's average while occupied.
    const tuesday = occupiedMean(await t.app.innerspace.buildingInsights({ ids: [71], from: 20261117, to: 20261117, granularity: 'PT1H' }));
    expect(config.data.datasets[0]!.data[1]).toBe(Math.round(tuesday));
    const answer = await ask('building 71 2026-11-17');
    expect(answer.json).toContain(`*Average while occupied*\\n${Math.round(tuesday)} people`);
  });

  it('answers last 4 weeks with 28 daily bars ending at the latest published day', async () => {
    const { body, json, cost } = await ask('building 71 last 4 weeks');
    expect(cost).toBe(1);
    expect(json).toContain('Wed 28 Oct – Tue 24 Nov');
    const config = chartConfig(body.blocks);
    expect(config.data.labels).toHaveLength(28);
    expect(config.data.labels[0]).toBe('28 Oct');
    expect(json).toContain('vs the 4 weeks before');
    expect(json).toContain('◀ Previous 4 weeks');
    expect(blockLimitViolations(body)).toEqual([]);
  });

  it('answers a date range over five weeks with weekly bars of the occupied hours of each week', async () => {
    const { body, json } = await ask('building 71 2026-10-01..2026-11-20');
    expect(json).toContain('Thu 1 Oct – Fri 20 Nov');
    const config = chartConfig(body.blocks);
    // Thu 1–Sun 4 Oct, six whole weeks, then Mon 16–Fri 20 Nov.
    expect(config.data.labels).toEqual(['1 Oct', '5 Oct', '12 Oct', '19 Oct', '26 Oct', '2 Nov', '9 Nov', '16 Nov']);
    // Each whole week's bar is the mean of that week's hourly buckets with anyone present.
    const bars = config.data.datasets[0]!.data;
    const weeks = [[20261005, 20261011], [20261012, 20261018], [20261019, 20261025], [20261026, 20261101], [20261102, 20261108], [20261109, 20261115]] as const;
    for (const [i, [monday, sunday]] of weeks.entries()) {
      const hours = await t.app.innerspace.buildingInsights({ ids: [71], from: monday, to: sunday, granularity: 'PT1H' });
      expect(bars[i + 1]).toBe(Math.round(occupiedMean(hours)));
    }
    expect(blockLimitViolations(body)).toEqual([]);
  });

  it('answers a whole year, week by week, in one document', async () => {
    await ask('building 71 2026-11-10'); // the estate, should this test run alone
    const { body, json, cost } = await ask('building 71 2025-11-25..2026-11-24');
    expect(cost).toBe(1);
    expect(json).toContain('Tue 25 Nov 2025 – Tue 24 Nov 2026');
    // Tue 25–Sun 30 Nov 2025, 51 whole weeks, then Mon 23–Tue 24 Nov 2026.
    expect(chartConfig(body.blocks).data.labels).toHaveLength(53);
    expect(blockLimitViolations(body)).toEqual([]);
  });

  it('moves to the previous and next period in place', async () => {
    await ask('building 71 last week');
    const titled = (span: string) => (m: unknown) => JSON.stringify(m).includes(`DEMO (71) · ${span}`);
    const posted = t.slack.state.messagesFor(CHANNEL, USER).filter(titled('Mon 16 – Sun 22 Nov'));
    const message = posted[posted.length - 1]!;
    const prev = await t.driver.blockAction(USER, CHANNEL, { messageTs: message.ts }, { action_id: 'occupancy_prev_day' });
    const earlier = await t.slack.waitForResponse(prev.responseUrlId, undefined, PATIENCE_MS);
    const earlierBody = earlier.body as Body;
    expect(earlierBody.replace_original).toBe(true);
    expect(JSON.stringify(earlierBody)).toContain('Mon 9 – Sun 15 Nov');

    // Replaced in place: the message that showed last week now shows the week before.
    await t.slack.waitFor(() => t.slack.state.messagesFor(CHANNEL, USER).some((m) => m.ts === message.ts && titled('Mon 9 – Sun 15 Nov')(m)));
    const moved = t.slack.state.messagesFor(CHANNEL, USER).find((m) => m.ts === message.ts)!;
    const next = await t.driver.blockAction(USER, CHANNEL, { messageTs: moved.ts }, { action_id: 'occupancy_next_day' });
    const later = await t.slack.waitForResponse(next.responseUrlId, undefined, PATIENCE_MS);
    expect(JSON.stringify(later.body)).toContain('Mon 16 – Sun 22 Nov');
  });

  it('shares a range in the channel, credited, without buttons', async () => {
    await ask('building 71 last month');
    const { json } = await shareAnswer(t, USER, CHANNEL, 'Thu 1 – Sat 31 Oct');
    expect(json).toContain('Thu 1 – Sat 31 Oct');
    expect(json).toContain(`<@${USER}>`);
    expect(json).not.toContain('occupancy_share');
  });

  it('answers a zone over this week, stopping at the latest published day', async () => {
    const zone = (await t.app.innerspace.zones({ siteIds: (await t.app.innerspace.sites(71)).map((s) => s.id) }))[0]!;
    const { json, body } = await ask(`zone ${zone.id} this week`);
    expect(json).toContain(`(${zone.id}) · Mon 23 – Tue 24 Nov`);
    expect(json).toContain('Up to Tue 24 Nov, the latest published day (the period runs to Sun 29 Nov)');
    // Monday and Tuesday so far, against the same days of last week.
    expect(json).toContain('vs Mon 16 – Tue 17 Nov');
    expect(blockLimitViolations(body)).toEqual([]);
  });

  it('refuses ranges that end in the future, and says when nothing of a range is published yet', async () => {
    const future = await ask('building 71 2026-11-20..2026-12-10');
    expect(future.body.text).toContain('ends in the future');
    const notYet = await ask('building 71 2026-11-25..2026-11-25');
    expect(notYet.body.text).toContain('No day of `2026-11-25..2026-11-25` (Wed 25 Nov) is published yet for building 71. The latest published day is Tue 24 Nov');
    // Refused before anything is looked up: the ack is the whole answer.
    const backwards = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71 2026-11-20..2026-11-01');
    expect(backwards.body).toEqual(expect.objectContaining({ text: expect.stringContaining('ends (Sun 1 Nov) before it starts (Fri 20 Nov)') }));
    const long = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71 2025-01-01..2026-11-01');
    expect(long.body).toEqual(expect.objectContaining({ text: expect.stringContaining('longer than a year') }));
  });
});
