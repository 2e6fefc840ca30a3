import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dialect } from '../../../src/storage';
import { testDatabase } from '../../support/postgres';

/** A fresh, empty database of one engine, named the way DATABASE_URL names it. */
export interface ProvisionedDatabase {
  readonly url: string;
  /** Removes the database; every store over it is closed by then. */
  drop(): Promise<void>;
}

/** One engine the store contract runs on. */
export interface DialectTarget {
  readonly name: string;
  readonly dialect: Dialect;
  provision(): Promise<ProvisionedDatabase>;
}

/** SQLite on a real file in a fresh temp directory (below a folder openStore must create). */
export const sqliteFile: DialectTarget = {
  name: 'sqlite (temp file)',
  dialect: 'sqlite',
  provision: async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-store-'));
    return {
      url: `sqlite:${path.join(dir, 'nested', 'bot.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/**
 * PostgreSQL: a fresh database per test (CREATE DATABASE on the run's server, dropped after;
 * test/support/postgres.ts says where the server comes from). No server is a failure, not a skip.
 */
export const postgresDatabase: DialectTarget = {
  name: 'postgres (fresh database)',
  dialect: 'postgres',
  provision: testDatabase,
};

/** Every engine the store contract runs against. */
export const STORE_DIALECTS: readonly DialectTarget[] = [sqliteFile, postgresDatabase];
