/**
 * The base of every typed error. A subclass fixes `code`, keeps what caused it as `cause`, and
 * carries the facts its callers need as typed readonly fields. Those fields are own enumerable
 * properties, so the logger prints them: they hold ids, names of fields and operations, HTTP
 * statuses; never a secret, a payload or a driver message (those travel only as `cause`).
 * Messages are for logs too; src/slack/blocks/errors.ts alone words errors for people.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'UPSTREAM_AUTH'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_RATE_LIMITED'
  | 'UPSTREAM_BAD_REQUEST'
  | 'UPSTREAM_GRAPHQL'
  | 'UPSTREAM_BAD_DATA'
  | 'NO_DATA'
  | 'SLACK_API'
  | 'STORAGE'
  | 'CONFLICT'
  | 'INTERNAL';

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;

  protected constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
  }
}

/** Anything thrown that is not one of ours: a bug, or a library failing in a way nobody typed. */
export class InternalError extends AppError {
  readonly code = 'INTERNAL';

  constructor(message: string, cause?: unknown) {
    super(message, cause);
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Wraps anything thrown into an AppError without losing the original as `cause`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new InternalError(err instanceof Error ? err.message : String(err), err);
}
