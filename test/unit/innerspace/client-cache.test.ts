import { operationOf } from './scripted-server';
import { clientFor, errorOf, startFakeUpstream, type FakeUpstream } from './fake-upstream';

const q = (day: number, over: Record<string, unknown> = {}) => ({ ids: [71], from: day, to: day, granularity: 'PT1H' as const, ...over });

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());

describe('insight cache', () => {
  it('an answer that may still change is trusted for the recheck time, then asked again', async () => {
    let now = Date.parse('2025-05-10T12:00:00Z');
    const client = clientFor(fake, { now: () => new Date(now), recheckMinutes: 5 });
    const first = await client.buildingInsights(q(20250509));
    const again = await client.buildingInsights({ ...q(20250509), ids: [71, 71] });
    expect(again).toEqual(first);
    expect(fake.graphql()).toHaveLength(1);
    expect(client.stats()).toMatchObject({ upstreamRequests: 1, cacheHits: 1 });
    now += 5 * 60_000 - 1;
    await client.buildingInsights(q(20250509));
    expect(fake.graphql()).toHaveLength(1);
    now += 1;
    await client.buildingInsights(q(20250509));
    expect(fake.graphql()).toHaveLength(2);
  });

  it('an old day is not settled by the clock: nothing later of that subject has been seen', async () => {
    let now = Date.parse('2025-05-10T12:00:00Z');
    const client = clientFor(fake, { now: () => new Date(now) });
    await client.buildingInsights(q(20250401));
    now += 10 * 60_000;
    await client.buildingInsights(q(20250401));
    expect(fake.graphql()).toHaveLength(2);
  });

  it('a day before a later published day of the same subject is kept for a day', async () => {
    let now = Date.parse('2025-05-10T12:00:00Z');
    const client = clientFor(fake, { now: () => new Date(now) });
    await client.buildingInsights(q(20250508));
    await client.buildingInsights(q(20250509)); // publishes 9 May for building 71 hourly
    await client.buildingInsights(q(20250508, { granularity: 'PT15M' })); // another subject
    now += 60 * 60_000;
    await client.buildingInsights(q(20250508));
    expect(fake.graphql()).toHaveLength(3);
    await client.buildingInsights(q(20250509));
    await client.buildingInsights(q(20250508, { granularity: 'PT15M' }));
    expect(fake.graphql()).toHaveLength(5);
    now += 23 * 60 * 60_000 - 1;
    await client.buildingInsights(q(20250508));
    expect(fake.graphql()).toHaveLength(5);
    now += 1;
    await client.buildingInsights(q(20250508));
    expect(fake.graphql()).toHaveLength(6);
  });

  it('a day with no rows yet is asked again after the recheck time, and then shows what was published', async () => {
    let now = Date.parse('2025-05-10T12:00:00Z');
    let published = false;
    const client = clientFor(fake, { now: () => new Date(now), recheckMinutes: 10 });
    fake.rule((req) => (!published && operationOf(req).startsWith('BuildingInsights') ? { body: { data: { BUILDING_INSIGHTS: [] } } } : undefined));
    expect(await client.buildingInsights(q(20250509))).toEqual([]);
    published = true;
    now += 9 * 60_000;
    expect(await client.buildingInsights(q(20250509))).toEqual([]);
    now += 60_000;
    expect(await client.buildingInsights(q(20250509))).toHaveLength(2);
  });

  it('a query from a watermark always asks InnerSpace: never a remembered "nothing new"', async () => {
    const client = clientFor(fake, { now: () => new Date('2025-05-10T12:00:00Z') });
    const since = { startFrom: Date.parse('2025-05-09T12:00:00Z') };
    await client.buildingInsights(q(20250509, since));
    await client.buildingInsights(q(20250509, since));
    expect(fake.graphql()).toHaveLength(2);
    expect(client.stats().cacheHits).toBe(0);
  });

  it('identical watermark queries under way at once share one request', async () => {
    const client = clientFor(fake);
    await client.groups();
    fake.rule((req) => (operationOf(req).startsWith('BuildingInsights') ? { delayMs: 100, body: { data: { BUILDING_INSIGHTS: [] } } } : undefined));
    const since = { startFrom: Date.parse('2025-05-09T12:00:00Z') };
    await Promise.all(Array.from({ length: 3 }, () => client.buildingInsights(q(20250509, since))));
    expect(fake.graphql().filter((r) => operationOf(r).startsWith('BuildingInsights'))).toHaveLength(1);
  });

  it('the default group and an explicit nil group share an entry; another group does not', async () => {
    const client = clientFor(fake, { now: () => new Date('2025-05-10T12:00:00Z') });
    await client.buildingInsights(q(20250501));
    await client.buildingInsights(q(20250501, { groupId: '00000000-0000-0000-0000-000000000000' }));
    await client.buildingInsights(q(20250501, { groupId: 'E707B3A8-0732-49AE-9156-13FF1138540E' }));
    expect(fake.graphql()).toHaveLength(2);
  });

  it('identical concurrent calls share one upstream request', async () => {
    const client = clientFor(fake);
    await client.groups();
    fake.rule((req) => (operationOf(req).startsWith('BuildingInsights') ? { delayMs: 100, body: { data: { BUILDING_INSIGHTS: [] } } } : undefined));
    const results = await Promise.all(Array.from({ length: 10 }, () => client.buildingInsights(q(20250501))));
    expect(results).toHaveLength(10);
    expect(fake.graphql().filter((r) => operationOf(r).startsWith('BuildingInsights'))).toHaveLength(1);
    expect(client.stats().coalesced).toBe(9);
  });

  it('failures are not cached', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 400, body: { errors: [{ message: 'bad' }] } });
    expect((await errorOf(client.buildingInsights(q(20250501)))).code).toBe('UPSTREAM_BAD_REQUEST');
    expect(await client.buildingInsights(q(20250501))).toHaveLength(2);
    expect(fake.graphql()).toHaveLength(2);
  });

  it('the LRU is bounded', async () => {
    const client = clientFor(fake, { cacheMaxEntries: 2, now: () => new Date('2025-05-10T12:00:00Z') });
    for (const d of [20250501, 20250502, 20250503, 20250501]) await client.buildingInsights(q(d));
    expect(fake.graphql()).toHaveLength(4);
  });

  it('callers get their own arrays: mutating one does not change the cache', async () => {
    const client = clientFor(fake, { now: () => new Date('2025-05-10T12:00:00Z') });
    const a = await client.buildingInsights(q(20250501));
    a.pop();
    expect(await client.buildingInsights(q(20250501))).toHaveLength(2);
    expect(Object.isFrozen((await client.buildingInsights(q(20250501)))[0])).toBe(true);
  });
});

describe('reference cache', () => {
  it('the estate (buildings, sites, floors, zones, groups) is one document, kept for an hour', async () => {
    let now = Date.parse('2025-05-10T12:00:00Z');
    const client = clientFor(fake, { now: () => new Date(now) });
    await client.buildings();
    await client.building(71);
    await client.sites(71);
    await client.sites(71);
    await client.floors(71);
    await client.zones({ siteIds: [900000222] });
    await client.groups();
    expect(fake.graphql().map(operationOf)).toEqual(['Reference']);
    now += 60 * 60_000;
    await client.building(71);
    expect(fake.graphql().map(operationOf)).toEqual(['Reference', 'Reference']);
  });
});
