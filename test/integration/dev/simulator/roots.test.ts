import { startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { NIL, NOW, client } from './helpers';

let sim: RunningSimulator;
let c: ReturnType<typeof client>;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => NOW });
  c = client(sim);
});
afterAll(async () => {
  await sim.close();
});

type R = Record<string, unknown>;
const ids = (rows: R[]) => rows.map((r) => r.ID);

describe('metadata roots', () => {
  test('BUILDING lists the DEMO building and three more time zones', async () => {
    const rows = await c.rows('{ BUILDING(order_by: {ID: asc}) { ID NAME TIME_ZONE } }');
    expect(rows[0]).toEqual({ ID: 71, NAME: 'DEMO', TIME_ZONE: 'America/Toronto' });
    expect(rows.map((r) => r.TIME_ZONE)).toEqual(['America/Toronto', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']);
  });

  test('FLOOR and SITE describe each building, one site per floor', async () => {
    const floors = await c.rows('{ FLOOR(where: {BUILDING_ID: {_eq: 71}}, order_by: {LEVEL: asc}) { ID BUILDING_ID NAME LEVEL FLOOR_CODE TIME_ZONE } }');
    expect(floors.map((f) => [f.NAME, f.LEVEL, f.FLOOR_CODE, f.TIME_ZONE])).toEqual([
      ['Level 1', 1, 'L1', 'America/Toronto'],
      ['Level 2', 2, 'L2', 'America/Toronto'],
      ['Level 3', 3, 'L3', 'America/Toronto'],
    ]);
    const sites = await c.rows('{ SITE(where: {BUILDING_ID: {_eq: 71}}, order_by: {ID: asc}) { ID BUILDING_ID FLOOR_ID SITE_CODE TIME_ZONE LATITUDE LONGITUDE ALTITUDE } }');
    expect(sites[0]).toMatchObject({ ID: 900000222, BUILDING_ID: 71, FLOOR_ID: floors[0]?.ID, TIME_ZONE: 'America/Toronto' });
    expect(sites.map((s) => s.FLOOR_ID)).toEqual(floors.map((f) => f.ID));
    expect(typeof sites[0]?.LATITUDE).toBe('number');
    const all = await c.rows('{ FLOOR { ID } }');
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  test('ZONE has typed zones with capacities on the sites', async () => {
    const zones = await c.rows('{ ZONE(where: {SITE_ID: {_in: [900000222, 900000223, 900000224]}}) { ID SITE_ID NAME ZONE_TYPE CAPACITY } }');
    expect(zones.length).toBeGreaterThanOrEqual(12);
    expect(new Set(zones.map((z) => z.ZONE_TYPE))).toEqual(new Set(['meeting_room', 'desk_area', 'cafe', 'focus_room', 'lounge', 'reception']));
    for (const z of zones) expect(z.CAPACITY).toBeGreaterThan(0);
    expect((await c.rows('{ ZONE { ID } }')).length).toBeGreaterThanOrEqual(30);
  });

  test('GROUP has everyone (nil UUID) and departments; ZONE_SET answers', async () => {
    const groups = await c.rows('{ GROUP(order_by: {NAME: asc}) { ID NAME } }');
    expect(groups.map((g) => g.NAME)).toEqual(['Customer Success', 'Engineering', 'Everyone', 'Opérations', 'Sales']);
    expect(groups.find((g) => g.NAME === 'Everyone')?.ID).toBe(NIL);
    const sets = await c.rows('{ ZONE_SET { ID NAME } }');
    expect(sets.length).toBeGreaterThan(0);
  });
});

describe('where, order_by, limit and offset', () => {
  const zoneIds = (where: string, extra = '') => c.rows(`{ ZONE(where: ${where}${extra}, order_by: {ID: asc}) { ID } }`).then(ids);

  test('comparison operators', async () => {
    expect(await zoneIds('{ID: {_eq: 71003}}')).toEqual([71003]);
    expect(await zoneIds('{ID: {_gte: 71012, _lt: 71015}}')).toEqual([71012, 71013, 71014]);
    expect(await zoneIds('{ID: {_gt: 71012, _lte: 71014}}')).toEqual([71013, 71014]);
    expect(await zoneIds('{ID: {_in: [71001, 104002, 1]}}')).toEqual([71001, 104002]);
    expect((await zoneIds('{ID: {_nin: [71001]}, SITE_ID: {_eq: 900000222}}'))).toEqual([71002, 71003, 71004]);
    expect((await zoneIds('{ID: {_neq: 71001}, SITE_ID: {_eq: 900000222}}'))).toEqual([71002, 71003, 71004]);
    expect(await zoneIds('{NAME: {_like: "Focus Room 2%"}}')).toEqual([71008, 71009]);
    expect(await zoneIds('{NAME: {_ilike: "%CANTEEN%"}}')).toEqual([104002]);
    expect((await zoneIds('{CAPACITY: {_is_null: true}}'))).toEqual([]);
  });

  test('_and, _or, _not, nested', async () => {
    expect(await zoneIds('{_and: [{SITE_ID: {_eq: 900000223}}, {ZONE_TYPE: {_eq: "focus_room"}}]}')).toEqual([71008, 71009]);
    expect(await zoneIds('{_or: [{ID: {_eq: 71001}}, {NAME: {_eq: "Canteen"}}]}')).toEqual([71001, 104002]);
    expect(await zoneIds('{SITE_ID: {_eq: 900000222}, _not: {ZONE_TYPE: {_in: ["cafe", "lounge"]}}}')).toEqual([71001, 71004]);
    expect(
      await zoneIds('{_or: [{_and: [{ZONE_TYPE: {_eq: "cafe"}}, {CAPACITY: {_gte: 50}}]}, {_not: {_or: [{ID: {_lt: 131008}}, {ZONE_TYPE: {_neq: "focus_room"}}]}}]}'),
    ).toEqual([71002, 131002, 131008]);
  });

  test('variables work for every operator type', async () => {
    const rows = await c.rows('query Z($ids: [Int!], $type: String) { ZONE(where: {ID: {_in: $ids}, ZONE_TYPE: {_eq: $type}}) { ID } }', {
      ids: [71001, 71002, 71003],
      type: 'cafe',
    });
    expect(ids(rows)).toEqual([71002]);
  });

  test('order_by as object or list, asc/desc, several keys', async () => {
    const desc = await c.rows('{ ZONE(where: {SITE_ID: {_eq: 900000222}}, order_by: {CAPACITY: desc}) { ID CAPACITY } }');
    expect(desc.map((z) => z.CAPACITY)).toEqual([60, 20, 10, 8]);
    const multi = await c.rows('{ ZONE(where: {SITE_ID: {_eq: 900000223}}, order_by: [{ZONE_TYPE: asc}, {CAPACITY: desc}]) { ID } }');
    expect(ids(multi)).toEqual([71005, 71006, 71009, 71008, 71007]);
  });

  test('limit and offset page through an ordered list', async () => {
    const all = ids(await c.rows('{ ZONE(order_by: {ID: asc}) { ID } }'));
    const pages: unknown[] = [];
    for (let offset = 0; offset < all.length; offset += 7) {
      pages.push(...ids(await c.rows(`{ ZONE(order_by: {ID: asc}, limit: 7, offset: ${offset}) { ID } }`)));
    }
    expect(pages).toEqual(all);
    expect(await c.rows('{ ZONE(limit: 0) { ID } }')).toEqual([]);
  });
});

describe('errors in the Hasura style', () => {
  test('an unknown field is a validation error with HTTP 200', async () => {
    const r = await c.raw('{ ZONE { ID NOT_A_FIELD } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'Cannot query field "NOT_A_FIELD" on type "ZONE".',
      extensions: { code: 'validation-failed' },
    });
  });

  test('syntax errors, bad arguments and mutations are validation errors', async () => {
    for (const q of ['{ ZONE { ID }', '{ ZONE(where: {ID: {_eq: "x"}}) { ID } }', 'mutation { ZONE { ID } }', '{ ZONE(where: {NOPE: {_eq: 1}}) { ID } }']) {
      const r = await c.raw(q);
      expect(r.status).toBe(200);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('validation-failed');
    }
  });

  test('negative limits and explicit null operands are refused', async () => {
    const neg = await c.raw('{ ZONE(limit: -1) { ID } }');
    expect(neg.body.data).toBeNull();
    expect(neg.body.errors?.[0]?.message).toMatch(/limit/);
    const nul = await c.raw('{ ZONE(where: {ID: {_eq: null}}) { ID } }');
    expect(nul.body.errors?.[0]?.extensions?.code).toBe('validation-failed');
  });

  test('introspection works', async () => {
    const r = await c.raw('{ __schema { queryType { fields { name } } } }');
    expect(JSON.stringify(r.body.data)).toContain('BUILDING_INSIGHTS');
  });
});
