import { NO_FAULTS, SIM_DATASET, startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { NOW, newSession, postJson } from './helpers';
import { PATIENCE_MS } from '../../../support/patience';

let sim: RunningSimulator;
let session: string;
const Q = { query: '{ GROUP { ID } }' };

beforeAll(async () => {
  sim = await startSimulator({ clock: () => NOW });
  session = await newSession(sim);
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.setFaults(NO_FAULTS);
  sim.resetStats();
});

const ask = (payload: unknown = Q, s = session) => postJson(sim.apiUrl, payload, { 'x-session-id': s });
const statuses = async (n: number) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await ask()).status);
  return out;
};

describe('fault knobs', () => {
  test('latencyMs delays every GraphQL response', async () => {
    sim.setFaults({ latencyMs: 150 });
    const t0 = Date.now();
    expect((await ask()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  test('a client timeout fires against a slow server', async () => {
    const slow = await startSimulator({ faults: { latencyMs: 5_000 } });
    try {
      const s = await newSession(slow);
      const req = fetch(slow.apiUrl, { method: 'POST', body: JSON.stringify(Q), headers: { 'x-session-id': s }, signal: AbortSignal.timeout(50) });
      await expect(req).rejects.toThrow();
    } finally {
      await slow.close();
    }
  });

  test('holdMs keeps queries in flight; close() releases them', async () => {
    const held = await startSimulator({ faults: { holdMs: 60_000 } });
    const s = await newSession(held);
    const pending = postJson(held.apiUrl, Q, { 'x-session-id': s }).then((r) => r.status, () => 'closed');
    // Wait until the server has the query in hand (however long a busy machine takes to send it).
    const giveUpAt = Date.now() + PATIENCE_MS;
    while (held.stats.graphqlRequests === 0 && Date.now() < giveUpAt) await new Promise((r) => setTimeout(r, 10));
    expect(held.stats.graphqlRequests).toBe(1);
    await held.close();
    expect(await pending).toBe('closed');
  });

  test('errorRate answers a seeded share of requests with 500, the same on every run', async () => {
    const run = async () => {
      const fresh = await startSimulator({ faults: { errorRate: 0.5 } });
      try {
        const s = await newSession(fresh);
        const seen: number[] = [];
        for (let i = 0; i < 40; i++) seen.push((await postJson(fresh.apiUrl, Q, { 'x-session-id': s })).status);
        return seen;
      } finally {
        await fresh.close();
      }
    };
    const seen = await run();
    expect(seen.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(seen.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await run()).toEqual(seen);
    sim.setFaults({ errorRate: 1 });
    const res = await ask();
    expect(res.status).toBe(500);
    expect(((await res.json()) as { errors: unknown[] }).errors.length).toBe(1);
  });

  test('rateLimit answers the next N with 429 and Retry-After (seconds or HTTP date)', async () => {
    sim.setFaults({ rateLimit: { next: 2, retryAfter: '3' } });
    const first = await ask();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(sim.faults.rateLimit?.next).toBe(1);
    expect((await ask()).status).toBe(429);
    expect((await ask()).status).toBe(200);
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    sim.setFaults({ rateLimit: { next: 1, retryAfter: date } });
    expect((await ask()).headers.get('retry-after')).toBe(date);
  });

  test('serverErrorBurst answers the next N with gateway pages', async () => {
    sim.setFaults({ serverErrorBurst: 3 });
    const res = await ask();
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('503');
    expect(await statuses(3)).toEqual([502, 503, 200]);
  });

  test('malformedJson truncates the next N bodies with status 200', async () => {
    sim.setFaults({ malformedJson: 1 });
    const res = await ask();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"data"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
    expect(((await (await ask()).json()) as { data: unknown }).data).toBeDefined();
  });

  test('graphqlErrors answers the next N with errors and null data', async () => {
    sim.setFaults({ graphqlErrors: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await ask();
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: unknown; errors: { message: string }[] };
      expect(body.data).toBeNull();
      expect(body.errors[0]?.message).toMatch(/database query error/);
    }
    expect(((await (await ask()).json()) as { data: { GROUP: unknown[] } }).data.GROUP.length).toBe(SIM_DATASET.groups.length);
  });

  test('rejectGuessFields serves the schema without the guessed fields', async () => {
    sim.setFaults({ rejectGuessFields: true });
    const insights = '{ BUILDING_INSIGHTS(where: {SITE_ID: {_eq: 900000222}, DATE_PARTITION: {_eq: 20250501}, GRANULARITY: {_eq: "P1D"}}) { OCCUPANCY_MEAN OCCUPANCY_MAX } }';
    const rejected = (await (await ask({ query: insights })).json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(rejected.errors[0]).toMatchObject({
      message: 'Cannot query field "OCCUPANCY_MAX" on type "BUILDING_INSIGHTS".',
      extensions: { code: 'validation-failed' },
    });
    for (const q of ['{ BUILDING { TIME_ZONE } }', '{ ZONE { CAPACITY } }', '{ ZONE_TYPE_INSIGHTS { OCCUPANCY_POS_MEAN } }']) {
      const body = (await (await ask({ query: q })).json()) as { errors?: unknown[] };
      expect(body.errors?.length).toBe(1);
    }
    const confirmed = (await (await ask({ query: insights.replace(' OCCUPANCY_MAX', '') })).json()) as { data: { BUILDING_INSIGHTS: unknown[] } };
    // One row per group: no GROUP_ID pinned.
    expect(confirmed.data.BUILDING_INSIGHTS.length).toBe(SIM_DATASET.groups.length);
    sim.setFaults({ rejectGuessFields: false });
    const full = (await (await ask({ query: insights })).json()) as { data: { BUILDING_INSIGHTS: unknown[] } };
    expect(full.data.BUILDING_INSIGHTS.length).toBe(SIM_DATASET.groups.length);
  });

  test('tokenFailures answers the next N token requests with 500', async () => {
    sim.setFaults({ tokenFailures: 2 });
    const creds = { client_id: sim.clientId, client_secret: sim.clientSecret, audience: sim.audience };
    expect((await postJson(sim.sessionTokenUrl, creds)).status).toBe(500);
    expect((await postJson(sim.bearerTokenUrl, creds)).status).toBe(500);
    expect((await postJson(sim.sessionTokenUrl, creds)).status).toBe(200);
  });

  test('sessionTtlSeconds adds expires_in to the session response', async () => {
    sim.setFaults({ sessionTtlSeconds: 30 });
    const res = await postJson(sim.sessionTokenUrl, { client_id: sim.clientId, client_secret: sim.clientSecret, audience: sim.audience });
    expect(((await res.json()) as { expires_in: number }).expires_in).toBe(30);
  });

  test('bad settings are refused', () => {
    expect(() => sim.setFaults({ errorRate: 2 })).toThrow(RangeError);
    expect(() => sim.setFaults({ latencyMs: -1 })).toThrow(RangeError);
  });
});

describe('stats', () => {
  test('count token and GraphQL requests, root fields and status codes; reset clears them', async () => {
    sim.resetStats();
    await newSession(sim);
    await ask({ query: '{ GROUP { ID } ZONE { ID } b: ZONE { NAME } }' });
    await ask(Q, 'bogus');
    sim.setFaults({ rateLimit: { next: 1 } });
    await ask();
    expect(sim.stats).toEqual({
      tokenRequests: 1,
      graphqlRequests: 3,
      rootFields: { GROUP: 1, ZONE: 2 },
      statusCodes: { '200': 2, '401': 1, '429': 1 },
    });
    sim.resetStats();
    expect(sim.stats).toEqual({ tokenRequests: 0, graphqlRequests: 0, rootFields: {}, statusCodes: {} });
  });
});
