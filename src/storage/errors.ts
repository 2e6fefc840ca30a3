import { AppError, isAppError } from '../errors';

/**
 * Turns whatever a driver throws into an AppError. Messages name the operation only: driver
 * messages can quote SQL with values in it, so they travel as `cause` for the logs.
 */
export function storageError(err: unknown, op: string): AppError {
  if (isAppError(err)) return err;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new AppError('NOT_FOUND', `${op}: the record it refers to does not exist`, { cause: err, details: { op } });
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new AppError('CONFLICT', `${op}: the change breaks a storage rule`, { cause: err, details: { op, driverCode: code } });
  }
  return new AppError('STORAGE', `${op} failed`, { cause: err, details: { op, ...(code ? { driverCode: code } : {}) } });
}

export async function guard<T>(op: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw storageError(err, op);
  }
}

export function notFound(op: string, what: string, details: Record<string, unknown>): AppError {
  return new AppError('NOT_FOUND', `${op}: no such ${what}`, { details: { op, ...details } });
}

export function closedError(op: string): AppError {
  return new AppError('STORAGE', `${op} failed: the store is closed`, { details: { op } });
}
