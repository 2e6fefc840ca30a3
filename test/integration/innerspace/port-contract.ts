import { isAppError } from '../../../src/errors';
import type { InnerSpacePort } from '../../../src/ports/occupancy-source';

/**
 * What every InnerSpacePort must do, whatever sits behind it (the GraphQL client on the
 * simulator, or an in-memory fake). The dataset is the simulator's: building 71 "DEMO" in
 * America/Toronto with site 900000222, data published through `publishedDay`.
 */
export interface ContractSubject {
  port: InnerSpacePort;
  /** A local day with data for building 71, as YYYYMMDD. */
  publishedDay: number;
  /** Called after each test, e.g. to close servers. */
  cleanup?: () => Promise<void>;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isAppError(err) ? err.code : 'NOT_APP_ERROR';
  }
  return 'NO_ERROR';
}

export function describeInnerSpacePortContract(name: string, make: () => Promise<ContractSubject>): void {
  describe(`InnerSpacePort contract: ${name}`, () => {
    let s: ContractSubject;
    beforeEach(async () => {
      s = await make();
    });
    afterEach(async () => {
      await s.cleanup?.();
    });

    it('knows building 71 and returns null for an unknown building', async () => {
      expect(await s.port.building(71)).toEqual({ id: 71, name: 'DEMO', timeZone: 'America/Toronto' });
      expect(await s.port.building(987_654_321)).toBeNull();
      expect((await s.port.buildings()).map((b) => b.id)).toContain(71);
    });

    it('lists sites and floors of a building, and zones of a site', async () => {
      const sites = await s.port.sites(71);
      expect(sites.map((x) => x.id)).toContain(900000222);
      expect((await s.port.floors(71)).length).toBeGreaterThan(0);
      const zones = await s.port.zones({ siteIds: [900000222] });
      expect(zones.length).toBeGreaterThan(0);
      expect(zones.every((z) => z.siteId === 900000222)).toBe(true);
    });

    it('offers the default (nil) group', async () => {
      expect((await s.port.groups()).map((g) => g.id)).toContain('00000000-0000-0000-0000-000000000000');
    });

    it('returns insight rows ordered by start, with non-negative occupancy, for the asked day and granularity', async () => {
      const rows = await s.port.buildingInsights({ ids: [71], from: s.publishedDay, to: s.publishedDay, granularity: 'PT1H' });
      expect(rows.length).toBeGreaterThan(0);
      for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.start).toBeGreaterThanOrEqual(rows[i - 1]!.start);
      for (const r of rows) {
        expect(r.datePartition).toBe(s.publishedDay);
        expect(r.granularity).toBe('PT1H');
        expect(r.occupancyMean).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(r.start)).toBe(true);
      }
    });

    it('rejects bad input with BAD_INPUT', async () => {
      expect(await codeOf(s.port.building(0))).toBe('BAD_INPUT');
      expect(await codeOf(s.port.buildingInsights({ ids: [71], from: 20250231, to: 20250231, granularity: 'PT1H' }))).toBe('BAD_INPUT');
      expect(await codeOf(s.port.zoneInsights({ ids: [-4], from: s.publishedDay, to: s.publishedDay, granularity: 'PT1H' }))).toBe('BAD_INPUT');
      expect(await codeOf(s.port.buildingInsights({ ids: [71], from: s.publishedDay, to: s.publishedDay, granularity: 'PT5M' as 'PT1H' }))).toBe('BAD_INPUT');
    });
  });
}
