import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insightOperation } from '../../../src/innerspace/queries';
import { clientFor, errorOf, startFakeUpstream, type FakeUpstream } from './fake-upstream';

const q = (day: number, over: Record<string, unknown> = {}) => ({ ids: [71], from: day, to: day, granularity: 'PT1H' as const, ...over });

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());

describe('retries', () => {
  it('429 with Retry-After in seconds: waits at least that long, then succeeds', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 429, headers: { 'retry-after': '1' }, body: {} });
    const started = Date.now();
    await client.buildingInsights(q(20250501));
    // A lower bound only: a busy machine makes the wait longer, never shorter than asked.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.graphql()).toHaveLength(2);
  });

  it('429 with Retry-After as an HTTP-date is honoured (measured against the Date header)', async () => {
    const client = clientFor(fake);
    const date = new Date(Math.floor(Date.now() / 1000) * 1000);
    fake.next('graphql', {
      status: 429,
      headers: { date: date.toUTCString(), 'retry-after': new Date(date.getTime() + 1000).toUTCString() },
      body: {},
    });
    await client.buildingInsights(q(20250501));
    expect(fake.graphql()).toHaveLength(2);
  });

  it('fails at once with UPSTREAM_RATE_LIMITED when Retry-After would pass the deadline', async () => {
    const client = clientFor(fake, { deadlineMs: 30_000 });
    fake.next('graphql', { status: 429, headers: { 'retry-after': '3600' }, body: {} });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(fake.graphql()).toHaveLength(1);
  });

  it('5xx burst is retried, then succeeds', async () => {
    const client = clientFor(fake);
    for (const status of [500, 502, 503]) fake.next('graphql', { status, body: 'oops' });
    const rows = await client.buildingInsights(q(20250501));
    expect(rows).toHaveLength(2);
    expect(fake.graphql()).toHaveLength(4);
    expect(client.stats().upstreamRequests).toBe(4);
  });

  it('persistent 5xx ends in UPSTREAM_UNAVAILABLE after maxAttempts', async () => {
    const client = clientFor(fake, { retry: { maxAttempts: 3 } });
    fake.rule((req) => (req.path === '/v2/api' ? { status: 503, body: {} } : undefined));
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(err.facts).toMatchObject({ status: 503, attempts: 3 });
    expect(fake.graphql()).toHaveLength(3);
  });

  // Slow answers below are held 20 s against a 1 s limit: cut on any machine, however busy,
  // while a normal answer on loopback stays far inside that limit.
  it('a slow answer is cut at timeoutMs per attempt and ends in UPSTREAM_TIMEOUT', async () => {
    const client = clientFor(fake, { timeoutMs: 1_000, deadlineMs: 10_000, retry: { maxAttempts: 2 } });
    await client.groups(); // token first, so only GraphQL is slow
    const sent = client.stats().upstreamRequests;
    fake.rule((req) => (req.path === '/v2/api' ? { delayMs: 20_000, body: { data: { BUILDING_INSIGHTS: [] } } } : undefined));
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_TIMEOUT');
    expect(err.facts.attempts).toBe(2);
    // Counted by the client: an attempt cut before the server read its body is still one sent.
    expect(client.stats().upstreamRequests - sent).toBe(2);
  });

  it('a slow first answer is retried and the second succeeds', async () => {
    const client = clientFor(fake, { timeoutMs: 1_000 });
    fake.next('graphql', (req) => ({ delayMs: 20_000, ...nothing(req) }));
    const rows = await client.buildingInsights(q(20250501));
    expect(rows).toHaveLength(2);
  });

  it('an unreachable server is UPSTREAM_UNAVAILABLE', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const client = clientFor(fake, { tokenUrl: `http://127.0.0.1:${port}/v2/oauth/token`, retry: { maxAttempts: 2 } });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(client.stats().tokenRequests).toBe(2);
  });
});

function nothing(_req: unknown) {
  return { body: { data: { BUILDING_INSIGHTS: [] } } };
}

