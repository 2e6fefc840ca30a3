import { DIALECTS } from '../../../src/storage/dialect';

describe('constraint violations per dialect', () => {
  test.each([
    ['SQLITE_CONSTRAINT_UNIQUE', 'unique'],
    ['SQLITE_CONSTRAINT_PRIMARYKEY', 'unique'],
    ['SQLITE_CONSTRAINT_FOREIGNKEY', 'foreign_key'],
    ['SQLITE_CONSTRAINT_CHECK', 'check'],
    ['SQLITE_CONSTRAINT_NOTNULL', 'not_null'],
    ['SQLITE_CONSTRAINT_TRIGGER', 'other'],
    ['SQLITE_BUSY', null],
    ['23505', null],
  ])('sqlite: %s is %s', (code, violation) => {
    expect(DIALECTS.sqlite.constraintViolation(code)).toBe(violation);
  });

  test.each([
    ['23505', 'unique'],
    ['23503', 'foreign_key'],
    ['23514', 'check'],
    ['23502', 'not_null'],
    ['23P01', 'other'],
    ['40001', null],
    ['ECONNREFUSED', null],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
  ])('postgres: %s is %s', (code, violation) => {
    expect(DIALECTS.postgres.constraintViolation(code)).toBe(violation);
  });

  test('both dialects store instants, reals and JSON in the same column types', () => {
    const { id: _s, ...sqlite } = DIALECTS.sqlite.columns;
    const { id: _p, ...postgres } = DIALECTS.postgres.columns;
    expect(sqlite).toEqual({ instant: 'bigint', real: 'double precision', json: 'text' });
    expect(postgres).toEqual(sqlite);
  });
});
