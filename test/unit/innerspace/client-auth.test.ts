import { clientFor, errorOf, NIL, startFakeUpstream, type FakeUpstream } from './fake-upstream';
import { renewalTime } from '../../../src/innerspace/auth';

const q = (day: number) => ({ ids: [71], from: day, to: day, granularity: 'PT1H' as const });

describe('auth: session mode', () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await startFakeUpstream();
  });
  afterEach(() => fake.close());

  it('exchanges {client_id, client_secret, audience} for a session sent as X-Session-Id', async () => {
    const client = clientFor(fake);
    await client.buildingInsights(q(20250501));
    const [tok] = fake.tokens();
    expect(tok?.json).toEqual({ client_id: 'client-id', client_secret: expect.any(String), audience: 'https://global-config.innerspace.io' });
    expect(tok?.headers['content-type']).toBe('application/json');
    const [gql] = fake.graphql();
    expect(gql?.headers['x-session-id']).toBe(fake.issued[0]);
    expect(gql?.headers.authorization).toBeUndefined();
  });

  it('50 concurrent calls without a token make exactly one token request', async () => {
    const client = clientFor(fake);
    const days = Array.from({ length: 50 }, (_, i) => 20250101 + (i % 28) + 100 * Math.floor(i / 28));
    await Promise.all(days.map((d) => client.buildingInsights(q(d))));
    expect(fake.tokens()).toHaveLength(1);
    expect(new Set(fake.graphql().map((r) => r.headers['x-session-id']))).toEqual(new Set([fake.issued[0]]));
    expect(client.stats().tokenRequests).toBe(1);
  });

  it('a failed token request is not cached: every waiter fails, the next call tries again', async () => {
    const client = clientFor(fake, { retry: { maxAttempts: 1 } });
    fake.next('token', { status: 500, body: {} });
    const results = await Promise.allSettled([client.buildingInsights(q(20250501)), client.buildingInsights(q(20250502))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(fake.tokens()).toHaveLength(1);
    await client.buildingInsights(q(20250501));
    expect(fake.tokens()).toHaveLength(2);
  });

  it('token request 5xx answers are retried like queries', async () => {
    const client = clientFor(fake);
    fake.next('token', { status: 503, body: {} });
    fake.next('token', { status: 502, body: 'upstream down' });
    await client.buildingInsights(q(20250501));
    expect(fake.tokens()).toHaveLength(3);
  });

  it('a token endpoint that hangs is cut at timeoutMs and retried', async () => {
    // Held 20 s against a 1 s limit: cut however busy the machine; the retry answers at once.
    const client = clientFor(fake, { timeoutMs: 1_000 });
    fake.next('token', { delayMs: 20_000, body: { session_id: 'too-late-session' } });
    await client.buildingInsights(q(20250501));
    expect(fake.tokens()).toHaveLength(2);
    expect(fake.graphql()[0]?.headers['x-session-id']).toBe(fake.issued[0]);
  });

  it.each([401, 403, 400])('token request HTTP %i is UPSTREAM_AUTH without retry', async (status) => {
    const client = clientFor(fake);
    fake.next('token', { status, body: { error: 'access_denied' } });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_AUTH');
    expect(fake.tokens()).toHaveLength(1);
    expect(fake.graphql()).toHaveLength(0);
  });

  it('a token response without session_id is UPSTREAM_AUTH; a non-JSON one is UPSTREAM_BAD_DATA', async () => {
    const client = clientFor(fake);
    fake.next('token', { body: { sessionId: 'wrong-name' } });
    expect((await errorOf(client.buildingInsights(q(20250501)))).code).toBe('UPSTREAM_AUTH');
    fake.next('token', { body: 'not json' });
    fake.next('token', { body: 'not json' });
    expect((await errorOf(client.buildingInsights(q(20250501)))).code).toBe('UPSTREAM_BAD_DATA');
  });

  it('expires_in is honoured: the token is renewed shortly before it expires', async () => {
    let now = Date.UTC(2025, 4, 1, 12);
    const client = clientFor(fake, { now: () => new Date(now) });
    fake.next('token', () => {
      fake.issued.push('sess-expiring-0001');
      return { body: { session_id: 'sess-expiring-0001', expires_in: 3600 } };
    });
    await client.buildingInsights(q(20250401));
    now = renewalTime(Date.UTC(2025, 4, 1, 12), 3600) - 1;
    await client.buildingInsights(q(20250402));
    expect(fake.tokens()).toHaveLength(1);
    now += 1;
    await client.buildingInsights(q(20250403));
    expect(fake.tokens()).toHaveLength(2);
    expect(renewalTime(0, 3600)).toBe(3540_000);
    expect(renewalTime(0, 100)).toBe(90_000);
  });

  it('re-authenticates once on HTTP 401 and replays', async () => {
    const client = clientFor(fake);
    await client.buildingInsights(q(20250501));
    fake.next('graphql', { status: 401, body: { errors: [{ message: 'session expired' }] } });
    const rows = await client.buildingInsights(q(20250502));
    expect(rows.length).toBeGreaterThan(0);
    expect(fake.tokens()).toHaveLength(2);
    expect(fake.graphql().at(-1)?.headers['x-session-id']).toBe(fake.issued[1]);
  });

  it('gives up with UPSTREAM_AUTH when the fresh session is refused too (at most 2 token calls)', async () => {
    const client = clientFor(fake);
    fake.rule((req) => (req.path !== '/v2/oauth/token' ? { status: 401, body: {} } : undefined));
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_AUTH');
    expect(fake.tokens()).toHaveLength(2);
    expect(fake.graphql()).toHaveLength(2);
  });

  it.each([
    [{ message: 'Could not verify JWT: JWTExpired', extensions: { code: 'invalid-jwt', path: '$' } }],
    [{ message: 'access denied', extensions: { code: 'access-denied' } }],
    [{ message: 'Session not found' }],
  ])('an auth-looking error inside a 200 re-authenticates: %p', async (error) => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 200, body: { errors: [error], data: null } });
    await client.buildingInsights(q(20250501));
    expect(fake.tokens()).toHaveLength(2);
  });

  it('403 is UPSTREAM_AUTH with no retry and no re-authentication', async () => {
    const client = clientFor(fake);
    fake.next('graphql', { status: 403, body: { errors: [{ message: 'not entitled to building 71' }] } });
    const err = await errorOf(client.buildingInsights(q(20250501)));
    expect(err.code).toBe('UPSTREAM_AUTH');
    expect(fake.graphql()).toHaveLength(1);
    expect(fake.tokens()).toHaveLength(1);
  });
});

describe('auth: bearer mode', () => {
  let fake: FakeUpstream;
  beforeEach(async () => {
    fake = await startFakeUpstream({ auth: 'bearer' });
  });
  afterEach(() => fake.close());

  it('posts {client_id, client_secret}, reads oauth_token.access_token, sends Authorization: Bearer', async () => {
    const client = clientFor(fake, { auth: 'bearer' });
    await client.groups();
    expect(fake.tokens()[0]?.json).toEqual({ client_id: 'client-id', client_secret: expect.any(String) });
    expect(fake.graphql()[0]?.headers.authorization).toBe(`Bearer ${fake.issued[0]}`);
    expect(fake.graphql()[0]?.headers['x-session-id']).toBeUndefined();
  });

  it('also reads a top-level access_token', async () => {
    const client = clientFor(fake, { auth: 'bearer' });
    fake.next('token', () => {
      fake.issued.push('flat-token-abcdef');
      return { body: { access_token: 'flat-token-abcdef', expires_in: 72000 } };
    });
    expect(await client.groups()).toEqual([{ id: NIL, name: 'Everyone' }]);
    expect(fake.graphql()[0]?.headers.authorization).toBe('Bearer flat-token-abcdef');
  });
});
