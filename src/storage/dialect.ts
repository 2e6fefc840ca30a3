import type { ColumnDefinitionBuilder } from 'kysely';
import type { ConstraintViolation } from '../errors';

/**
 * The SQL engines the repositories are written for. Repositories and migrations use only what
 * both accept; everything that differs is in DIALECTS below, so adding PostgreSQL's driver
 * touches the driver and nothing else. Only SQLite has a driver today.
 */
export type Dialect = 'sqlite' | 'postgres';

/** Which schema rule a failed write broke (a ConflictError carries it). */
export type { ConstraintViolation };

/** Column types the migrations use, chosen so one migration means the same thing on each engine. */
export interface ColumnTypes {
  /** Epoch milliseconds are past 2^31, so 64-bit everywhere (INTEGER affinity on SQLite). */
  readonly instant: 'bigint';
  /** Thresholds and peaks: IEEE doubles on both (REAL affinity on SQLite). */
  readonly real: 'double precision';
  /** JSON documents as text, so every engine hands back the same string to the codec. */
  readonly json: 'text';
  /** A table's generated id: an integer primary key the engine numbers and never reuses. */
  id(col: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
}

export interface DialectFacts {
  readonly columns: ColumnTypes;
  /** What a driver error code means, or null when it is not a constraint violation. */
  constraintViolation(code: string): ConstraintViolation | null;
}

const shared = { instant: 'bigint', real: 'double precision', json: 'text' } as const;

// better-sqlite3 reports extended result codes (SQLITE_CONSTRAINT_*).
const SQLITE_CONSTRAINTS: Readonly<Record<string, ConstraintViolation>> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_CHECK: 'check',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
};

// SQLSTATE class 23, integrity constraint violation, as pg reports it in `code`.
const POSTGRES_CONSTRAINTS: Readonly<Record<string, ConstraintViolation>> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
  '23502': 'not_null',
};

export const DIALECTS: Readonly<Record<Dialect, DialectFacts>> = {
  sqlite: {
    // AUTOINCREMENT, not a bare rowid alias: without it SQLite reuses the id of a deleted last row.
    columns: { ...shared, id: (col) => col.primaryKey().autoIncrement() },
    constraintViolation: (code) => SQLITE_CONSTRAINTS[code] ?? (code.startsWith('SQLITE_CONSTRAINT') ? 'other' : null),
  },
  postgres: {
    // BY DEFAULT rather than ALWAYS, so a restore or a test may still insert a chosen id.
    columns: { ...shared, id: (col) => col.primaryKey().generatedByDefaultAsIdentity() },
    constraintViolation: (code) => POSTGRES_CONSTRAINTS[code] ?? (/^23[0-9A-Z]{3}$/.test(code) ? 'other' : null),
  },
};
