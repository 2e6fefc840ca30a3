import { NO_FAULTS, startSimulator, type RunningSimulator } from '../../../dev/simulator';
import { MAX_FIELDS_PER_DOCUMENT } from '../../../src/innerspace/batch';
import { clientFor, errorOf, memoryLogger, SIM_NOW, YESTERDAY, type Mode } from './helpers';

let sim: RunningSimulator;
let simNow = SIM_NOW.getTime();
beforeAll(async () => {
  sim = await startSimulator({ clock: () => new Date(simNow) });
});
afterAll(() => sim.close());
beforeEach(() => {
  simNow = SIM_NOW.getTime();
  sim.setFaults({ ...NO_FAULTS, rateLimit: null });
  sim.resetStats();
});

const day = (d: number, over: Record<string, unknown> = {}) => ({ ids: [71], from: d, to: d, granularity: 'PT1H' as const, siteIds: [900000222], ...over });

describe.each<Mode>(['session', 'bearer'])('%s auth', (mode) => {
  it('50 concurrent queries without a token make exactly one token request, and travel in as few documents as fit them', async () => {
    const client = clientFor(sim, mode);
    const days = Array.from({ length: 50 }, (_, i) => 20250401 + (i % 30) + 100 * Math.floor(i / 30));
    const results = await Promise.all(days.map((d) => client.buildingInsights(day(d))));
    expect(results.every((r) => r.length === 24)).toBe(true);
    expect(results.map((r) => r[0]?.datePartition)).toEqual(days);
    expect(sim.stats.tokenRequests).toBe(1);
    const documents = Math.ceil(50 / MAX_FIELDS_PER_DOCUMENT);
    expect(sim.stats.graphqlRequests).toBe(documents);
    expect(sim.stats.rootFields.BUILDING_INSIGHTS).toBe(50);
    expect(client.stats()).toMatchObject({ tokenRequests: 1, upstreamRequests: documents });
  });

  it('re-authenticates once on 401 after the session expired on the server', async () => {
    sim.setFaults({ sessionTtlSeconds: 300 });
    const client = clientFor(sim, mode); // its own clock stays at SIM_NOW: it cannot see the expiry coming
    await client.buildingInsights(day(20250601));
    simNow += 600_000;
    const rows = await client.buildingInsights(day(20250602));
    expect(rows).toHaveLength(24);
    expect(sim.stats.tokenRequests).toBe(2);
    expect(sim.stats.statusCodes['401']).toBe(1);
    expect(sim.stats.graphqlRequests).toBe(3);
  });
});

describe('faults, session auth', () => {
  it('429 with Retry-After is honoured, then the query succeeds', async () => {
    const client = clientFor(sim, 'session');
    await client.groups();
    sim.setFaults({ rateLimit: { next: 1, retryAfter: '1' } });
    const started = Date.now();
    expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
    // A lower bound only: a busy machine makes the wait longer, never shorter than asked.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sim.stats.statusCodes['429']).toBe(1);
  });

  it('429 with Retry-After as an HTTP-date is honoured', async () => {
    const client = clientFor(sim, 'session');
    await client.groups();
    sim.setFaults({ rateLimit: { next: 1, retryAfter: new Date(Date.now() + 2_000).toUTCString() } });
    expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
    expect(sim.stats.statusCodes['429']).toBe(1);
  });

  it('429 whose Retry-After passes the deadline fails at once with UPSTREAM_RATE_LIMITED', async () => {
    // A deadline that the warm-up call meets on any machine, and a Retry-After far past it.
    const client = clientFor(sim, 'session', { deadlineMs: 30_000 });
    await client.groups();
    sim.setFaults({ rateLimit: { next: 5, retryAfter: '3600' } });
    expect((await errorOf(client.buildingInsights(day(YESTERDAY)))).code).toBe('UPSTREAM_RATE_LIMITED');
    expect(sim.stats.statusCodes['429']).toBe(1);
  });

  it('latency beyond timeoutMs ends in UPSTREAM_TIMEOUT; each attempt is cut at the timeout', async () => {
    // A simulator of its own: the queries it holds must not answer into the next test.
    const slow = await startSimulator({ clock: () => new Date(simNow) });
    try {
      // Held ten minutes against a 2 s limit: every attempt times out, however busy the machine.
      const client = clientFor(slow, 'session', { timeoutMs: 2_000, retry: { maxAttempts: 3 } });
      await client.groups();
      const sent = client.stats().upstreamRequests;
      slow.setFaults({ latencyMs: 10 * 60_000 });
      const err = await errorOf(client.buildingInsights(day(YESTERDAY)));
      expect(err.code).toBe('UPSTREAM_TIMEOUT');
      expect(err.facts.attempts).toBe(3);
      // Counted as sent by the client: an attempt cut before the server read it is still one.
      expect(client.stats().upstreamRequests - sent).toBe(3);
      slow.setFaults({ latencyMs: 0 });
      expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
    } finally {
      await slow.close();
    }
  });

  it('a 5xx burst is retried and then succeeds', async () => {
    const client = clientFor(sim, 'session');
    await client.groups();
    sim.resetStats();
    sim.setFaults({ serverErrorBurst: 3 });
    expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
    expect(sim.stats.statusCodes).toEqual({ '200': 1, '502': 1, '503': 2 });
  });

  it('random 500s at a 30% rate are absorbed by retries', async () => {
    const client = clientFor(sim, 'session', { retry: { maxAttempts: 10 } });
    sim.setFaults({ errorRate: 0.3 });
    const days = Array.from({ length: 20 }, (_, i) => 20250501 + i);
    // One after the other: each its own request, so the generator is drawn 20 times at least.
    const results = [];
    for (const d of days) results.push(await client.buildingInsights(day(d)));
    expect(results.every((r) => r.length === 24)).toBe(true);
    expect(sim.stats.statusCodes['500']).toBeGreaterThan(0);
  });

  it('a 400 is not retried', async () => {
    // A transport that spoils the request body, so the server answers 400 to a real request.
    const spoil: typeof fetch = (input, init) =>
      fetch(input, String(input).endsWith('/v2/api') ? { ...init, body: '{"query": ' } : init);
    const client = clientFor(sim, 'session', { fetch: spoil });
    const err = await errorOf(client.buildingInsights(day(YESTERDAY)));
    expect(err.code).toBe('UPSTREAM_BAD_REQUEST');
    expect(err.facts.status).toBe(400);
    expect(sim.stats.graphqlRequests).toBe(1);
  });

  it('errors[] inside a 200 is UPSTREAM_GRAPHQL, not an empty answer', async () => {
    const client = clientFor(sim, 'session');
    sim.setFaults({ graphqlErrors: 1 });
    const err = await errorOf(client.buildingInsights(day(YESTERDAY)));
    expect(err.code).toBe('UPSTREAM_GRAPHQL');
    expect(err.facts.messages).toEqual(['database query error']);
    expect(sim.stats.graphqlRequests).toBe(1);
    expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
  });

  it('malformed JSON is retried once, and twice in a row is UPSTREAM_BAD_DATA', async () => {
    const client = clientFor(sim, 'session');
    sim.setFaults({ malformedJson: 1 });
    expect(await client.buildingInsights(day(20250601))).toHaveLength(24);
    sim.setFaults({ malformedJson: 2 });
    expect((await errorOf(client.buildingInsights(day(20250602)))).code).toBe('UPSTREAM_BAD_DATA');
  });

  it('failing token requests are retried; a failure is not remembered', async () => {
    const client = clientFor(sim, 'session', { retry: { maxAttempts: 2 } });
    sim.setFaults({ tokenFailures: 2 });
    expect((await errorOf(client.buildingInsights(day(YESTERDAY)))).code).toBe('UPSTREAM_UNAVAILABLE');
    expect(sim.stats.tokenRequests).toBe(2);
    expect(await client.buildingInsights(day(YESTERDAY))).toHaveLength(24);
    expect(sim.stats.tokenRequests).toBe(3);
  });

  it('wrong credentials are UPSTREAM_AUTH after one token request', async () => {
    const client = clientFor(sim, 'session', { clientSecret: 'not-the-secret' });
    expect((await errorOf(client.buildingInsights(day(YESTERDAY)))).code).toBe('UPSTREAM_AUTH');
    expect(sim.stats.tokenRequests).toBe(1);
    expect(sim.stats.graphqlRequests).toBe(0);
  });
});

