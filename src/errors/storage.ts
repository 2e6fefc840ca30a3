import { AppError } from './base';

/**
 * What a storage failure may say. Driver messages quote SQL with values in it, so they travel
 * only as `cause`; `path` is a SQLite file, never a server URL (it may hold a password).
 */
export interface StorageFacts {
  /** The store call, e.g. 'subscriptions.create'. */
  readonly op?: string;
  /** The driver's error code, e.g. SQLITE_BUSY or 40001. */
  readonly driverCode?: string;
  /** Where a stored value could not be read back. */
  readonly table?: string;
  readonly column?: string;
  readonly path?: string;
  /** The migration that failed, and those applied before it. */
  readonly migration?: string | null;
  readonly applied?: readonly string[];
}

/** The store failed: unreachable, closed, unreadable, or a migration went wrong. */
export class StorageError extends AppError implements StorageFacts {
  readonly code = 'STORAGE';
  readonly op?: string;
  readonly driverCode?: string;
  readonly table?: string;
  readonly column?: string;
  readonly path?: string;
  readonly migration?: string | null;
  readonly applied?: readonly string[];

  constructor(message: string, facts: StorageFacts, cause?: unknown) {
    super(message, cause);
    this.op = facts.op;
    this.driverCode = facts.driverCode;
    this.table = facts.table;
    this.column = facts.column;
    this.path = facts.path;
    this.migration = facts.migration;
    this.applied = facts.applied;
  }
}

export type ConstraintViolation = 'unique' | 'foreign_key' | 'check' | 'not_null' | 'other';

/** A change broke a storage rule (a unique key, a check): someone else changed it first. */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT';

  constructor(
    message: string,
    readonly op: string,
    readonly violation: ConstraintViolation,
    readonly driverCode: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}
