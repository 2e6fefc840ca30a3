import { AppError } from '../../src/errors';

/**
 * The typed fields of an error as a plain object, leaving out `name` and `code` (every error
 * has them) and fields it left unset: what a log line shows of the error besides its message.
 */
export function factsOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof AppError)) throw err;
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) {
    if (key !== 'name' && key !== 'code' && value !== undefined) facts[key] = value;
  }
  return facts;
}
