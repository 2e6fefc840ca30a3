import { GUESSED_COLUMNS, SIM_GRANULARITIES, startSimulator } from '../../../dev/simulator';
import { GRANULARITIES } from '../../../src/domain/occupancy';
import { GUESS_FIELDS } from '../../../src/innerspace/schema-facts';
import { describeInnerSpacePortContract } from './port-contract';
import { clientFor, SIM_NOW, YESTERDAY, type Mode } from './helpers';

for (const mode of ['session', 'bearer'] as Mode[]) {
  describeInnerSpacePortContract(`GraphQL client on the simulator (${mode})`, async () => {
    const sim = await startSimulator({ clock: () => SIM_NOW });
    return { port: clientFor(sim, mode), publishedDay: YESTERDAY, cleanup: () => sim.close() };
  });
}

/**
 * The client and the simulator each keep their own reading of the sketch (src/innerspace
 * schema-facts and domain granularities; dev/simulator/schema.ts): these agree, or the
 * simulator no longer stands for what the client expects of the live API.
 */
describe('the client and the simulator agree on the schema facts', () => {
  const sorted = (facts: Readonly<Record<string, readonly string[]>>) =>
    Object.fromEntries(Object.keys(facts).sort().map((table) => [table, [...(facts[table] ?? [])].sort()]));

  it('the same granularities, and every one the client may ask for answers rows', async () => {
    expect([...SIM_GRANULARITIES]).toEqual([...GRANULARITIES]);
    const sim = await startSimulator({ clock: () => SIM_NOW });
    try {
      const client = clientFor(sim, 'session');
      for (const granularity of GRANULARITIES) {
        const long = granularity === 'P1W' || granularity === 'P1M';
        const rows = await client.buildingInsights({ ids: [71], from: long ? 20250501 : YESTERDAY, to: long ? 20250531 : YESTERDAY, granularity });
        expect({ granularity, some: rows.length > 0 }).toEqual({ granularity, some: true });
        expect(rows.every((r) => r.granularity === granularity)).toBe(true);
      }
    } finally {
      await sim.close();
    }
  });

  it('the same guessed fields: served in full, and every operation still answers without them', async () => {
    expect(sorted(GUESSED_COLUMNS)).toEqual(sorted(GUESS_FIELDS));
    const sim = await startSimulator({ clock: () => SIM_NOW });
    try {
      const day = { from: YESTERDAY, to: YESTERDAY, granularity: 'P1D' as const };
      const ask = async () => {
        const client = clientFor(sim, 'session');
        const zones = await client.zones({ siteIds: [900000222] });
        const zoneIds = zones.slice(0, 2).map((z) => z.id);
        return {
          building: await client.building(71),
          zones,
          insights: [
            ...(await client.buildingInsights({ ids: [71], ...day })),
            ...(await client.zoneInsights({ ids: zoneIds, ...day })),
            ...(await client.zoneTypeInsights({ ids: [71], ...day })),
          ],
        };
      };
      const full = await ask();
      expect(full.building?.timeZone).toBe('America/Toronto');
      expect(full.zones.some((z) => z.capacity !== null)).toBe(true);
      expect(full.insights.length).toBeGreaterThan(0);
      expect(full.insights.every((r) => r.occupancyPosMean !== null && r.occupancyMax !== null)).toBe(true);

      sim.setFaults({ rejectGuessFields: true });
      const reduced = await ask();
      expect(reduced.building).toEqual({ id: 71, name: 'DEMO', timeZone: 'America/Toronto' });
      expect(reduced.zones.map((z) => z.id)).toEqual(full.zones.map((z) => z.id));
      expect(reduced.zones.every((z) => z.capacity === null)).toBe(true);
      expect(reduced.insights.map((r) => r.occupancyMean)).toEqual(full.insights.map((r) => r.occupancyMean));
      expect(reduced.insights.every((r) => r.occupancyPosMean === null && r.occupancyMax === null)).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