describe('unknown guessed fields (rejectGuessFields)', () => {
  it('the first call degrades, later calls go straight to the reduced query, warned once', async () => {
    sim.setFaults({ rejectGuessFields: true });
    const log = memoryLogger();
    const client = clientFor(sim, 'session', { logger: log.logger });
    const rows = await client.buildingInsights(day(YESTERDAY));
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.occupancyPosMean === null && r.occupancyMax === null)).toBe(true);
    expect(sim.stats.graphqlRequests).toBe(2);
    await client.buildingInsights(day(20250608));
    await client.buildingInsights(day(20250607, { ids: [71, 104] }));
    expect(sim.stats.graphqlRequests).toBe(4);
    expect(log.text().split('\n').filter((l) => l.includes('lacks guessed fields'))).toHaveLength(1);
  });

  it('buildings keep their time zones (from SITE) and zones lose only their capacity', async () => {
    sim.setFaults({ rejectGuessFields: true });
    const client = clientFor(sim, 'session');
    expect(await client.building(71)).toEqual({ id: 71, name: 'DEMO', timeZone: 'America/Toronto' });
    const zones = await client.zones({ siteIds: [900000222] });
    expect(zones.length).toBeGreaterThan(0);
    expect(zones.every((z) => z.capacity === null && z.name.length > 0)).toBe(true);
  });
});

describe('cache and coalescing', () => {
  it('identical concurrent requests share one upstream call; repeats are cache hits', async () => {
    const client = clientFor(sim, 'session');
    await client.groups();
    sim.resetStats();
    sim.setFaults({ holdMs: 200 });
    const results = await Promise.all(Array.from({ length: 20 }, () => client.buildingInsights(day(20250601))));
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(sim.stats.graphqlRequests).toBe(1);
    expect(client.stats().coalesced).toBe(19);
    sim.setFaults({ holdMs: 0 });
    await client.buildingInsights(day(20250601));
    expect(sim.stats.graphqlRequests).toBe(1);
    expect(client.stats().cacheHits).toBe(1);
  });
});

describe('bad input', () => {
  it('never reaches the simulator', async () => {
    const client = clientFor(sim, 'session');
    for (const p of [
      client.buildingInsights(day(YESTERDAY, { ids: ['71) { secret }'] })),
      client.buildingInsights(day(YESTERDAY, { granularity: 'PT1H"){__schema{types{name}}}#' })),
      client.zoneInsights(day(20250230)),
      client.zoneTypeInsights(day(YESTERDAY, { zoneTypes: ['x"}) { ZONE_TYPE }'] })),
      client.building(-1),
      client.floors(0),
    ]) {
      expect((await errorOf(p)).code).toBe('BAD_INPUT');
    }
    expect(sim.stats.tokenRequests).toBe(0);
    expect(sim.stats.graphqlRequests).toBe(0);
  });
});
