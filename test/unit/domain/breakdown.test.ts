import { type Breakdown, groupRows, summarizeRowsBy, topBy } from '../../../src/domain/breakdown';
import { dayWindow } from '../../../src/domain/time';
import type { InsightRow } from '../../../src/domain/occupancy';

const zone = 'America/Toronto';
const date = '2025-11-25';
const start = dayWindow(date, zone).start;
const lastWeekStart = dayWindow('2025-11-18', zone).start;
const H = 3_600_000;

function row(partial: Partial<InsightRow> & { start: number; occupancyMean: number }): InsightRow {
  return {
    buildingId: 71,
    siteId: null,
    zoneId: null,
    zoneType: null,
    datePartition: 20251125,
    startText: new Date(partial.start).toISOString(),
    granularity: 'PT1H',
    groupId: '00000000-0000-0000-0000-000000000000',
    occupancyPosMean: null,
    occupancyMax: null,
    ...partial,
  };
}

describe('summarizeRowsBy', () => {
  // Sites 1 and 2 are on floor 10, site 3 on floor 20; site 9 is on no known floor.
  const floorOfSite = new Map([
    [1, 10],
    [2, 10],
    [3, 20],
  ]);
  const rows = [
    row({ siteId: 3, start: start + 9 * H, occupancyMean: 4 }),
    row({ siteId: 1, start: start + 9 * H, occupancyMean: 10 }),
    row({ siteId: 2, start: start + 9 * H, occupancyMean: 6 }),
    row({ siteId: 1, start: start + 10 * H, occupancyMean: 20 }),
    row({ siteId: 3, start: start + 10 * H, occupancyMean: 8 }),
    row({ siteId: 9, start: start + 10 * H, occupancyMean: 1000 }),
  ];
  const keyOf = (r: InsightRow) => (r.siteId === null ? null : floorOfSite.get(r.siteId));

  it('sums the sites of each floor per bucket and summarises each floor', () => {
    const result = summarizeRowsBy(rows, keyOf, {
      granularity: 'PT1H',
      zone,
      date,
      capacityOf: (floor) => (floor === 10 ? 40 : null),
      lastWeekRows: [row({ siteId: 1, start: lastWeekStart + 9 * H, occupancyMean: 9 })],
    });
    expect(result.map((b) => b.key)).toEqual([20, 10]);
    const floor10 = result.find((b) => b.key === 10)?.summary;
    expect(floor10).toMatchObject({
      bucketCount: 2,
      mean: 18,
      peak: { value: 20, time: '10:00' },
      capacity: 40,
      meanPctOfCapacity: 45,
      peakPctOfCapacity: 50,
      lastWeek: { date: '2025-11-18', mean: 9 },
      changeVsLastWeekPct: 100,
    });
    const floor20 = result.find((b) => b.key === 20)?.summary;
    expect(floor20).toMatchObject({ mean: 6, capacity: null, meanPctOfCapacity: null, lastWeek: null, changeVsLastWeekPct: null });
  });

  it('leaves rows without a key out', () => {
    expect([...groupRows(rows, keyOf).keys()]).toEqual([20, 10]);
    expect([...groupRows(rows, (r) => r.zoneType).keys()]).toEqual([]);
  });
});

describe('topBy', () => {
  const item = (key: string, mean: number | null, pct: number | null, peak: number | null = mean): Breakdown<string> =>
    ({
      key,
      summary: { mean, meanPctOfCapacity: pct, peak: peak === null ? null : { start: 0, value: peak, time: '00:00' } },
    }) as unknown as Breakdown<string>;
  const items = [item('café', 20, 77), item('desks', 50, 91), item('board', 20, 64, 90), item('empty', null, null), item('lab', 30, null)];

  it('ranks by mean, highest first, ties in input order', () => {
    expect(topBy(items, 3).map((i) => i.key)).toEqual(['desks', 'lab', 'café']);
    expect(topBy(items, 10).map((i) => i.key)).toEqual(['desks', 'lab', 'café', 'board']);
  });

  it('ranks by % of capacity, leaving out groups without a capacity', () => {
    expect(topBy(items, 10, 'meanPctOfCapacity').map((i) => i.key)).toEqual(['desks', 'café', 'board']);
  });

  it('ranks by peak', () => {
    expect(topBy(items, 2, 'peak').map((i) => i.key)).toEqual(['board', 'desks']);
  });

  it('returns nothing for n <= 0', () => {
    expect(topBy(items, 0)).toEqual([]);
    expect(topBy(items, -1)).toEqual([]);
  });
});
