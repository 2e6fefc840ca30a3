import { describeErrors, looksLikeAuth, normaliseErrors, unknownFieldOf } from '../../../src/innerspace/graphql-errors';

const guessed = ['OCCUPANCY_POS_MEAN', 'OCCUPANCY_MAX'];

describe('unknown-field recognition', () => {
  it('graphql-js wording', () => {
    const errs = normaliseErrors([{ message: 'Cannot query field "OCCUPANCY_MAX" on type "BUILDING_INSIGHTS". Did you mean "OCCUPANCY_MEAN"?' }]);
    expect(unknownFieldOf(errs, 'BUILDING_INSIGHTS', guessed)).toEqual({ kind: 'guess', field: 'OCCUPANCY_MAX' });
  });

  it("Hasura wording, with single quotes and extensions", () => {
    const errs = normaliseErrors([
      {
        message: "field 'OCCUPANCY_POS_MEAN' not found in type: 'BUILDING_INSIGHTS'",
        extensions: { path: '$.selectionSet.BUILDING_INSIGHTS.selectionSet.OCCUPANCY_POS_MEAN', code: 'validation-failed' },
      },
    ]);
    expect(unknownFieldOf(errs, 'BUILDING_INSIGHTS', guessed)).toEqual({ kind: 'guess', field: 'OCCUPANCY_POS_MEAN' });
    const dq = normaliseErrors([{ message: 'field "TIME_ZONE" not found in type: \'BUILDING\'' }]);
    expect(unknownFieldOf(dq, 'BUILDING', ['TIME_ZONE'])).toEqual({ kind: 'guess', field: 'TIME_ZONE' });
  });

  it('validation-failed naming a guessed field in other words', () => {
    const errs = normaliseErrors([{ message: 'unexpected selection OCCUPANCY_MAX', extensions: { code: 'validation-failed' } }]);
    expect(unknownFieldOf(errs, 'ZONE_INSIGHTS', guessed)).toEqual({ kind: 'guess', field: 'OCCUPANCY_MAX' });
  });

  it('an unknown root', () => {
    expect(unknownFieldOf(normaliseErrors([{ message: 'Cannot query field "BUILDING" on type "Query".' }]), 'BUILDING', ['TIME_ZONE'])).toEqual({
      kind: 'root',
      field: 'BUILDING',
    });
    expect(unknownFieldOf(normaliseErrors([{ message: "field 'GROUP' not found in type: 'query_root'" }]), 'GROUP', [])).toEqual({
      kind: 'root',
      field: 'GROUP',
    });
  });

  it('an unknown field we never guessed is a real error', () => {
    const errs = normaliseErrors([{ message: 'Cannot query field "OCCUPANCY_MEAN" on type "BUILDING_INSIGHTS".' }]);
    expect(unknownFieldOf(errs, 'BUILDING_INSIGHTS', guessed)).toBeNull();
    expect(unknownFieldOf(normaliseErrors([{ message: 'Variable "$id" got invalid value "x"' }]), 'BUILDING_INSIGHTS', guessed)).toBeNull();
  });
});

describe('auth-looking errors', () => {
  it.each([
    [{ message: 'Could not verify JWT: JWTExpired', extensions: { code: 'invalid-jwt' } }, true],
    [{ message: 'denied', extensions: { code: 'access-denied' } }, true],
    [{ message: 'session expired' }, true],
    [{ message: 'Unauthorized' }, true],
    [{ message: 'Cannot query field "X" on type "Y"', extensions: { code: 'validation-failed' } }, false],
    [{ message: 'division by zero' }, false],
  ])('%p -> %p', (e, expected) => {
    expect(looksLikeAuth(normaliseErrors([e]))).toBe(expected);
  });
});

describe('describeErrors', () => {
  it('keeps messages and codes only, trimmed', () => {
    const errs = normaliseErrors([
      { message: 'a'.repeat(400), extensions: { code: 'x', path: '$' }, locations: [{ line: 1 }] },
      { message: 'b', extensions: { code: 'x' } },
    ]);
    const d = describeErrors(errs);
    expect(d.codes).toEqual(['x']);
    expect(d.messages[0]).toHaveLength(301);
    expect(d.messages[1]).toBe('b');
  });

  it('tolerates a non-array errors value', () => {
    expect(normaliseErrors({ message: 'one' })).toEqual([{ message: 'one', code: null, path: null, key: null }]);
    expect(normaliseErrors('nope')).toEqual([]);
  });
});
