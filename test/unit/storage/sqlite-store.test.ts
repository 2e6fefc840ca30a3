import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { silentLogger } from '../../../src/logging/logger';
import { createSqliteStore, openDatabase, type NewDigest, type NewSubscription, type Store } from '../../../src/storage';

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
const stores: Store[] = [];

async function openStore(): Promise<Store> {
  const store = createSqliteStore(await openDatabase({ path: file, logger: silentLogger() }), { now: () => T0 });
  stores.push(store);
  return store;
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

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-sqlite-'));
  file = path.join(dir, 'bot.db');
});

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store specifics', () => {
  test('two connections to one file racing for the same claim: exactly one wins', async () => {
    const a = await openStore();
    const b = await openStore();
    const digest = await a.digests.create(digestInput);
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).digestRuns.claim(digest.id, '2025-11-25', 'T1', T0 + i)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  test('instants are stored as integer epoch milliseconds and JSON as text', async () => {
    const store = await openStore();
    const d = await store.digests.create(digestInput);
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const row = db.prepare('select created_at, typeof(created_at) t, building_ids, days from digests where id = ?').get(d.id);
      expect(row).toEqual({ created_at: T0, t: 'integer', building_ids: '[71]', days: '[1,2,3,4,5]' });
    } finally {
      db.close();
    }
  });

  test('a row written before an option existed reads that option as its default', async () => {
    const store = await openStore();
    const d = await store.digests.create(digestInput);
    raw('update digests set options = ? where id = ?', JSON.stringify({ chart: false }), d.id);
    expect((await store.digests.get('T1', d.id))?.options).toEqual({
      chart: false,
      topZones: true,
      perFloor: false,
      weekOverWeek: true,
      skipWhenNoData: false,
    });
  });

  test('damaged JSON in a row is a STORAGE error, not a crash with a parser message', async () => {
    const store = await openStore();
    const d = await store.digests.create(digestInput);
    raw('update digests set building_ids = ? where id = ?', '[71,', d.id);
    await expect(store.digests.get('T1', d.id)).rejects.toMatchObject({ code: 'STORAGE', details: { table: 'digests', column: 'building_ids' } });
    raw('update digests set building_ids = ? where id = ?', '["71"]', d.id);
    await expect(store.digests.get('T1', d.id)).rejects.toMatchObject({ code: 'STORAGE' });
  });

  test('a value outside an enumeration is refused by the schema as CONFLICT', async () => {
    const store = await openStore();
    const bad = { ...subscriptionInput, scopeKind: 'floor' } as unknown as NewSubscription;
    await expect(store.subscriptions.create(bad)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.subscriptions.listByTeam('T1')).toEqual([]);
  });

  test('getMany reads more ids than one statement may bind', async () => {
    const store = await openStore();
    const first = await store.subscriptions.create(subscriptionInput);
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
    const many = await store.alertStates.getMany(ids);
    expect(many.size).toBe(399);
    expect([...many.keys()].every((id) => (id - first.id) % 3 === 0)).toBe(true);
    expect(many.get(first.id + 3)).toMatchObject({ state: 'OK', deferred: [], teamId: 'T1' });
  });
});
