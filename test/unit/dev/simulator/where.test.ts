import { GraphQLError } from 'graphql';
import type { Columns } from '../../../../dev/simulator/schema';
import { checkPage, compileWhere, page, parseOrderBy, sortRows } from '../../../../dev/simulator/where';

const COLUMNS: Columns = { ID: 'Int', NAME: 'String', SCORE: 'Float', AT: 'Timestamp' };
const ROWS = [
  { ID: 1, NAME: 'Alpha', SCORE: 2.5, AT: '2025-05-01T08:00:00-04:00' },
  { ID: 2, NAME: 'beta', SCORE: null, AT: '2025-05-01T12:30:00+00:00' },
  { ID: 3, NAME: 'Gamma_1', SCORE: 7, AT: '2025-05-01T13:00:00Z' },
  { ID: 4, NAME: null, SCORE: 7, AT: '2025-05-02T00:00:00+05:30' },
];

const ids = (where: unknown) => ROWS.filter(compileWhere(where, COLUMNS)).map((r) => r.ID);

describe('compileWhere', () => {
  test('no where, or an empty one, keeps everything', () => {
    expect(ids(undefined)).toEqual([1, 2, 3, 4]);
    expect(ids({})).toEqual([1, 2, 3, 4]);
  });

  test.each([
    [{ ID: { _eq: 2 } }, [2]],
    [{ ID: { _neq: 2 } }, [1, 3, 4]],
    [{ ID: { _gt: 2 } }, [3, 4]],
    [{ ID: { _gte: 2 } }, [2, 3, 4]],
    [{ ID: { _lt: 2 } }, [1]],
    [{ ID: { _lte: 2 } }, [1, 2]],
    [{ ID: { _in: [1, 4, 9] } }, [1, 4]],
    [{ ID: { _nin: [1, 4] } }, [2, 3]],
    [{ ID: { _in: [] } }, []],
    [{ ID: { _gte: 2, _lt: 4 } }, [2, 3]],
    [{ SCORE: { _is_null: true } }, [2]],
    [{ SCORE: { _is_null: false } }, [1, 3, 4]],
    [{ NAME: { _like: 'Gamma%' } }, [3]],
    [{ NAME: { _like: 'Gamma\\_1' } }, [3]],
    [{ NAME: { _like: '_eta' } }, [2]],
    [{ NAME: { _ilike: 'ALPHA' } }, [1]],
    [{ NAME: { _nlike: '%a' } }, [3]],
    [{ NAME: { _gt: 'B' } }, [2, 3]],
  ])('%j keeps %j', (where, expected) => {
    expect(ids(where)).toEqual(expected);
  });

  test('SQL null semantics: a null column fails every comparison but _is_null', () => {
    expect(ids({ SCORE: { _neq: 2.5 } })).toEqual([3, 4]);
    expect(ids({ NAME: { _nin: ['Alpha'] } })).toEqual([2, 3]);
  });

  test('timestamps compare as instants whatever their offset', () => {
    // 08:00-04:00 = 12:00Z; 00:00+05:30 on the 2nd = 18:30Z on the 1st
    expect(ids({ AT: { _gte: '2025-05-01T12:30:00Z' } })).toEqual([2, 3, 4]);
    expect(ids({ AT: { _lt: '2025-05-01T08:30:00-04:00' } })).toEqual([1]);
    expect(ids({ AT: { _eq: '2025-05-01T12:00:00Z' } })).toEqual([1]);
    expect(ids({ AT: { _gt: '2025-05-01T18:00:00' } })).toEqual([4]); // no offset: UTC
  });

  test('_and, _or, _not and their nesting', () => {
    expect(ids({ _and: [{ ID: { _gt: 1 } }, { SCORE: { _eq: 7 } }] })).toEqual([3, 4]);
    expect(ids({ _or: [{ ID: { _eq: 1 } }, { NAME: { _eq: 'beta' } }] })).toEqual([1, 2]);
    expect(ids({ _not: { ID: { _in: [1, 2] } } })).toEqual([3, 4]);
    expect(ids({ _or: [{ _and: [{ ID: { _gt: 2 } }, { _not: { NAME: { _is_null: true } } }] }, { ID: { _eq: 1 } }] })).toEqual([1, 3]);
    expect(ids({ ID: { _lt: 4 }, _or: [{ SCORE: { _gt: 5 } }, { SCORE: { _is_null: true } }] })).toEqual([2, 3]);
    expect(ids({ _and: [] })).toEqual([1, 2, 3, 4]);
    expect(ids({ _or: [] })).toEqual([]);
  });

  test('refuses explicit nulls, unknown columns and bad timestamps', () => {
    expect(() => compileWhere({ ID: { _eq: null } }, COLUMNS)).toThrow(GraphQLError);
    expect(() => compileWhere({ NOPE: { _eq: 1 } }, COLUMNS)).toThrow(/NOPE/);
    expect(() => compileWhere({ AT: { _gt: 'yesterday' } }, COLUMNS)).toThrow(/invalid timestamp/);
  });
});

describe('order_by', () => {
  const order = (o: unknown) => sortRows(ROWS, parseOrderBy(o, COLUMNS)).map((r) => r.ID);

  test('asc puts nulls last, desc puts them first, variants override', () => {
    expect(order({ SCORE: 'asc' })).toEqual([1, 3, 4, 2]);
    expect(order({ SCORE: 'desc' })).toEqual([2, 3, 4, 1]);
    expect(order({ SCORE: 'asc_nulls_first' })).toEqual([2, 1, 3, 4]);
    expect(order({ SCORE: 'desc_nulls_last' })).toEqual([3, 4, 1, 2]);
  });

  test('several keys in list order; ties keep their original order', () => {
    expect(order([{ SCORE: 'desc_nulls_last' }, { ID: 'desc' }])).toEqual([4, 3, 1, 2]);
    expect(order([{ SCORE: 'asc' }])).toEqual([1, 3, 4, 2]);
  });

  test('timestamps sort as instants', () => {
    expect(order({ AT: 'asc' })).toEqual([1, 2, 3, 4]);
    expect(order({ AT: 'desc' })).toEqual([4, 3, 2, 1]);
  });
});

describe('paging', () => {
  test('limit and offset slice; negatives are refused', () => {
    expect(page([1, 2, 3, 4, 5], checkPage(2, 1))).toEqual([2, 3]);
    expect(page([1, 2, 3], checkPage(undefined, 2))).toEqual([3]);
    expect(page([1, 2, 3], checkPage(0, undefined))).toEqual([]);
    expect(() => checkPage(-1, 0)).toThrow(/limit/);
    expect(() => checkPage(1, -1)).toThrow(/offset/);
  });
});
