import { BadInputError } from '../../../src/errors';
import { factsOf } from '../../support/error-facts';
import { createGuard, storageError } from '../../../src/storage/errors';

const driverError = (code: string, message = 'insert into subscriptions values (secret-ish)') =>
  Object.assign(new Error(message), { code });

describe('storageError', () => {
  test.each([
    ['sqlite', 'SQLITE_CONSTRAINT_FOREIGNKEY', 'NOT_FOUND'],
    ['sqlite', 'SQLITE_CONSTRAINT_UNIQUE', 'CONFLICT'],
    ['sqlite', 'SQLITE_CONSTRAINT_CHECK', 'CONFLICT'],
    ['sqlite', 'SQLITE_IOERR', 'STORAGE'],
    ['postgres', '23503', 'NOT_FOUND'],
    ['postgres', '23505', 'CONFLICT'],
    ['postgres', '23514', 'CONFLICT'],
    ['postgres', '57P01', 'STORAGE'],
    ['postgres', 'SQLITE_CONSTRAINT_UNIQUE', 'STORAGE'],
  ] as const)('%s %s is %s', (dialect, code, expected) => {
    const err = storageError(driverError(code), 'subscriptions.create', dialect);
    expect(err.code).toBe(expected);
    expect(err.message).not.toContain('secret-ish');
    expect(factsOf(err).op).toBe('subscriptions.create');
  });

  test('a conflict names the driver code and the rule it broke', () => {
    expect(factsOf(storageError(driverError('23505'), 'notices.markOnce', 'postgres'))).toEqual({
      op: 'notices.markOnce',
      driverCode: '23505',
      violation: 'unique',
    });
  });

  test('an AppError passes through; something without a code is STORAGE', () => {
    const app = new BadInputError('no', { field: 'x' });
    expect(storageError(app, 'x', 'sqlite')).toBe(app);
    expect(storageError(new Error('boom'), 'x', 'postgres')).toMatchObject({ code: 'STORAGE', op: 'x' });
    expect(factsOf(storageError(new Error('boom'), 'x', 'postgres'))).toEqual({ op: 'x' });
  });
});

describe('createGuard', () => {
  test('maps failures with its dialect and refuses once closed, without running the work', async () => {
    let closed = false;
    const guard = createGuard('postgres', () => closed);
    await expect(guard('digests.create', async () => Promise.reject(driverError('23503')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await guard('digests.get', async () => 7)).toBe(7);
    closed = true;
    const work = jest.fn(async () => 1);
    await expect(guard('digests.get', work)).rejects.toMatchObject({ code: 'STORAGE', message: 'digests.get failed: the store is closed' });
    expect(work).not.toHaveBeenCalled();
  });
});
