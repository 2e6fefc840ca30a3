import { startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { INSIGHT_FIELDS, NIL, NOW, client, mean, type InsightRow } from './helpers';

let sim: RunningSimulator;
let c: ReturnType<typeof client>;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => NOW });
  c = client(sim);
});
afterAll(async () => {
  await sim.close();
});

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);

function siteRows(site: number, granularity: string, from: number, to: number, group = NIL): Promise<InsightRow[]> {
  return c.rows<InsightRow>(
    `query Q($site: Int, $g: String, $from: Int, $to: Int, $group: String) {
      BUILDING_INSIGHTS(where: {SITE_ID: {_eq: $site}, GRANULARITY: {_eq: $g}, GROUP_ID: {_eq: $group},
        DATE_PARTITION: {_gte: $from, _lte: $to}}, order_by: {DATE_TIME_START: asc}) { ${INSIGHT_FIELDS} } }`,
    { site, g: granularity, from, to, group },
  );
}

/** Checks PT15M -> PT1H -> P1D for one site-day; returns the day's hours. */
async function checkDay(site: number, partition: number, expectedHours: number): Promise<InsightRow[]> {
  const quarters = await siteRows(site, 'PT15M', partition, partition);
  const hours = await siteRows(site, 'PT1H', partition, partition);
  const [day] = await siteRows(site, 'P1D', partition, partition);
  expect(hours.length).toBe(expectedHours);
  expect(quarters.length).toBe(expectedHours * 4);
  for (const h of hours) {
    const start = ms(h.DATE_TIME_START);
    const inside = quarters.filter((q) => ms(q.DATE_TIME_START) >= start && ms(q.DATE_TIME_START) < start + HOUR);
    expect(inside.length).toBe(4);
    const values = inside.map((q) => q.OCCUPANCY_MEAN);
    expect(Math.abs(h.OCCUPANCY_MEAN - mean(values))).toBeLessThanOrEqual(0.0051);
    expect(h.OCCUPANCY_MAX).toBe(Math.max(...values));
    const positive = values.filter((v) => v > 0);
    expect(Math.abs(h.OCCUPANCY_POS_MEAN - (positive.length ? mean(positive) : 0))).toBeLessThanOrEqual(0.0051);
  }
  expect(day).toBeDefined();
  expect(Math.abs((day?.OCCUPANCY_MEAN ?? NaN) - mean(hours.map((h) => h.OCCUPANCY_MEAN)))).toBeLessThanOrEqual(0.0101);
  expect(day?.OCCUPANCY_MAX).toBe(Math.max(...hours.map((h) => h.OCCUPANCY_MAX)));
  const positive = quarters.map((q) => q.OCCUPANCY_MEAN).filter((v) => v > 0);
  expect(Math.abs((day?.OCCUPANCY_POS_MEAN ?? NaN) - mean(positive))).toBeLessThanOrEqual(0.0101);
  for (const r of [...quarters, ...hours]) expect(r.DATE_PARTITION).toBe(partition);
  return hours;
}

describe('granularities agree with each other', () => {
  test('an ordinary weekday in Toronto: 24 hours of 4 quarters', async () => {
    const hours = await checkDay(900000222, 20250501, 24);
    expect(hours[0]?.DATE_TIME_START).toBe('2025-05-01T00:00:00-04:00');
    expect(hours[23]?.DATE_TIME_START).toBe('2025-05-01T23:00:00-04:00');
  });

  test('Toronto spring forward (2025-03-09): 23 hours, no 02:00', async () => {
    const hours = await checkDay(900000223, 20250309, 23);
    expect(hours.map((h) => h.DATE_TIME_START)).not.toContain('2025-03-09T02:00:00-05:00');
    expect(hours[2]?.DATE_TIME_START).toBe('2025-03-09T03:00:00-04:00');
  });

  test('Toronto fall back (2025-11-02): 25 hours, 01:00 twice', async () => {
    const hours = await checkDay(900000224, 20251102, 25);
    expect(hours.slice(1, 3).map((h) => h.DATE_TIME_START)).toEqual(['2025-11-02T01:00:00-04:00', '2025-11-02T01:00:00-05:00']);
  });

  test('Sydney DST ends (2025-04-06, 25 hours) and starts (2025-10-05, 23 hours)', async () => {
    const autumn = await checkDay(900001180, 20250406, 25);
    expect(autumn.slice(2, 4).map((h) => h.DATE_TIME_START)).toEqual(['2025-04-06T02:00:00+11:00', '2025-04-06T02:00:00+10:00']);
    const spring = await checkDay(900001181, 20251005, 23);
    expect(spring[2]?.DATE_TIME_START).toBe('2025-10-05T03:00:00+11:00');
  });

  test('a week is the mean of its seven days and starts on Monday', async () => {
    for (const [site, monday, sunday, tz] of [
      [900000222, 20250428, 20250504, '-04:00'],
      [900000222, 20250303, 20250309, '-05:00'], // contains Toronto's spring forward
      [900001180, 20250331, 20250406, '+11:00'], // contains Sydney's autumn change
    ] as const) {
      const days = await siteRows(site, 'P1D', monday, sunday);
      const [week, ...more] = await siteRows(site, 'P1W', monday, sunday);
      expect(more).toEqual([]);
      expect(days.length).toBe(7);
      expect(week?.DATE_PARTITION).toBe(monday);
      expect(week?.DATE_TIME_START).toBe(`${String(monday).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T00:00:00${tz}`);
      expect(Math.abs((week?.OCCUPANCY_MEAN ?? NaN) - mean(days.map((d) => d.OCCUPANCY_MEAN)))).toBeLessThanOrEqual(0.0101);
      expect(week?.OCCUPANCY_MAX).toBe(Math.max(...days.map((d) => d.OCCUPANCY_MAX)));
    }
  });

  test('a month is the mean of its days, partitioned on the 1st', async () => {
    const days = await siteRows(900000223, 'P1D', 20250501, 20250531);
    const months = await siteRows(900000223, 'P1M', 20250501, 20250531);
    expect(days.length).toBe(31);
    expect(months.map((m) => [m.DATE_PARTITION, m.DATE_TIME_START])).toEqual([[20250501, '2025-05-01T00:00:00-04:00']]);
    expect(Math.abs((months[0]?.OCCUPANCY_MEAN ?? NaN) - mean(days.map((d) => d.OCCUPANCY_MEAN)))).toBeLessThanOrEqual(0.0101);
    expect(months[0]?.OCCUPANCY_MAX).toBe(Math.max(...days.map((d) => d.OCCUPANCY_MAX)));
  });

  test('weeks always start on Monday and months on the 1st', async () => {
    const weeks = await siteRows(900000222, 'P1W', 20250101, 20251231);
    const months = await siteRows(900000222, 'P1M', 20240101, 20251231);
    expect(weeks.length).toBeGreaterThan(40);
    for (const w of weeks) expect(new Date(`${String(w.DATE_PARTITION).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}T12:00:00Z`).getUTCDay()).toBe(1);
    expect(months.map((m) => m.DATE_PARTITION % 100)).toEqual(months.map(() => 1));
    expect(months.length).toBe(22); // Jan 2024 .. Oct 2025 (November is not complete at NOW)
  });
});