describe('no retry', () => {
  it('400 is UPSTREAM_BAD_REQUEST, one request, messages kept', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 400, body: { errors: [{ message: 'Variable "$id" of required type "Int!" was not provided.' }] } });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_BAD_REQUEST');
    expect(err.facts.messages).toEqual(['Variable "$id" of required type "Int!" was not provided.']);
    expect(fake.graphql()).toHaveLength(1);
  });

  it('errors[] in a 200 is UPSTREAM_GRAPHQL with the messages, never the variables or headers', async () => {
    const client = clientFor(fake);
    fake.next('graphql', {
      status: 200,
      body: { data: null, errors: [{ message: 'division by zero', extensions: { code: 'data-exception', path: '$' } }] },
    });
    const err = await errorOf(client.buildingInsights(q(20250501, { groupId: 'e707b3a8-0732-49ae-9156-13ff1138540e' })));
    expect(err.code).toBe('UPSTREAM_GRAPHQL');
    expect(err.facts).toEqual({ upstream: 'innerspace', operation: 'BuildingInsights', status: 200, messages: ['division by zero'], codes: ['data-exception'] });
    const text = JSON.stringify(err) + err.message;
    expect(text).not.toContain('e707b3a8');
    expect(text).not.toContain(fake.issued[0]);
    expect(fake.graphql()).toHaveLength(1);
  });

  it('a GraphQL validation error on a confirmed field is not retried', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 200, body: { errors: [{ message: "field 'OCCUPANCY_MEAN' not found in type: 'BUILDING_INSIGHTS'", extensions: { code: 'validation-failed' } }] } });
    expect((await errorOf(client.buildingInsights(q(20250501)))).code).toBe('UPSTREAM_GRAPHQL');
    expect(fake.graphql()).toHaveLength(1);
  });
});

describe('unreadable answers', () => {
  it('malformed JSON once is retried; twice is UPSTREAM_BAD_DATA', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { body: '{"data": {"BUILDING_INSIGHTS": [' });
    expect(await client.buildingInsights(q(20250501))).toHaveLength(2);
    fake.next('graphql', { body: '{"data": ' });
    fake.next('graphql', { body: 'null}' });
    const err = await errorOf(client.buildingInsights(q(20250502)));
    expect(err.code).toBe('UPSTREAM_BAD_DATA');
    expect(err.message).not.toContain('null}');
  });

  it('an HTML page with status 200 is UPSTREAM_BAD_DATA', async () => {
    const client = clientFor(fake);
    const html = { headers: { 'content-type': 'text/html' }, body: '<html>maintenance</html>' };
    fake.next('graphql', html);
    fake.next('graphql', html);
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_BAD_DATA');
    expect(err.message).not.toContain('maintenance');
  });

  it('a bad value in a row is UPSTREAM_BAD_DATA naming the field', async () => {
    const client = clientFor(fake);
    fake.next('graphql', {
      body: {
        data: {
          BUILDING_INSIGHTS: [
            { BUILDING_ID: 71, SITE_ID: 1, DATE_PARTITION: 20250501, DATE_TIME_START: '2025-05-01T08:00:00Z', GRANULARITY: 'PT1H', GROUP_ID: 'g', OCCUPANCY_MEAN: -3 },
          ],
        },
      },
    });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_BAD_DATA');
    expect(err.facts).toMatchObject({ field: 'OCCUPANCY_MEAN', row: 0, reason: 'negative' });
  });
});

describe('input is data', () => {
  it.each([
    ['ids', { ids: ['71) { secret }'] }],
    ['ids', { ids: [-1] }],
    ['granularity', { granularity: 'PT1H"){__schema{types{name}}}#' }],
    ['groupId', { groupId: '"){__schema{types{name}}}#' }],
    ['from', { from: 20250230 }],
  ])('bad %s is BAD_INPUT and nothing goes upstream', async (field, over) => {
    const client = clientFor(fake);
    const err = await errorOf(client.buildingInsights(q(20250501, over)));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.facts.field).toBe(field);
    expect(fake.server.requests).toHaveLength(0);
  });

  it('bad ids in reference calls are BAD_INPUT too', async () => {
    const client = clientFor(fake);
    for (const p of [client.building(0), client.floors(1.5), client.sites(Number.NaN), client.zones({}), client.zones({ ids: [] })]) {
      expect((await errorOf(p)).code).toBe('BAD_INPUT');
    }
    expect((await errorOf(client.zoneInsights(q(20250501, { zoneTypes: ['meeting_room'] })))).code).toBe('BAD_INPUT');
    expect(fake.server.requests).toHaveLength(0);
  });

  it('the document sent is byte-identical to the constant; values travel only as variables', async () => {
    const client = clientFor(fake);
    await client.buildingInsights(q(20250501, { ids: [72, 71], siteIds: [900000222], startFrom: Date.UTC(2025, 4, 1, 12) }));
    const sent = fake.graphql()[0]?.json as { query: string; variables: Record<string, unknown>; operationName: string };
    const op = insightOperation('BUILDING_INSIGHTS', { manyIds: true, sites: true, startFrom: true, zoneTypes: false });
    expect(sent.query).toBe(op.full);
    expect(sent.operationName).toBe(op.name);
    expect(sent.variables).toEqual({
      ids: [71, 72],
      from: 20250501,
      to: 20250501,
      granularity: 'PT1H',
      groupId: '00000000-0000-0000-0000-000000000000',
      siteIds: [900000222],
      startFrom: '2025-05-01T12:00:00.000Z',
    });
  });
});
