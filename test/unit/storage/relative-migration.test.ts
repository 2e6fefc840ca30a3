import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { silentLogger } from '../../support/logger';
import { migrationProvider } from '../../../src/storage/migrations';
import { openSqliteDatabase } from '../../../src/storage/sqlite';
import { openStore } from '../../../src/storage';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-relative-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('005-relative-rules', () => {
  test('a rule stored before it reads as absolute, its state with no usual level', async () => {
    const file = path.join(dir, 'bot.db');
    // The schema as it was at 002, with one rule and its state in it.
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    const migrated = await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('002-replicas');
    expect(migrated.error).toBeUndefined();
    await sql`insert into subscriptions (team_id, created_by, scope_kind, scope_id, measure, direction, threshold, recovery, min_duration,
      granularity, destination_kind, destination_id, status, created_at, updated_at)
      values ('T1', 'U1', 'building', 71, 'people', 'above', 130, 117, 2, 'PT1H', 'dm', 'U1', 'active', 1, 1)`.execute(old);
    await sql`insert into alert_state (subscription_id, team_id, state, episode_start, episode_peak, episode_peak_at, updated_at)
      values (1, 'T1', 'ALERTING', 5, 140, 6, 1)`.execute(old);
    await old.destroy();

    const store = await openStore({ url: `sqlite:${file}`, logger: silentLogger(), now: () => 10 });
    try {
      expect(await store.subscriptions.get('T1', 1)).toMatchObject({ thresholdKind: 'absolute', threshold: 130 });
      expect(await store.alertStates.get(1)).toMatchObject({ episodePeak: 140, episodeUsual: null, episodeUsualWeeks: null });
    } finally {
      await store.close();
    }
  });

  test('the column refuses a kind it does not know', async () => {
    const db = await openSqliteDatabase({ path: path.join(dir, 'new.db'), logger: silentLogger() });
    try {
      const insert = sql`insert into subscriptions (team_id, created_by, scope_kind, scope_id, measure, direction, threshold, recovery, min_duration,
        granularity, threshold_kind, destination_kind, destination_id, status, created_at, updated_at)
        values ('T1', 'U1', 'building', 71, 'people', 'above', 130, 117, 2, 'PT1H', 'sideways', 'dm', 'U1', 'active', 1, 1)`;
      // Read as text: better-sqlite3's error class may come from another test file's realm, which toThrow does not recognise.
      await expect(insert.execute(db.db).then(() => 'inserted', (err: unknown) => String(err))).resolves.toMatch(/CHECK constraint/);
    } finally {
      await db.close();
    }
  });
});
