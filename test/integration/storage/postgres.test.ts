/**
 * The PostgreSQL driver against a real server (test/support/postgres.ts): what its columns read
 * back as, that the int8 parser is this pool's alone, the pool's size, and the store's health.
 */
import { sql } from 'kysely';
import pg from 'pg';
import type { Store } from '../../../src/ports/store';
import { openDatabase, openStore, parseDatabaseUrl, type Database, type PostgresTarget } from '../../../src/storage';
import { createStore } from '../../../src/storage';
import { MIGRATIONS } from '../../../src/storage/migrations';
import { silentLogger } from '../../support/logger';
import { PATIENCE_MS } from '../../support/patience';
import { testDatabase, type TestDatabase } from '../../support/postgres';

const T0 = Date.parse('2025-11-25T12:00:00.000Z');
const TEAM = 'T1';

let database: TestDatabase;
const closing: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  database = await testDatabase();
});

afterEach(async () => {
  for (const c of closing.splice(0)) await c.close();
  await database.drop();
});

async function open(url = database.url, poolSize?: number): Promise<Database> {
  const db = await openDatabase({ url, logger: silentLogger(), ...(poolSize ? { poolSize } : {}) });
  closing.push(db);
  return db;
}

function adminClient(url = database.url): pg.Client {
  const t = parseDatabaseUrl(url) as PostgresTarget;
  return new pg.Client({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database });
}

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PostgreSQL columns read back as the codec expects', () => {
  test('bigint instants and identity ids are numbers, double precision is a number, JSON text is a string', async () => {
    const db = await open();
    const store = createStore(db, { now: () => T0 });
    const sub = await store.subscriptions.create({
      teamId: TEAM, createdBy: 'U1', scopeKind: 'building', scopeId: 71, measure: 'people', direction: 'above',
      threshold: 120.25, recovery: 99.5, minDuration: 2, granularity: 'PT1H', destinationKind: 'channel', destinationId: 'C1',
      quietHours: { start: '22:00', end: '07:00', zone: 'Europe/London' }, renotifyMinutes: null,
    });
    const row = await db.db.selectFrom('subscriptions').select(['id', 'created_at', 'threshold', 'quiet_hours']).where('id', '=', sub.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ id: sub.id, created_at: T0, threshold: 120.25, quiet_hours: '{"start":"22:00","end":"07:00","zone":"Europe/London"}' });
    const counted = await sql<{ n: unknown; big: unknown }>`select count(*) as n, ${Number.MAX_SAFE_INTEGER}::bigint as big from subscriptions`.execute(db.db);
    expect(counted.rows).toEqual([{ n: 1, big: Number.MAX_SAFE_INTEGER }]);
  });

  test('a bigint beyond Number.MAX_SAFE_INTEGER fails the query loudly instead of rounding', async () => {
    const db = await open();
    const query = sql`select 9007199254740993::bigint as too_big`.execute(db.db);
    await expect(query).rejects.toMatchObject({ code: 'STORAGE', message: expect.stringContaining('MAX_SAFE_INTEGER') });
    // The connection is still good afterwards.
    expect((await sql<{ ok: number }>`select 1::bigint as ok`.execute(db.db)).rows).toEqual([{ ok: 1 }]);
  });

  test("the int8 parser is this pool's own: pg's global parsers and other clients still read int8 as text", async () => {
    await open();
    expect(pg.types.getTypeParser(20, 'text')('42')).toBe('42');
    const other = adminClient();
    await other.connect();
    try {
      expect((await other.query('select 42::bigint as n')).rows).toEqual([{ n: '42' }]);
    } finally {
      await other.end();
    }
  });
});

