import { SIM_DATASET, isSimMissingDay, publishedThrough, startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { INSIGHT_FIELDS, NIL, NOW, client, mean, type InsightRow } from './helpers';

let sim: RunningSimulator;
let c: ReturnType<typeof client>;
let now = NOW;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => now });
  c = client(sim);
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  now = NOW;
});

const bi = (where: string, extra = '', fields = INSIGHT_FIELDS) =>
  c.rows<InsightRow>(`{ BUILDING_INSIGHTS(where: {${where}}${extra}) { ${fields} } }`);
const EVERYONE = `GROUP_ID: {_eq: "${NIL}"}`;
const isoOf = (p: number) => String(p).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
const partitionOf = (iso: string) => Number(iso.replace(/-/g, ''));
const dayMean = (rows: InsightRow[], partition: number) =>
  rows.filter((r) => r.DATE_PARTITION === partition).reduce((a, r) => a + r.OCCUPANCY_MEAN, 0);

describe('every insights root', () => {
  test('BUILDING_INSIGHTS: the documented example query answers one row per hour', async () => {
    const rows = await bi(`BUILDING_ID: {_eq: 71}, SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_eq: 20250501}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}`, ', order_by: {DATE_TIME_START: asc}');
    expect(rows.length).toBe(24);
    expect(rows[8]).toMatchObject({ BUILDING_ID: 71, SITE_ID: 900000222, DATE_PARTITION: 20250501, DATE_TIME_START: '2025-05-01T08:00:00-04:00', GRANULARITY: 'PT1H', GROUP_ID: NIL });
    for (const r of rows) expect(r.OCCUPANCY_MAX).toBeGreaterThanOrEqual(r.OCCUPANCY_MEAN);
  });

  test('ZONE_INSIGHTS by zone ids, ordered and paged', async () => {
    const rows = await c.rows<InsightRow>(`{ ZONE_INSIGHTS(where: {ZONE_ID: {_in: [71002, 71011]}, DATE_PARTITION: {_eq: 20250506}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}},
      order_by: [{OCCUPANCY_MEAN: desc}, {ZONE_ID: asc}], limit: 3, offset: 1) { ZONE_ID SITE_ID BUILDING_ID OCCUPANCY_MEAN } }`);
    expect(rows.length).toBe(3);
    expect(rows[0]?.OCCUPANCY_MEAN).toBeGreaterThanOrEqual(rows[2]?.OCCUPANCY_MEAN ?? Infinity);
    for (const r of rows) expect(r.BUILDING_ID).toBe(71);
  });

  test('ZONE_TYPE_INSIGHTS by zone type', async () => {
    const rows = await c.rows<InsightRow>(`{ ZONE_TYPE_INSIGHTS(where: {ZONE_TYPE: {_eq: "cafe"}, DATE_PARTITION: {_eq: 20250506}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}}, order_by: {BUILDING_ID: asc}) { ZONE_TYPE BUILDING_ID SITE_ID OCCUPANCY_MEAN } }`);
    expect(rows.map((r) => r.BUILDING_ID)).toEqual([71, 104, 118, 131]);
    for (const r of rows) expect(r.ZONE_TYPE).toBe('cafe');
  });

  test('GROUP_ID filters strictly: each group its own smaller rows, an unknown group none', async () => {
    const where = (group: string) => `BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_eq: 20250506}, GRANULARITY: {_eq: "P1D"}, GROUP_ID: {_eq: "${group}"}`;
    const everyone = dayMean(await bi(where(NIL)), 20250506);
    expect(everyone).toBeGreaterThan(0);
    let departments = 0;
    for (const g of SIM_DATASET.groups.filter((x) => x.id !== NIL)) {
      const rows = await bi(where(g.id));
      expect(rows.every((r) => r.GROUP_ID === g.id)).toBe(true);
      const m = dayMean(rows, 20250506);
      expect(m).toBeCloseTo(everyone * g.share, 1);
      departments += m;
    }
    // The departments are part of everyone, not more.
    expect(departments).toBeLessThanOrEqual(everyone);
    expect(await bi(where('11111111-2222-4333-8444-555555555555'))).toEqual([]);
    expect(await bi(`BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_eq: 20250506}, GROUP_ID: {_in: ["11111111-2222-4333-8444-555555555555"]}`)).toEqual([]);
  });

  test('_or and _not work on insights too', async () => {
    const rows = await bi(`BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_eq: 20250506}, ${EVERYONE}, _or: [{GRANULARITY: {_eq: "P1D"}}, {_and: [{GRANULARITY: {_eq: "PT1H"}}, {_not: {OCCUPANCY_MEAN: {_lte: 60}}}]}]`);
    expect(rows.filter((r) => r.GRANULARITY === 'P1D').length).toBe(3);
    const hours = rows.filter((r) => r.GRANULARITY === 'PT1H');
    expect(hours.length).toBeGreaterThan(0);
    for (const h of hours) expect(h.OCCUPANCY_MEAN).toBeGreaterThan(60);
  });
});

