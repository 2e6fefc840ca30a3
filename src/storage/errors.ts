import { AppError, ConflictError, NotFoundError, StorageError, type SubjectKind } from '../errors';
import { DIALECTS, type Dialect } from './dialect';

/**
 * Turns whatever a driver throws into a typed error. Messages name the operation only: driver
 * messages can quote SQL with values in it, so they travel as `cause` for the logs.
 */
export function storageError(err: unknown, op: string, dialect: Dialect): AppError {
  if (err instanceof AppError) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const violation = code ? DIALECTS[dialect].constraintViolation(code) : null;
  if (violation === 'foreign_key') {
    return new NotFoundError(null, null, { message: `${op}: the record it refers to does not exist`, op, cause: err });
  }
  if (violation !== null) {
    return new ConflictError(`${op}: the change breaks a storage rule`, op, violation, code, err);
  }
  return new StorageError(`${op} failed`, { op, driverCode: code || undefined }, err);
}

/** Runs one store call: refuses once the store is closed, and turns driver failures into typed errors. */
export type Guard = <T>(op: string, work: () => Promise<T>) => Promise<T>;

export function createGuard(dialect: Dialect, isClosed: () => boolean): Guard {
  return async (op, work) => {
    if (isClosed()) throw closedError(op);
    try {
      return await work();
    } catch (err) {
      throw storageError(err, op, dialect);
    }
  };
}

export function notFound(op: string, kind: SubjectKind, id: number): NotFoundError {
  return new NotFoundError(kind, id, { message: `${op}: no such ${kind}`, op });
}

export function closedError(op: string): StorageError {
  return new StorageError(`${op} failed: the store is closed`, { op });
}