describe('the connection pool', () => {
  test('holds no more connections than DATABASE_POOL_SIZE, however many calls wait', async () => {
    const url = `${database.url}?application_name=pool-size-test`;
    const store: Store = await openStore({ url, logger: silentLogger(), poolSize: 3 });
    closing.push(store);
    const admin = adminClient();
    await admin.connect();
    // A second client watches: inside the locking transaction pg_stat_activity would be one snapshot.
    const observer = adminClient();
    await observer.connect();
    const connections = async (filter = '') =>
      Number((await observer.query(`select count(*)::int as n from pg_stat_activity where application_name = 'pool-size-test' ${filter}`)).rows[0].n);
    try {
      // An exclusive lock makes every read wait on the server, holding its connection.
      await admin.query('begin');
      await admin.query('lock table digests in access exclusive mode');
      const reads = Array.from({ length: 8 }, () => store.digests.listByTeam(TEAM));
      await until(async () => (await connections("and wait_event_type = 'Lock'")) === 3, 'three reads waiting on the lock');
      for (let i = 0; i < 10; i++) expect(await connections()).toBeLessThanOrEqual(3);
      await admin.query('commit');
      expect(await Promise.all(reads)).toEqual(Array.from({ length: 8 }, () => []));
    } finally {
      await admin.end();
      await observer.end();
    }
  });

  test('survives the server closing an idle connection: the next call gets another', async () => {
    const url = `${database.url}?application_name=idle-kill-test`;
    const store = await openStore({ url, logger: silentLogger() });
    closing.push(store);
    await store.digests.listByTeam(TEAM);
    const admin = adminClient();
    await admin.connect();
    try {
      const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'idle-kill-test'`);
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    await until(async () => (await store.health()).ok, 'the store to answer again');
    expect(await store.digests.listByTeam(TEAM)).toEqual([]);
  });
});

describe('migrations', () => {
  test('replicas starting together apply each migration once (the migration lock) and all open', async () => {
    const stores = await Promise.all(Array.from({ length: 6 }, () => openStore({ url: database.url, logger: silentLogger(), poolSize: 2 })));
    closing.push(...stores);
    const db = await open();
    const applied = await sql<{ name: string; n: number }>`select name, count(*)::int as n from kysely_migration group by name order by name`.execute(db.db);
    expect(applied.rows).toEqual(Object.keys(MIGRATIONS).sort().map((name) => ({ name, n: 1 })));
    for (const store of stores) expect(await store.health()).toEqual({ engine: 'postgres', ok: true, migrations: 'current' });
    // And each of them works on the one schema.
    await stores[0]!.digests.listByTeam(TEAM);
    expect(await stores[5]!.digests.listByTeam(TEAM)).toEqual([]);
  });
});

describe('store health', () => {
  test('a fresh store is reachable with its migrations current', async () => {
    const store = await openStore({ url: database.url, logger: silentLogger() });
    closing.push(store);
    expect(await store.health()).toEqual({ engine: 'postgres', ok: true, migrations: 'current' });
  });

  test('migrations a newer replica applied are reported, and still ok; missing ones are not ok', async () => {
    const store = await openStore({ url: database.url, logger: silentLogger() });
    closing.push(store);
    const db = await open();
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-a-newer-version', '2030-01-01T00:00:00.000Z')`.execute(db.db);
    expect(await store.health()).toEqual({ engine: 'postgres', ok: true, migrations: 'newer' });
    await sql`delete from kysely_migration where name = '001-initial'`.execute(db.db);
    expect(await store.health()).toMatchObject({ engine: 'postgres', ok: false, migrations: 'behind' });
  });

  test('a database that went away is not ok, says why in a few words, and never throws', async () => {
    const store = await openStore({ url: database.url, logger: silentLogger() });
    closing.push(store);
    await database.drop();
    const health = await store.health();
    expect(health).toMatchObject({ engine: 'postgres', ok: false, migrations: 'unknown', problem: expect.stringContaining('did not answer') });
  });

  test('a closed store is not ok', async () => {
    const store = await openStore({ url: database.url, logger: silentLogger() });
    await store.close();
    expect(await store.health()).toEqual({ engine: 'postgres', ok: false, migrations: 'unknown', problem: 'the store is closed' });
  });
});
