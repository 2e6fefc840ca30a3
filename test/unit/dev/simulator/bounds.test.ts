import { partitionRange, pinnedValues } from '../../../../dev/simulator/bounds';

describe('partitionRange', () => {
  test('reads DATE_PARTITION at the top level and inside _and', () => {
    expect(partitionRange({ DATE_PARTITION: { _eq: 20250501 } })).toEqual({ lo: 20250501, hi: 20250501 });
    expect(partitionRange({ DATE_PARTITION: { _gte: 20250501, _lte: 20250507 } })).toEqual({ lo: 20250501, hi: 20250507 });
    expect(partitionRange({ DATE_PARTITION: { _gt: 20250501, _lt: 20250507 } })).toEqual({ lo: 20250502, hi: 20250506 });
    expect(partitionRange({ DATE_PARTITION: { _in: [20250503, 20250501] } })).toEqual({ lo: 20250501, hi: 20250503 });
    expect(partitionRange({ _and: [{ DATE_PARTITION: { _gte: 20250501 } }, { _and: [{ DATE_PARTITION: { _lte: 20250510 } }] }] })).toEqual({
      lo: 20250501,
      hi: 20250510,
    });
  });

  test('intersects several conditions', () => {
    expect(partitionRange({ DATE_PARTITION: { _gte: 20250501 }, _and: [{ DATE_PARTITION: { _gte: 20250505, _lte: 20250520 } }] })).toEqual({
      lo: 20250505,
      hi: 20250520,
    });
  });

  test('widens DATE_TIME_START bounds by a day each way', () => {
    expect(partitionRange({ DATE_TIME_START: { _gte: '2025-05-01T00:00:00Z', _lt: '2025-05-08T00:00:00Z' } })).toEqual({
      lo: 20250430,
      hi: 20250509,
    });
    expect(partitionRange({ DATE_TIME_START: { _eq: '2025-03-01T10:00:00-05:00' } })).toEqual({ lo: 20250228, hi: 20250302 });
  });

  test('_or and _not never narrow; nothing means unbounded', () => {
    expect(partitionRange({ _or: [{ DATE_PARTITION: { _eq: 20250501 } }] })).toEqual({ lo: undefined, hi: undefined });
    expect(partitionRange({ _not: { DATE_PARTITION: { _lt: 20250501 } } })).toEqual({ lo: undefined, hi: undefined });
    expect(partitionRange(undefined)).toEqual({ lo: undefined, hi: undefined });
  });

  test('an empty _in leaves an empty range', () => {
    const r = partitionRange({ DATE_PARTITION: { _in: [] } });
    expect((r.lo ?? -Infinity) > (r.hi ?? Infinity)).toBe(true);
  });
});

describe('pinnedValues', () => {
  test('collects _eq and _in, intersecting across conjuncts', () => {
    expect(pinnedValues({ BUILDING_ID: { _eq: 71 } }, 'BUILDING_ID')).toEqual(new Set([71]));
    expect(pinnedValues({ BUILDING_ID: { _in: [71, 104] }, _and: [{ BUILDING_ID: { _in: [104, 118] } }] }, 'BUILDING_ID')).toEqual(new Set([104]));
    expect(pinnedValues({ BUILDING_ID: { _gt: 3 } }, 'BUILDING_ID')).toBeUndefined();
    expect(pinnedValues({ _or: [{ BUILDING_ID: { _eq: 71 } }] }, 'BUILDING_ID')).toBeUndefined();
  });
});