describe('dates are building-local', () => {
  test.each([
    [71, 900000222, '-04:00'],
    [104, 900001040, '+01:00'],
    [118, 900001180, '+10:00'],
    [131, 900001310, '+05:30'],
  ])('building %i (site %i): every row of 20250506 starts on that local date with offset %s', async (building, site, offset) => {
    const rows = await bi(`SITE_ID: {_eq: ${site}}, DATE_PARTITION: {_eq: 20250506}, GRANULARITY: {_in: ["PT15M", "PT1H", "P1D"]}, ${EVERYONE}`, ', order_by: {DATE_TIME_START: asc}');
    expect(rows.length).toBe(96 + 24 + 1);
    for (const r of rows) {
      expect(r.BUILDING_ID).toBe(building);
      expect(r.DATE_TIME_START.slice(0, 10)).toBe('2025-05-06');
      expect(r.DATE_TIME_START.endsWith(offset)).toBe(true);
    }
    expect(rows[0]?.DATE_TIME_START).toBe(`2025-05-06T00:00:00${offset}`);
  });

  test('a DATE_TIME_START range alone selects the local day', async () => {
    const rows = await bi(`SITE_ID: {_eq: 900001180}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}, DATE_TIME_START: {_gte: "2025-05-06T00:00:00+10:00", _lt: "2025-05-07T00:00:00+10:00"}`);
    expect(rows.length).toBe(24);
    for (const r of rows) expect(r.DATE_PARTITION).toBe(20250506);
    const utc = await bi(`SITE_ID: {_eq: 900001180}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}, _and: [{DATE_TIME_START: {_gte: "2025-05-05T14:00:00Z"}}, {DATE_TIME_START: {_lt: "2025-05-05T16:00:00Z"}}]`);
    expect(utc.map((r) => r.DATE_TIME_START)).toEqual(['2025-05-06T00:00:00+10:00', '2025-05-06T01:00:00+10:00']);
  });

  test('without any date bound a query covers the last 31 published days', async () => {
    const rows = await bi(`SITE_ID: {_eq: 900000222}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}`, ', order_by: {DATE_PARTITION: asc}');
    expect(rows.length).toBe(31);
    expect(rows[30]?.DATE_PARTITION).toBe(partitionOf(publishedThrough(71, NOW)));
    expect(rows[0]?.DATE_PARTITION).toBe(20251020);
    const upperOnly = await bi(`SITE_ID: {_eq: 900000222}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}, DATE_PARTITION: {_lte: 20250531}`);
    expect(upperOnly.map((r) => r.DATE_PARTITION)).toEqual(Array.from({ length: 31 }, (_, i) => 20250501 + i));
  });
});

