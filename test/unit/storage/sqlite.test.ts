import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { silentLogger } from '../../support/logger';
import { DEFAULT_DIGEST_OPTIONS, type NewDigest } from '../../../src/domain/digest';
import type { NewSubscription } from '../../../src/domain/subscription';
import type { Store } from '../../../src/ports/store';
import { openStore } from '../../../src/storage';
import { openSqliteDatabase, type SqliteDatabase } from '../../../src/storage/sqlite';

const T0 = Date.parse('2025-11-25T12:00:00.000Z');
const digestInput: NewDigest = {
  teamId: 'T1',
  channelId: 'C1',
  createdBy: 'U1',
  buildingIds: [71],
  timeOfDay: '08:00',
  days: [1, 2, 3, 4, 5],
  timeZone: 'Europe/London',
  options: { chart: true, topZones: false, perFloor: true, weekOverWeek: false, skipWhenNoData: true },
};
const subscriptionInput: NewSubscription = {
  teamId: 'T1',
  createdBy: 'U1',
  scopeKind: 'building',
  scopeId: 71,
  measure: 'people',
  direction: 'above',
  threshold: 120,
  recovery: 100,
  minDuration: 2,
  granularity: 'PT1H',
  destinationKind: 'dm',
  destinationId: 'U1',
  quietHours: null,
  renotifyMinutes: null,
};

let dir: string;
let file: string;
const opened: { close(): Promise<void> }[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-sqlite-'));
  file = path.join(dir, 'bot.db');
});

afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openDb(at: string): Promise<SqliteDatabase> {
  const db = await openSqliteDatabase({ path: at, logger: silentLogger() });
  opened.push(db);
  return db;
}

async function store(): Promise<Store> {
  const s = await openStore({ url: `sqlite:${file}`, logger: silentLogger(), now: () => T0 });
  opened.push(s);
  return s;
}

/** Edits the file behind the store's back, as an older version or a damaged disk would. */
function raw(statement: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(file);
  try {
    db.prepare(statement).run(...params);
  } finally {
    db.close();
  }
}

async function pragma(db: SqliteDatabase, name: string): Promise<unknown> {
  const result = await sql<Record<string, unknown>>`select * from ${sql.raw(`pragma_${name}`)}`.execute(db.db);
  return Object.values(result.rows[0] ?? {})[0];
}

describe('openSqliteDatabase', () => {
  test('creates missing parent folders and the file, in WAL mode with foreign keys and a busy timeout', async () => {
    const nested = path.join(dir, 'a', 'b', 'bot.db');
    const db = await openDb(nested);
    expect(fs.existsSync(nested)).toBe(true);
    expect(db.dialect).toBe('sqlite');
    expect(db.journalMode).toBe('wal');
    expect(await pragma(db, 'journal_mode')).toBe('wal');
    expect(await pragma(db, 'foreign_keys')).toBe(1);
    expect(await pragma(db, 'busy_timeout')).toBe(5000);
    expect(await pragma(db, 'synchronous')).toBe(2);
  });

  test('accepts :memory: and still migrates', async () => {
    const db = await openDb(':memory:');
    expect(db.journalMode).toBe('memory');
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' order by name`.execute(db.db);
    expect(tables.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['alert_state', 'digest_runs', 'digests', 'notices', 'scope_watermarks', 'subscriptions']),
    );
  });

  test('a path that cannot hold a database is a STORAGE error', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'x');
    await expect(openSqliteDatabase({ path: path.join(blocker, 'bot.db'), logger: silentLogger() })).rejects.toMatchObject({ code: 'STORAGE' });
  });

  test('close is idempotent', async () => {
    const db = await openSqliteDatabase({ path: path.join(dir, 'c.db'), logger: silentLogger() });
    await db.close();
    await db.close();
    await expect(sql`select 1`.execute(db.db)).rejects.toThrow();
  });
});

