import { AppError, isAppError } from '../errors';
import { DIALECTS, type Dialect } from './dialect';

/**
 * Turns whatever a driver throws into an AppError. Messages name the operation only: driver
 * messages can quote SQL with values in it, so they travel as `cause` for the logs.
 */
export function storageError(err: unknown, op: string, dialect: Dialect): AppError {
  if (isAppError(err)) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  const violation = code ? DIALECTS[dialect].constraintViolation(code) : null;
  if (violation === 'foreign_key') {
    return new AppError('NOT_FOUND', `${op}: the record it refers to does not exist`, { cause: err, details: { op } });
  }
  if (violation !== null) {
    return new AppError('CONFLICT', `${op}: the change breaks a storage rule`, { cause: err, details: { op, driverCode: code, violation } });
  }
  return new AppError('STORAGE', `${op} failed`, { cause: err, details: { op, ...(code ? { driverCode: code } : {}) } });
}

/** Runs one store call: refuses once the store is closed, and words driver failures as AppErrors. */
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

export function notFound(op: string, what: string, details: Record<string, unknown>): AppError {
  return new AppError('NOT_FOUND', `${op}: no such ${what}`, { details: { op, ...details } });
}

export function closedError(op: string): AppError {
  return new AppError('STORAGE', `${op} failed: the store is closed`, { details: { op } });
}
