import { startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { clientFor, NIL, SIM_NOW, YESTERDAY, type Mode } from './helpers';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: () => SIM_NOW });
});
afterAll(() => sim.close());

describe.each<Mode>(['session', 'bearer'])('every operation, %s auth', (mode) => {
  it('buildings and building(id)', async () => {
    const client = clientFor(sim, mode);
    const buildings = await client.buildings();
    expect(buildings.find((b) => b.id === 71)).toEqual({ id: 71, name: 'DEMO', timeZone: 'America/Toronto' });
    expect(new Set(buildings.map((b) => b.timeZone))).toEqual(new Set(['America/Toronto', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']));
    expect(await client.building(71)).toEqual({ id: 71, name: 'DEMO', timeZone: 'America/Toronto' });
    expect(await client.building(999_999)).toBeNull();
  });

  it('sites, floors, zones and groups', async () => {
    const client = clientFor(sim, mode);
    const sites = await client.sites(71);
    expect(sites.map((s) => s.id)).toContain(900000222);
    expect(sites.every((s) => s.buildingId === 71 && s.timeZone === 'America/Toronto')).toBe(true);
    const floors = await client.floors(71);
    expect(floors.length).toBeGreaterThan(0);
    expect(floors.every((f) => f.buildingId === 71)).toBe(true);
    expect(new Set(sites.map((s) => s.floorId))).toEqual(new Set(floors.map((f) => f.id)));
    const bySite = await client.zones({ siteIds: [900000222] });
    expect(bySite.length).toBeGreaterThan(0);
    expect(bySite.every((z) => z.siteId === 900000222 && typeof z.capacity === 'number')).toBe(true);
    const first = bySite[0];
    expect(await client.zones({ ids: [first?.id ?? 0] })).toEqual([first]);
    const groups = await client.groups();
    expect(groups[0]).toEqual({ id: NIL, name: 'Everyone' });
    expect(groups.length).toBeGreaterThan(1);
  });

  it('building insights for yesterday, hourly, ordered by start, with the UTC offset read', async () => {
    const client = clientFor(sim, mode);
    const rows = await client.buildingInsights({ ids: [71], from: YESTERDAY, to: YESTERDAY, granularity: 'PT1H', siteIds: [900000222] });
    expect(rows).toHaveLength(24);
    const starts = rows.map((r) => r.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Date(rows[0]?.start ?? 0).toISOString()).toBe('2025-06-09T04:00:00.000Z'); // local midnight, EDT
    for (const r of rows) {
      expect(r).toMatchObject({ buildingId: 71, siteId: 900000222, datePartition: YESTERDAY, granularity: 'PT1H', groupId: NIL });
      expect(r.occupancyMean).toBeGreaterThanOrEqual(0);
      expect(r.occupancyMax).not.toBeNull();
    }
    expect(rows.some((r) => r.occupancyMean > 0)).toBe(true);
  });

  it('a range of days, several buildings, another group, and startFrom', async () => {
    const client = clientFor(sim, mode);
    const week = await client.buildingInsights({ ids: [71], from: 20250602, to: 20250608, granularity: 'P1D', siteIds: [900000222] });
    expect(week.map((r) => r.datePartition)).toEqual([20250602, 20250603, 20250604, 20250605, 20250606, 20250607, 20250608]);
    const two = await client.buildingInsights({ ids: [71, 104], from: 20250608, to: 20250608, granularity: 'P1D' });
    expect(new Set(two.map((r) => r.buildingId))).toEqual(new Set([71, 104]));
    const sales = await client.buildingInsights({ ids: [71], from: 20250608, to: 20250608, granularity: 'P1D', groupId: 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54' });
    expect(sales.every((r) => r.groupId === 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54')).toBe(true);
    const since = Date.parse('2025-06-09T20:00:00Z');
    const late = await client.buildingInsights({ ids: [71], from: YESTERDAY, to: YESTERDAY, granularity: 'PT1H', siteIds: [900000222], startFrom: since });
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((r) => r.start >= since)).toBe(true);
    expect(late.length).toBeLessThan(24);
  });

  it('zone insights and zone type insights', async () => {
    const client = clientFor(sim, mode);
    const zones = await client.zones({ siteIds: [900000222] });
    const ids = zones.slice(0, 2).map((z) => z.id);
    const zr = await client.zoneInsights({ ids, from: YESTERDAY, to: YESTERDAY, granularity: 'PT1H' });
    expect(zr).toHaveLength(48);
    expect(new Set(zr.map((r) => r.zoneId))).toEqual(new Set(ids));
    const types = [...new Set(zones.map((z) => z.zoneType))].filter((t): t is string => t !== null).slice(0, 1);
    const zt = await client.zoneTypeInsights({ ids: [71], from: YESTERDAY, to: YESTERDAY, granularity: 'P1D', zoneTypes: types });
    expect(zt.length).toBeGreaterThan(0);
    expect(zt.every((r) => r.zoneType === types[0] && r.buildingId === 71)).toBe(true);
    const all = await client.zoneTypeInsights({ ids: [71], from: YESTERDAY, to: YESTERDAY, granularity: 'P1D' });
    expect(new Set(all.map((r) => r.zoneType)).size).toBeGreaterThan(1);
  });

  it('today is not published yet: an empty answer, not an error', async () => {
    const client = clientFor(sim, mode);
    expect(await client.buildingInsights({ ids: [71], from: 20250610, to: 20250610, granularity: 'PT1H' })).toEqual([]);
  });
});