describe('sums and groups', () => {
  test('a site row is the sum of its zones, a zone-type row the sum of those zones', async () => {
    const where = 'BUILDING_ID: {_eq: 71}, DATE_PARTITION: {_eq: 20250501}, GRANULARITY: {_eq: "PT15M"}, GROUP_ID: {_eq: "00000000-0000-0000-0000-000000000000"}';
    const zones = await c.rows<{ ID: number; SITE_ID: number; ZONE_TYPE: string }>('{ ZONE { ID SITE_ID ZONE_TYPE } }');
    const zoneRows = await c.rows<InsightRow>(`{ ZONE_INSIGHTS(where: {${where}}) { ZONE_ID DATE_TIME_START OCCUPANCY_MEAN } }`);
    const siteRows = await c.rows<InsightRow>(`{ BUILDING_INSIGHTS(where: {${where}}) { SITE_ID DATE_TIME_START OCCUPANCY_MEAN } }`);
    const typeRows = await c.rows<InsightRow>(`{ ZONE_TYPE_INSIGHTS(where: {${where}}) { SITE_ID ZONE_TYPE DATE_TIME_START OCCUPANCY_MEAN } }`);
    const zoneOf = new Map(zones.map((z) => [z.ID, z]));
    const sum = (pick: (z: { SITE_ID: number; ZONE_TYPE: string }) => boolean, start: string) =>
      zoneRows.filter((r) => r.DATE_TIME_START === start && pick(zoneOf.get(r.ZONE_ID ?? 0) ?? { SITE_ID: 0, ZONE_TYPE: '' })).reduce((a, r) => a + r.OCCUPANCY_MEAN, 0);
    expect(siteRows.length).toBe(3 * 96);
    for (const s of siteRows) expect(s.OCCUPANCY_MEAN).toBeCloseTo(sum((z) => z.SITE_ID === s.SITE_ID, s.DATE_TIME_START), 6);
    expect(typeRows.length).toBeGreaterThan(siteRows.length);
    for (const t of typeRows) {
      expect(t.OCCUPANCY_MEAN).toBeCloseTo(sum((z) => z.SITE_ID === t.SITE_ID && z.ZONE_TYPE === t.ZONE_TYPE, t.DATE_TIME_START), 6);
    }
  });

  test('a department is a stable share of everyone', async () => {
    const groups = await c.rows<{ ID: string; NAME: string }>('{ GROUP { ID NAME } }');
    const everyone = await siteRows(900000223, 'PT1H', 20250506, 20250506);
    const busy = everyone.filter((r) => r.OCCUPANCY_MEAN > 10);
    expect(busy.length).toBeGreaterThan(5);
    let total = everyone.map(() => 0);
    for (const g of groups.filter((x) => x.ID !== NIL)) {
      const dept = await siteRows(900000223, 'PT1H', 20250506, 20250506, g.ID);
      expect(dept.map((r) => r.DATE_TIME_START)).toEqual(everyone.map((r) => r.DATE_TIME_START));
      const shares = dept
        .map((r, i) => [r.OCCUPANCY_MEAN, everyone[i]?.OCCUPANCY_MEAN ?? 0] as const)
        .filter(([, all]) => all > 10)
        .map(([part, all]) => part / all);
      expect(shares.length).toBe(busy.length);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThan(0.01);
      total = total.map((t, i) => t + (dept[i]?.OCCUPANCY_MEAN ?? 0));
    }
    total.forEach((t, i) => expect(t).toBeLessThanOrEqual(everyone[i]?.OCCUPANCY_MEAN ?? 0));
  });
});