describe('the store on SQLite', () => {
  test('two connections to one file racing for the same claim: exactly one wins', async () => {
    const a = await store();
    const b = await store();
    const digest = await a.digests.create(digestInput);
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).digestRuns.claim(digest.id, '2025-11-25', 'T1', T0 + i)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  test('instants are stored as integer epoch milliseconds, reals as real and JSON as text', async () => {
    const s = await store();
    const d = await s.digests.create(digestInput);
    const sub = await s.subscriptions.create(subscriptionInput);
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const row = db.prepare('select created_at, typeof(created_at) t, building_ids, days from digests where id = ?').get(d.id);
      expect(row).toEqual({ created_at: T0, t: 'integer', building_ids: '[71]', days: '[1,2,3,4,5]' });
      expect(db.prepare('select typeof(threshold) t, typeof(updated_at) u from subscriptions where id = ?').get(sub.id)).toEqual({ t: 'real', u: 'integer' });
    } finally {
      db.close();
    }
  });

  test('a row written before an option existed reads that option as its default', async () => {
    const s = await store();
    const d = await s.digests.create(digestInput);
    raw('update digests set options = ? where id = ?', JSON.stringify({ chart: false }), d.id);
    expect((await s.digests.get('T1', d.id))?.options).toEqual({ ...DEFAULT_DIGEST_OPTIONS, chart: false });
  });

  test('damaged JSON in a row is a STORAGE error, not a crash with a parser message', async () => {
    const s = await store();
    const d = await s.digests.create(digestInput);
    raw('update digests set building_ids = ? where id = ?', '[71,', d.id);
    await expect(s.digests.get('T1', d.id)).rejects.toMatchObject({ code: 'STORAGE', table: 'digests', column: 'building_ids' });
    raw('update digests set building_ids = ? where id = ?', '["71"]', d.id);
    await expect(s.digests.get('T1', d.id)).rejects.toMatchObject({ code: 'STORAGE' });
  });

  test('a value outside an enumeration is refused by the schema as CONFLICT', async () => {
    const s = await store();
    const bad = { ...subscriptionInput, scopeKind: 'floor' } as unknown as NewSubscription;
    await expect(s.subscriptions.create(bad)).rejects.toMatchObject({ code: 'CONFLICT', violation: 'check', driverCode: 'SQLITE_CONSTRAINT_CHECK' });
    expect(await s.subscriptions.listByTeam('T1')).toEqual([]);
  });

  test('getMany reads more ids than one statement may bind', async () => {
    const s = await store();
    const first = await s.subscriptions.create(subscriptionInput);
    // Bulk rows go in through one raw transaction: a thousand fsyncs would only slow the test.
    const db = new BetterSqlite3(file);
    try {
      const insertSub = db.prepare(
        `insert into subscriptions (team_id, created_by, scope_kind, scope_id, measure, direction, threshold, recovery,
           min_duration, granularity, destination_kind, destination_id, status, created_at, updated_at)
         values ('T1', 'U1', 'building', 71, 'people', 'above', 120, 100, 2, 'PT1H', 'dm', 'U1', 'active', ?, ?)`,
      );
      const insertState = db.prepare(
        "insert into alert_state (subscription_id, team_id, state, pending_count, deferred, updated_at) values (?, 'T1', 'OK', 0, '[]', ?)",
      );
      db.transaction(() => {
        for (let i = 1; i < 1200; i++) {
          const id = Number(insertSub.run(T0, T0).lastInsertRowid);
          if (i % 3 === 0) insertState.run(id, T0);
        }
      })();
    } finally {
      db.close();
    }
    const ids = Array.from({ length: 1200 }, (_, i) => first.id + i);
    const many = await s.alertStates.getMany(ids);
    expect(many.size).toBe(399);
    expect([...many.keys()].every((id) => (id - first.id) % 3 === 0)).toBe(true);
    expect(many.get(first.id + 3)).toMatchObject({ state: 'OK', deferred: [], teamId: 'T1' });
  });
});
