import { UpstreamBadDataError } from '../../../src/errors';
import { factsOf } from '../../support/error-facts';
import {
  compareInsightRows,
  parseBuildings,
  parseFloors,
  parseGroups,
  parseInsightRows,
  parseSites,
  parseZones,
} from '../../../src/innerspace/parse';

const NIL = '00000000-0000-0000-0000-000000000000';

function bi(over: Record<string, unknown> = {}) {
  return {
    BUILDING_ID: 71,
    SITE_ID: 900000222,
    DATE_PARTITION: 20250501,
    DATE_TIME_START: '2025-05-01T08:00:00-04:00',
    GRANULARITY: 'PT1H',
    GROUP_ID: NIL,
    OCCUPANCY_MEAN: 12.5,
    OCCUPANCY_POS_MEAN: 14,
    OCCUPANCY_MAX: 30,
    ...over,
  };
}

function badData(fn: () => unknown): Record<string, unknown> {
  try {
    fn();
  } catch (err) {
    if (err instanceof UpstreamBadDataError) return factsOf(err);
    throw err;
  }
  throw new Error('expected UPSTREAM_BAD_DATA');
}

describe('insight rows', () => {
  const expect1h = { granularity: 'PT1H' as const, degraded: false };

  it('parses a full row', () => {
    const [p] = parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [bi()] }, expect1h);
    expect(p).toEqual({
      index: 0,
      naive: null,
      row: {
        buildingId: 71,
        siteId: 900000222,
        zoneId: null,
        zoneType: null,
        datePartition: 20250501,
        start: Date.UTC(2025, 4, 1, 12),
        startText: '2025-05-01T08:00:00-04:00',
        granularity: 'PT1H',
        groupId: NIL,
        occupancyMean: 12.5,
        occupancyPosMean: 14,
        occupancyMax: 30,
      },
    });
  });

  it('accepts numbers sent as decimal text (Hasura numeric/bigint)', () => {
    const [p] = parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [bi({ BUILDING_ID: '71', OCCUPANCY_MEAN: '3.25' })] }, expect1h);
    expect(p?.row.buildingId).toBe(71);
    expect(p?.row.occupancyMean).toBe(3.25);
  });

  it('guessed fields are null when degraded or absent', () => {
    const [a] = parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [bi()] }, { ...expect1h, degraded: true });
    expect(a?.row.occupancyPosMean).toBeNull();
    const row = bi();
    delete (row as Partial<typeof row>).OCCUPANCY_MAX;
    const [b] = parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [row] }, expect1h);
    expect(b?.row.occupancyMax).toBeNull();
  });

  it('keeps naive timestamps for later', () => {
    const [p] = parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [bi({ DATE_TIME_START: '2025-05-01T08:00:00' })] }, expect1h);
    expect(p?.naive).toBe('2025-05-01T08:00:00');
    expect(Number.isNaN(p?.row.start)).toBe(true);
  });

  it.each([
    ['OCCUPANCY_MEAN', -1, 'negative'],
    ['OCCUPANCY_MEAN', 'NaN', 'not a finite number'],
    ['OCCUPANCY_MEAN', null, 'missing'],
    ['OCCUPANCY_MAX', 'lots', 'not a finite number'],
    ['DATE_TIME_START', 'yesterday', 'not an ISO-8601 timestamp'],
    ['DATE_PARTITION', 20250231, 'not a YYYYMMDD date'],
    ['GRANULARITY', 'PT5M', 'unknown granularity'],
    ['GRANULARITY', 'P1D', 'not the granularity asked for'],
    ['BUILDING_ID', 0, 'not a positive whole number'],
    ['GROUP_ID', 7, 'not text'],
  ])('%s = %p is bad data (%s), naming the field and row only', (field, value, reason) => {
    const details = badData(() => parseInsightRows('BUILDING_INSIGHTS', { BUILDING_INSIGHTS: [bi(), bi({ [field]: value })] }, expect1h));
    expect(details).toEqual({ upstream: 'innerspace', operation: 'BUILDING_INSIGHTS', field, row: 1, reason });
  });

  it('a missing list or a non-object row is bad data', () => {
    expect(badData(() => parseInsightRows('ZONE_INSIGHTS', { ZONE_INSIGHTS: null }, expect1h)).field).toBe('ZONE_INSIGHTS');
    expect(badData(() => parseInsightRows('ZONE_INSIGHTS', null, expect1h)).field).toBe('ZONE_INSIGHTS');
    expect(badData(() => parseInsightRows('ZONE_INSIGHTS', { ZONE_INSIGHTS: [42] }, expect1h)).reason).toBe('row is not an object');
  });

  it('zone and zone type rows need their key', () => {
    expect(badData(() => parseInsightRows('ZONE_INSIGHTS', { ZONE_INSIGHTS: [bi()] }, expect1h)).field).toBe('ZONE_ID');
    expect(badData(() => parseInsightRows('ZONE_TYPE_INSIGHTS', { ZONE_TYPE_INSIGHTS: [bi()] }, expect1h)).field).toBe('ZONE_TYPE');
    const [z] = parseInsightRows('ZONE_TYPE_INSIGHTS', { ZONE_TYPE_INSIGHTS: [bi({ ZONE_TYPE: 'meeting_room', BUILDING_ID: null })] }, expect1h);
    expect(z?.row.zoneType).toBe('meeting_room');
    expect(z?.row.buildingId).toBeNull();
  });

  it('orders by start, then by building, site and zone', () => {
    const rows = parseInsightRows(
      'ZONE_INSIGHTS',
      {
        ZONE_INSIGHTS: [
          bi({ ZONE_ID: 9, DATE_TIME_START: '2025-05-01T09:00:00-04:00' }),
          bi({ ZONE_ID: 5, DATE_TIME_START: '2025-05-01T09:00:00-04:00' }),
          bi({ ZONE_ID: 7, DATE_TIME_START: '2025-05-01T08:00:00-04:00' }),
        ],
      },
      expect1h,
    ).map((p) => p.row);
    expect(rows.sort(compareInsightRows).map((r) => r.zoneId)).toEqual([7, 5, 9]);
  });
});

