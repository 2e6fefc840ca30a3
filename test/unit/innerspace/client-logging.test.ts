import { createLogger } from '../../../src/logging/logger';
import { Writable } from 'node:stream';
import { CANARY_SECRET, clientFor, errorOf, memoryLogger, startFakeUpstream, type FakeUpstream } from './fake-upstream';

const q = (day: number) => ({ ids: [71], from: day, to: day, granularity: 'PT1H' as const });

let fake: FakeUpstream;
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());

describe('logging', () => {
  it('one debug line per call with the operation and its duration; retries at info', async () => {
    const log = memoryLogger();
    const client = clientFor(fake, { logger: log.logger });
    fake.next('graphql', { status: 503, body: {} });
    await client.buildingInsights(q(20250501));
    const lines = log.lines();
    const done = lines.filter((l) => l.msg === 'InnerSpace call done');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ level: 20, component: 'innerspace', operation: 'BuildingInsights', durationMs: expect.any(Number) });
    const retry = lines.filter((l) => l.msg === 'retrying InnerSpace call');
    expect(retry).toHaveLength(1);
    expect(retry[0]).toMatchObject({ level: 30, status: 503, attempt: 1 });
  });

  it('the client never writes the client secret or a session id, even on error paths (no scrubbing)', async () => {
    const log = memoryLogger();
    const client = clientFor(fake, { logger: log.logger });
    const errors: unknown[] = [];
    await client.buildingInsights(q(20250501));
    fake.next('graphql', { status: 401, body: { errors: [{ message: 'session expired' }] } });
    await client.buildingInsights(q(20250502));
    for (const reply of [
      { status: 400, body: { errors: [{ message: 'bad' }] } },
      { status: 200, body: { errors: [{ message: 'boom' }] } },
      { status: 403, body: {} },
      { body: '{nope' },
      { body: '{nope' },
    ]) {
      fake.next('graphql', reply);
    }
    for (let d = 3; d <= 6; d += 1) errors.push(await errorOf(client.buildingInsights(q(20250500 + d))));
    fake.rule((req) => (req.path === '/v2/api' ? { status: 401, body: {} } : undefined));
    errors.push(await errorOf(client.buildingInsights(q(20250507))));
    fake.rule((req) => (req.path === '/v2/oauth/token' ? { status: 403, body: {} } : undefined));
    errors.push(await errorOf(client.buildingInsights(q(20250508))));

    expect(fake.issued.length).toBeGreaterThanOrEqual(3);
    const everything = log.text() + JSON.stringify(errors);
    expect(everything).not.toContain(CANARY_SECRET);
    for (const id of fake.issued) expect(everything).not.toContain(id);
    expect(log.lines().some((l) => l.level === 40)).toBe(true);
  });

  it('onSecret learns the client secret and every session id, so the app logger can scrub them', async () => {
    const learned: string[] = [];
    const client = clientFor(fake, { onSecret: (s) => learned.push(s) });
    await client.buildingInsights(q(20250501));
    fake.next('graphql', { status: 401, body: {} });
    await client.buildingInsights(q(20250502));
    expect(learned).toEqual([CANARY_SECRET, ...fake.issued]);
  });

  it('with the app logger and onSecret, a secret that reaches a log line is scrubbed', async () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _e, cb) {
        out += chunk.toString('utf8');
        cb();
      },
    });
    const { logger, addSecret } = createLogger({ level: 'trace', destination });
    const client = clientFor(fake, { logger, onSecret: addSecret });
    await client.buildingInsights(q(20250501));
    // A careless caller logging a value that happens to be the session id.
    logger.info({ note: `session ${fake.issued[0]}`, secret: CANARY_SECRET }, `using ${fake.issued[0]}`);
    expect(out).toContain('[REDACTED]');
    expect(out).not.toContain(fake.issued[0]);
    expect(out).not.toContain(CANARY_SECRET);
  });
});
