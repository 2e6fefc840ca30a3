import { SIM_DATASET, startSimulator, type RunningSimulator } from '../../../../dev/simulator';
import { NOW, client, newBearer, newSession, postJson } from './helpers';

let sim: RunningSimulator;
let now = NOW;

beforeAll(async () => {
  sim = await startSimulator({ clock: () => now, clientId: 'canary-id', clientSecret: 'canary-secret-123' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  now = NOW;
  sim.setFaults({ sessionTtlSeconds: null });
});

const good = () => ({ client_id: 'canary-id', client_secret: 'canary-secret-123', audience: 'https://global-config.innerspace.io' });
const query = JSON.stringify({ query: '{ BUILDING { ID } }' });

describe('POST /v2/oauth/token', () => {
  test('good credentials and audience give a session id and no expiry by default', async () => {
    const res = await postJson(sim.sessionTokenUrl, good());
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(typeof body.session_id).toBe('string');
    expect(String(body.session_id).length).toBeGreaterThan(20);
    expect(body.expires_in).toBeUndefined();
  });

  test('each exchange gives a different session', async () => {
    expect(await newSession(sim)).not.toBe(await newSession(sim));
  });

  test.each([
    ['wrong secret', 401, { ...good(), client_secret: 'nope' }],
    ['wrong id', 401, { ...good(), client_id: 'nope' }],
    ['wrong audience', 401, { ...good(), audience: 'https://example.com' }],
    ['missing audience', 400, { client_id: 'canary-id', client_secret: 'canary-secret-123' }],
    ['missing secret', 400, { client_id: 'canary-id', audience: good().audience }],
  ])('%s -> %i with a JSON error', async (_name, status, payload) => {
    const res = await postJson(sim.sessionTokenUrl, payload);
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: string; error_description: string };
    expect(body.error).toBe(status === 401 ? 'access_denied' : 'invalid_request');
    expect(JSON.stringify(body)).not.toContain('canary-secret-123');
  });

  test('form bodies, bad JSON and a missing content type are 400', async () => {
    const form = await fetch(sim.sessionTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(good()).toString(),
    });
    expect(form.status).toBe(400);
    const bad = await fetch(sim.sessionTokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"client_id":' });
    expect(bad.status).toBe(400);
    const none = await fetch(sim.sessionTokenUrl, { method: 'POST', body: new Uint8Array(Buffer.from(JSON.stringify(good()))) });
    expect(none.status).toBe(400);
  });

  test('the audience is configurable', async () => {
    const other = await startSimulator({ audience: 'https://tenant.example' });
    try {
      const ok = await postJson(other.sessionTokenUrl, { client_id: 'sim-client', client_secret: 'sim-secret', audience: 'https://tenant.example' });
      expect(ok.status).toBe(200);
      const no = await postJson(other.sessionTokenUrl, { client_id: 'sim-client', client_secret: 'sim-secret', audience: 'https://global-config.innerspace.io' });
      expect(no.status).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('POST /api/rest/oauth/token', () => {
  test('accepts JSON and form bodies and nests the token', async () => {
    const json = await postJson(sim.bearerTokenUrl, { client_id: 'canary-id', client_secret: 'canary-secret-123' });
    expect(json.status).toBe(200);
    const a = (await json.json()) as { oauth_token: { access_token: string; token_type: string; expires_in: number } };
    expect(a.oauth_token).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 86400 });
    const form = await fetch(sim.bearerTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'client_id=canary-id&client_secret=canary-secret-123',
    });
    expect(form.status).toBe(200);
    const b = (await form.json()) as { oauth_token: { access_token: string } };
    expect(b.oauth_token.access_token).not.toBe(a.oauth_token.access_token);
  });

  test('bad credentials are 401, missing fields and other content types 400', async () => {
    expect((await postJson(sim.bearerTokenUrl, { client_id: 'canary-id', client_secret: 'x' })).status).toBe(401);
    expect((await postJson(sim.bearerTokenUrl, { client_id: 'canary-id' })).status).toBe(400);
    const text = await fetch(sim.bearerTokenUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(400);
  });
});

describe('GraphQL endpoints', () => {
  const post = (url: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: query });

  async function expect401(res: Response, code: string) {
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe(code);
    expect(body.errors[0]?.message.length).toBeGreaterThan(5);
  }

  test('/v2/api wants a live X-Session-Id', async () => {
    await expect401(await post(sim.apiUrl, {}), 'access-denied');
    await expect401(await post(sim.apiUrl, { 'x-session-id': 'made-up' }), 'invalid-jwt');
    await expect401(await post(sim.apiUrl, { authorization: `Bearer ${await newBearer(sim)}` }), 'access-denied');
    const ok = await post(sim.apiUrl, { 'x-session-id': await newSession(sim) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { BUILDING: unknown[] } }).data.BUILDING.length).toBeGreaterThanOrEqual(4);
  });

  test('/ wants a live bearer token', async () => {
    await expect401(await post(sim.bearerApiUrl, {}), 'access-denied');
    await expect401(await post(sim.bearerApiUrl, { authorization: 'Bearer made-up' }), 'invalid-jwt');
    await expect401(await post(sim.bearerApiUrl, { authorization: 'Basic abc' }), 'invalid-jwt');
    await expect401(await post(sim.bearerApiUrl, { authorization: `Bearer ${await newSession(sim)}` }), 'invalid-jwt');
    const ok = await post(sim.bearerApiUrl, { authorization: `Bearer ${await newBearer(sim)}` });
    expect(ok.status).toBe(200);
  });

  test('sessions and tokens expire on the simulator clock when a TTL is set', async () => {
    sim.setFaults({ sessionTtlSeconds: 60 });
    const res = await postJson(sim.sessionTokenUrl, good());
    const body = (await res.json()) as { session_id: string; expires_in: number };
    expect(body.expires_in).toBe(60);
    const bearer = await newBearer(sim);
    expect((await post(sim.apiUrl, { 'x-session-id': body.session_id })).status).toBe(200);
    now = new Date(NOW.getTime() + 61_000);
    await expect401(await post(sim.apiUrl, { 'x-session-id': body.session_id }), 'invalid-jwt');
    await expect401(await post(sim.bearerApiUrl, { authorization: `Bearer ${bearer}` }), 'invalid-jwt');
  });

  test('revoking credentials makes every session unknown', async () => {
    const session = await newSession(sim);
    sim.revokeCredentials();
    await expect401(await post(sim.apiUrl, { 'x-session-id': session }), 'invalid-jwt');
  });

  test('bad bodies are 400 in the Hasura error shape', async () => {
    const session = await newSession(sim);
    const bad = await fetch(sim.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-session-id': session }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('parse-failed');
    const noQuery = await postJson(sim.apiUrl, { variables: {} }, { 'x-session-id': session });
    expect(noQuery.status).toBe(400);
    const badVars = await postJson(sim.apiUrl, { query: '{ GROUP { ID } }', variables: [1] }, { 'x-session-id': session });
    expect(badVars.status).toBe(400);
  });

  test('unknown paths are 404, wrong methods 405, health is 200', async () => {
    expect((await fetch(`${sim.url}/v3/api`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(sim.apiUrl)).status).toBe(405);
    expect((await fetch(`${sim.url}/healthz`)).status).toBe(200);
  });

  test('a client sees its session working across many queries', async () => {
    const c = client(sim);
    for (let i = 0; i < 3; i++) expect((await c.rows('{ GROUP { ID } }')).length).toBe(SIM_DATASET.groups.length);
  });
});