describe('publishing follows the injected clock', () => {
  const day = (partition: number) => bi(`SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_eq: ${partition}}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}`);

  test('a Toronto day appears at 04:00 local the next morning', async () => {
    now = new Date('2025-05-02T07:59:00Z'); // 03:59 EDT
    expect(await day(20250501)).toEqual([]);
    expect((await day(20250430)).length).toBe(24);
    now = new Date('2025-05-02T08:00:00Z');
    expect((await day(20250501)).length).toBe(24);
    expect(await day(20250502)).toEqual([]);
  });

  test('nothing after the published day is ever served, whatever the bounds', async () => {
    now = new Date('2025-05-02T08:00:00Z');
    const rows = await bi(`BUILDING_ID: {_in: [71, 118]}, DATE_PARTITION: {_gte: 20250425}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}`);
    const last = (b: number) => Math.max(...rows.filter((r) => r.BUILDING_ID === b).map((r) => r.DATE_PARTITION));
    expect(last(71)).toBe(20250501);
    expect(last(118)).toBe(partitionOf(publishedThrough(118, now)));
  });

  test('a week is served once its Sunday is published, a month once its last day is', async () => {
    const week = () => bi(`SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_eq: 20250428}, GRANULARITY: {_eq: "P1W"}, ${EVERYONE}`);
    const month = () => bi(`SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_eq: 20250501}, GRANULARITY: {_eq: "P1M"}, ${EVERYONE}`);
    now = new Date('2025-05-05T07:59:00Z');
    expect(await week()).toEqual([]);
    now = new Date('2025-05-05T08:00:00Z');
    expect((await week()).length).toBe(1);
    now = new Date('2025-06-01T07:59:00Z');
    expect(await month()).toEqual([]);
    now = new Date('2025-06-01T08:00:00Z');
    expect((await month()).length).toBe(1);
  });

  test('history starts on 2024-01-01', async () => {
    const rows = await bi(`SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_gte: 20231220, _lte: 20240103}, GRANULARITY: {_in: ["P1D", "P1W"]}, ${EVERYONE}`, ', order_by: [{GRANULARITY: asc}, {DATE_PARTITION: asc}]');
    expect(rows.map((r) => `${r.GRANULARITY} ${r.DATE_PARTITION}`)).toEqual(['P1D 20240101', 'P1D 20240102', 'P1D 20240103', 'P1W 20240101']);
  });
});

describe('plausible occupancy', () => {
  const building71Days = async (from: number, to: number) =>
    bi(`BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_gte: ${from}, _lte: ${to}}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}`);

  test('weekdays are far busier than weekends; Mondays and Fridays quieter than midweek', async () => {
    const rows = await building71Days(20250901, 20251026);
    const byWeekday = new Map<number, number[]>();
    for (const p of new Set(rows.map((r) => r.DATE_PARTITION))) {
      const wd = new Date(`${isoOf(p)}T12:00:00Z`).getUTCDay();
      byWeekday.set(wd, [...(byWeekday.get(wd) ?? []), dayMean(rows, p)]);
    }
    const avg = (wd: number) => mean(byWeekday.get(wd) ?? [NaN]);
    const midweek = mean([avg(2), avg(3), avg(4)]);
    expect(Math.min(avg(1), avg(2), avg(3), avg(4), avg(5))).toBeGreaterThan(8 * Math.max(avg(6), avg(0)));
    expect(avg(1)).toBeLessThan(midweek);
    expect(avg(5)).toBeLessThan(avg(1));
  });

  test('public holidays are near empty', async () => {
    const rows = await building71Days(20240617, 20240712);
    const canadaDay = dayMean(rows, 20240701); // a Monday
    const otherMondays = [20240617, 20240624, 20240708].map((p) => dayMean(rows, p));
    expect(canadaDay).toBeLessThan(0.1 * Math.min(...otherMondays));
    const xmas = await building71Days(20241218, 20241225);
    expect(dayMean(xmas, 20241225)).toBeLessThan(0.1 * dayMean(xmas, 20241218));
  });

  test('cafes peak at lunch, meeting rooms mid-morning or mid-afternoon, nights are empty', async () => {
    const peakHour = async (type: string) => {
      const rows = await c.rows<InsightRow>(`{ ZONE_TYPE_INSIGHTS(where: {BUILDING_ID: {_eq: 71}, ZONE_TYPE: {_eq: "${type}"}, DATE_PARTITION: {_gte: 20250505, _lte: 20250509}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}}) { DATE_TIME_START OCCUPANCY_MEAN } }`);
      const byHour = new Array<number>(24).fill(0);
      for (const r of rows) {
        const h = Number(r.DATE_TIME_START.slice(11, 13));
        byHour[h] = (byHour[h] ?? 0) + r.OCCUPANCY_MEAN;
      }
      return { peak: byHour.indexOf(Math.max(...byHour)), byHour };
    };
    const cafe = await peakHour('cafe');
    expect([11, 12, 13]).toContain(cafe.peak);
    const meetings = await peakHour('meeting_room');
    expect([9, 10, 11, 14, 15, 16]).toContain(meetings.peak);
    const desks = await peakHour('desk_area');
    expect(desks.byHour.slice(0, 6).every((v) => v === 0)).toBe(true);
    expect(desks.byHour[7]).toBeGreaterThan(0);
    expect(desks.byHour[7]).toBeLessThan(desks.byHour[10] ?? 0);
  });

  test('zones never go far above capacity', async () => {
    const zones = await c.rows<{ ID: number; CAPACITY: number }>('{ ZONE { ID CAPACITY } }');
    const capacity = new Map(zones.map((z) => [z.ID, z.CAPACITY]));
    const rows = await c.rows<InsightRow>(`{ ZONE_INSIGHTS(where: {DATE_PARTITION: {_gte: 20250505, _lte: 20250509}, GRANULARITY: {_eq: "P1D"}, ${EVERYONE}}) { ZONE_ID OCCUPANCY_MAX } }`);
    expect(rows.length).toBeGreaterThan(30 * 4);
    const worst = Math.max(...rows.map((r) => r.OCCUPANCY_MAX / (capacity.get(r.ZONE_ID ?? 0) ?? 1)));
    expect(worst).toBeGreaterThan(0.6);
    expect(worst).toBeLessThanOrEqual(1.1);
  });
});