describe('reference rows', () => {
  it('buildings: name and zone fall back sensibly', () => {
    expect(parseBuildings({ BUILDING: [{ ID: 71, NAME: 'DEMO', TIME_ZONE: 'America/Toronto' }, { ID: 72, NAME: '', TIME_ZONE: 'Nowhere/Land' }] })).toEqual([
      { id: 71, name: 'DEMO', timeZone: 'America/Toronto' },
      { id: 72, name: 'Building 72', timeZone: null },
    ]);
  });

  it('sites, floors, zones, groups', () => {
    expect(parseSites({ SITE: [{ ID: 900000222, BUILDING_ID: 71, FLOOR_ID: 1, SITE_CODE: 'L1', TIME_ZONE: 'America/Toronto' }] })).toEqual([
      { id: 900000222, buildingId: 71, floorId: 1, code: 'L1', timeZone: 'America/Toronto' },
    ]);
    expect(parseFloors({ FLOOR: [{ ID: 1, BUILDING_ID: 71, NAME: null, LEVEL: -1, FLOOR_CODE: 'B1', TIME_ZONE: null }] })).toEqual([
      { id: 1, buildingId: 71, name: 'Floor 1', level: -1, code: 'B1', timeZone: null },
    ]);
    expect(parseZones({ ZONE: [{ ID: 5, SITE_ID: 9, NAME: 'Room', ZONE_TYPE: 'meeting_room', CAPACITY: 8 }] }, false)).toEqual([
      { id: 5, siteId: 9, name: 'Room', zoneType: 'meeting_room', capacity: 8 },
    ]);
    expect(parseZones({ ZONE: [{ ID: 5, SITE_ID: 9, NAME: 'Room', ZONE_TYPE: null }] }, true)[0]?.capacity).toBeNull();
    expect(badData(() => parseZones({ ZONE: [{ ID: 5, SITE_ID: 9, CAPACITY: 2.5 }] }, false)).field).toBe('CAPACITY');
    expect(parseGroups({ GROUP: [{ ID: NIL, NAME: null }] })).toEqual([{ id: NIL, name: NIL }]);
    expect(badData(() => parseGroups({ GROUP: [{ ID: '', NAME: 'x' }] })).field).toBe('ID');
  });
});
