/**
 * Root fields asked for in the same turn travel as one document to the simulator, which
 * executes them as graphql-js does: validation for the whole document, then each root on its
 * own with errors under its path. Each caller gets its own root's rows or error.
 */
import { NO_FAULTS, SIM_BUILDINGS, startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { createCharts, QuickChartRenderer } from '../../../src/charts';
import { DigestContentSource } from '../../../src/services/digests/content';
import { OccupancyData } from '../../../src/services/occupancy-data';
import { oneBuildingDigest } from '../../support/digests';
import { clientFor, errorOf, NIL, SIM_NOW, YESTERDAY, type Mode } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: () => SIM_NOW });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.setFaults({ ...NO_FAULTS });
  sim.resetStats();
});

const day = (d: number) => ({ ids: [71], from: d, to: d, granularity: 'PT1H' as const });

describe.each<Mode>(['session', 'bearer'])('%s auth', (mode) => {
  it('concurrent calls of several roots are one request, each answered with its own rows', async () => {
    const client = clientFor(sim, mode);
    const zone = (await client.zones({ siteIds: [900000222] }))[0]!;
    sim.resetStats();
    const [building, lastWeek, zones, types] = await Promise.all([
      client.buildingInsights(day(YESTERDAY)),
      client.buildingInsights(day(YESTERDAY - 7)),
      client.zoneInsights({ ...day(YESTERDAY), ids: [zone.id] }),
      client.zoneTypeInsights(day(YESTERDAY)),
    ]);
    expect(sim.stats.graphqlRequests).toBe(1);
    expect(new Set(building.map((r) => r.datePartition))).toEqual(new Set([YESTERDAY]));
    expect(new Set(lastWeek.map((r) => r.datePartition))).toEqual(new Set([YESTERDAY - 7]));
    expect(new Set(zones.map((r) => r.zoneId))).toEqual(new Set([zone.id]));
    expect(types.every((r) => r.zoneType !== null && r.buildingId === 71)).toBe(true);
    expect(building[0]?.occupancyMax).not.toBeNull();
  });
});

describe('per root of a combined document', () => {
  it('every root refused a guessed field degrades alone; none is lost; the fallback is remembered', async () => {
    sim.setFaults({ rejectGuessFields: true });
    const client = clientFor(sim, 'session');
    const [buildings, zones, rows] = await Promise.all([
      client.buildings(),
      client.zones({ siteIds: [900000222] }),
      client.buildingInsights(day(YESTERDAY)),
    ]);
    expect(buildings.find((b) => b.id === 71)?.timeZone).toBe('America/Toronto'); // from SITE, BUILDING.TIME_ZONE refused
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.every((z) => z.capacity === null)).toBe(true);
    expect(rows.length).toBe(3 * 24); // three sites, hourly
    expect(rows.every((r) => r.occupancyMax === null && r.occupancyPosMean === null)).toBe(true);
    // Refused, then asked again without the guessed fields of every root that had them.
    expect(sim.stats.graphqlRequests).toBe(2);
    sim.resetStats();
    expect(await client.buildingInsights(day(YESTERDAY - 1))).toHaveLength(3 * 24);
    expect(sim.stats.graphqlRequests).toBe(1);
  });

  it('an error under one root fails that root\'s callers only; the others in the document still answer', async () => {
    const client = clientFor(sim, 'session');
    sim.setFaults({ rootErrors: { ZONE_INSIGHTS: 1 } });
    const zone = (await client.zones({ siteIds: [900000222] }))[0]!;
    sim.resetStats();
    const [building, failed] = await Promise.all([
      client.buildingInsights(day(YESTERDAY)),
      errorOf(client.zoneInsights({ ...day(YESTERDAY), ids: [zone.id] })),
    ]);
    expect(building).toHaveLength(3 * 24);
    expect(failed.code).toBe('UPSTREAM_GRAPHQL');
    expect(failed.facts).toMatchObject({ operation: 'ZoneInsights', messages: ['database query error'] });
    // The failing non-null root took `data` down with it: the building day was asked again alone.
    expect(sim.stats.graphqlRequests).toBe(2);
    expect(sim.stats.rootFields).toEqual({ BUILDING_INSIGHTS: 2, ZONE_INSIGHTS: 1 });
    // Not cached: the zone day answers once the fault is spent.
    expect(await client.zoneInsights({ ...day(YESTERDAY), ids: [zone.id] })).toHaveLength(24);
  });
});

describe('a digest pass', () => {

  it('costs the estate once, then one document per building', async () => {
    const client = clientFor(sim, 'session');
    const source = new DigestContentSource({
      occupancy: new OccupancyData(client, NIL),
      charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })),
      ranges: () => Promise.reject(new Error('daily digests only')),
    });
    const session = source.session(SIM_NOW.getTime());
    const perBuilding: number[] = [];
    for (const [i, b] of SIM_BUILDINGS.entries()) {
      const before = sim.stats.graphqlRequests;
      const { view } = await session.view(oneBuildingDigest(i + 1, b.id), null);
      if (view.cadence === 'weekly') throw new Error('a daily digest was drawn as a weekly one');
      expect(view.buildings[0]?.stats?.mean).toBeGreaterThan(0);
      expect(view.buildings[0]?.topZones.length).toBeGreaterThan(0);
      perBuilding.push(sim.stats.graphqlRequests - before);
    }
    // The first building brings the estate along.
    expect(perBuilding).toEqual([2, ...SIM_BUILDINGS.slice(1).map(() => 1)]);
  });
});