describe('holes in the data', () => {
  test('about 1% of zone-hours are missing', async () => {
    const rows = await c.rows<InsightRow>(`{ ZONE_INSIGHTS(where: {BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_gte: 20250601, _lte: 20250630}, GRANULARITY: {_eq: "PT1H"}, ${EVERYONE}}) { ZONE_ID } }`);
    const expected = 14 * 30 * 24;
    const missing = (expected - rows.length) / expected;
    expect(missing).toBeGreaterThan(0.003);
    expect(missing).toBeLessThan(0.03);
  });

  test('a whole day is sometimes missing for the outage building', async () => {
    let gap = '';
    for (let d = Date.parse('2024-01-01'); d < Date.parse('2025-11-01') && !gap; d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      if (isSimMissingDay(104, iso)) gap = iso;
    }
    expect(gap).not.toBe('');
    const p = partitionOf(gap);
    const rows = await bi(`BUILDING_ID: {_eq: 104}, DATE_PARTITION: {_gte: ${p - 1}, _lte: ${p + 1}}, GRANULARITY: {_in: ["PT1H", "P1D"]}, ${EVERYONE}`);
    expect(rows.some((r) => r.DATE_PARTITION === p)).toBe(false);
    expect(rows.some((r) => r.DATE_PARTITION !== p)).toBe(true);
  });
});

describe('determinism and limits', () => {
  const QUERY = `{ ZONE_INSIGHTS(where: {BUILDING_ID: {_eq: 118}, DATE_PARTITION: {_gte: 20250310, _lte: 20250312}, GRANULARITY: {_in: ["PT1H", "P1D"]}}) { ZONE_ID DATE_TIME_START GROUP_ID OCCUPANCY_MEAN OCCUPANCY_MAX OCCUPANCY_POS_MEAN } }`;

  test('the same query gives the same answer, on this server and a new one', async () => {
    const first = await c.raw(QUERY);
    const second = await c.raw(QUERY);
    const other = await startSimulator({ clock: () => NOW });
    try {
      const third = await client(other).raw(QUERY);
      expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
      expect(JSON.stringify(third.body)).toBe(JSON.stringify(first.body));
      expect(JSON.stringify(first.body).length).toBeGreaterThan(10_000);
    } finally {
      await other.close();
    }
  });

  test('a query that would return too many rows is refused, not generated', async () => {
    const kept = await c.raw(`{ BUILDING_INSIGHTS(where: {DATE_PARTITION: {_gte: 20250101}, GRANULARITY: {_eq: "PT15M"}, ${EVERYONE}}) { SITE_ID } }`);
    expect(kept.body.errors?.[0]?.message).toMatch(/too many rows/);
    const r = await c.raw('{ ZONE_INSIGHTS(where: {DATE_PARTITION: {_gte: 20240101}, GRANULARITY: {_eq: "PT15M"}}) { ZONE_ID } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toBeNull();
    expect(r.body.errors?.[0]?.message).toMatch(/narrow/);
  });

  test('limit without order_by stops early and still answers in order', async () => {
    const rows = await bi(`SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_gte: 20240101}, GRANULARITY: {_eq: "PT15M"}, ${EVERYONE}`, ', limit: 5');
    expect(rows.map((r) => r.DATE_TIME_START)).toEqual([
      '2024-01-01T00:00:00-05:00', '2024-01-01T00:15:00-05:00', '2024-01-01T00:30:00-05:00', '2024-01-01T00:45:00-05:00', '2024-01-01T01:00:00-05:00',
    ]);
  });
});
