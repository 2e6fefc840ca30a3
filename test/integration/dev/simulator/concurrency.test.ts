import { startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { NOW, newSession, postJson } from './helpers';

let sim: RunningSimulator;
let session: string;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => NOW });
  session = await newSession(sim);
});
afterAll(async () => {
  await sim.close();
});

/** Runs `total` tasks with at most `width` in flight. */
async function pool<T>(total: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const HOURLY = `query Day($site: Int) { BUILDING_INSIGHTS(where: {BUILDING_ID: {_eq: 71}, SITE_ID: {_eq: $site}, DATE_PARTITION: {_eq: 20250501},
  GRANULARITY: {_eq: "PT1H"}, GROUP_ID: {_eq: "00000000-0000-0000-0000-000000000000"}}, order_by: {DATE_TIME_START: asc}) { DATE_TIME_START OCCUPANCY_MEAN } }`;

describe('under load', () => {
  test('1,000 hourly queries for one building-day at concurrency 50 all succeed identically', async () => {
    sim.resetStats();
    const bodies = await pool(1000, 50, async (i) => {
      const res = await postJson(sim.apiUrl, { query: HOURLY, variables: { site: 900000222 + (i % 3) } }, { 'x-session-id': session });
      return `${res.status} ${await res.text()}`;
    });
    for (let site = 0; site < 3; site++) {
      const same = new Set(bodies.filter((_, i) => i % 3 === site));
      expect(same.size).toBe(1);
      const [only] = [...same];
      expect(only?.startsWith('200 ')).toBe(true);
      expect(JSON.parse(only?.slice(4) ?? '').data.BUILDING_INSIGHTS.length).toBe(24);
    }
    expect(sim.stats.graphqlRequests).toBe(1000);
    expect(sim.stats.statusCodes).toEqual({ '200': 1000 });
  });

  test('50 concurrent mixed requests, token exchanges included, with latency', async () => {
    sim.setFaults({ latencyMs: 100 });
    try {
      const queries = ['{ BUILDING { ID } }', '{ ZONE { ID } }', HOURLY, '{ ZONE_INSIGHTS(where: {ZONE_ID: {_eq: 71002}, GRANULARITY: {_eq: "P1D"}}) { OCCUPANCY_MEAN } }'];
      const results = await pool(50, 50, async (i) => {
        if (i % 10 === 0) return (await newSession(sim)).length > 0 ? 200 : 0;
        const res = await postJson(sim.apiUrl, { query: queries[i % queries.length], variables: { site: 900000222 } }, { 'x-session-id': session });
        const body = (await res.json()) as { errors?: unknown };
        return body.errors ? 0 : res.status;
      });
      expect(results).toEqual(results.map(() => 200));
    } finally {
      sim.setFaults({ latencyMs: 0 });
    }
  });
});
