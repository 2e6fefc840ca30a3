import { dayNumOfIso } from '../../../../dev/simulator/data/calendar';
import { SIM_DATASET } from '../../../../dev/simulator/data/dataset';
import { DayStore } from '../../../../dev/simulator/data/store';
import { OUTAGE_BUILDING_ID, SIM_BUILDINGS, isSimMissingDay } from '../../../../dev/simulator';

const building = (id: number) => {
  const b = SIM_BUILDINGS.find((x) => x.id === id);
  if (!b) throw new Error(`no building ${id}`);
  return b;
};

describe('the simulated estate', () => {
  test('has the DEMO building, three more time zones, 30+ zones and the groups', () => {
    expect(building(71)).toMatchObject({ name: 'DEMO', timeZone: 'America/Toronto' });
    expect(SIM_BUILDINGS.map((b) => b.timeZone)).toEqual(
      expect.arrayContaining(['America/Toronto', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']),
    );
    expect(SIM_DATASET.sites.find((s) => s.buildingId === 71)?.id).toBe(900000222);
    expect(SIM_DATASET.zones.length).toBeGreaterThanOrEqual(30);
    expect(SIM_DATASET.zones.filter((z) => z.buildingId === 71).length).toBeGreaterThanOrEqual(12);
    for (const b of SIM_BUILDINGS) {
      const floors = SIM_DATASET.floors.filter((f) => f.buildingId === b.id);
      expect(floors.length).toBeGreaterThanOrEqual(2);
      expect(floors.length).toBeLessThanOrEqual(4);
      expect(SIM_DATASET.sites.filter((s) => s.buildingId === b.id).length).toBe(floors.length);
    }
    expect(SIM_DATASET.groups.map((g) => g.name)).toEqual(['Everyone', 'Engineering', 'Sales', 'Customer Success', 'Opérations']);
    expect(new Set(SIM_DATASET.zones.map((z) => z.id)).size).toBe(SIM_DATASET.zones.length);
  });
});

describe('generated days', () => {
  const store = new DayStore(SIM_DATASET);
  const start = dayNumOfIso('2025-01-01');
  const days = 120;

  test('a zone is never far above its capacity', () => {
    let worst = 0;
    for (const b of SIM_BUILDINGS) {
      for (let d = start; d < start + days; d++) {
        const day = store.day(b, d);
        for (const z of SIM_DATASET.zones.filter((x) => x.buildingId === b.id)) {
          const q = day?.series.get(`z${z.id}`)?.quarters ?? new Float64Array();
          for (const v of q) if (v / z.capacity > worst) worst = v / z.capacity;
        }
      }
    }
    expect(worst).toBeGreaterThan(0.5);
    expect(worst).toBeLessThanOrEqual(1.1);
  });

  test('about one zone-hour in a hundred is missing', () => {
    let hours = 0;
    let missing = 0;
    const b = building(71);
    for (let d = start; d < start + days; d++) {
      for (const z of SIM_DATASET.zones.filter((x) => x.buildingId === 71)) {
        for (const h of store.day(b, d)?.series.get(`z${z.id}`)?.hours ?? []) {
          hours += 1;
          if (h === null) missing += 1;
        }
      }
    }
    expect(missing / hours).toBeGreaterThan(0.004);
    expect(missing / hours).toBeLessThan(0.02);
  });

  test('whole days go missing only for the outage building, a few times a year', () => {
    const all = (id: number) => {
      const out: string[] = [];
      for (let d = dayNumOfIso('2024-01-01'); d < dayNumOfIso('2025-01-01'); d++) {
        const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
        if (isSimMissingDay(id, iso)) out.push(iso);
      }
      return out;
    };
    const outages = all(OUTAGE_BUILDING_ID);
    expect(outages.length).toBeGreaterThanOrEqual(1);
    expect(outages.length).toBeLessThan(12);
    for (const id of [71, 118, 131]) expect(all(id)).toEqual([]);
    const first = outages[0] ?? '';
    expect(store.day(building(OUTAGE_BUILDING_ID), dayNumOfIso(first))).toBeNull();
  });

  test('a bounded cache: a year of days regenerates identically after eviction', () => {
    const small = new DayStore(SIM_DATASET, { dayCacheSize: 3, summaryCacheSize: 3 });
    const b = building(118);
    const first = Array.from(small.day(b, start)?.series.get('z118003')?.quarters ?? []);
    for (let d = start + 1; d < start + 40; d++) small.day(b, d);
    expect(Array.from(small.day(b, start)?.series.get('z118003')?.quarters ?? [])).toEqual(first);
    expect(first.some((v) => v > 0)).toBe(true);
  });
});
