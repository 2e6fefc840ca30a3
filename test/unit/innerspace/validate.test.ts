import fc from 'fast-check';
import { BadInputError } from '../../../src/errors';
import {
  checkDatePartition,
  checkGranularity,
  checkGroupId,
  checkId,
  checkIds,
  checkInsightQuery,
  checkInstant,
  checkZoneTypes,
} from '../../../src/innerspace/validate';

const NIL = '00000000-0000-0000-0000-000000000000';

function badInput(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof BadInputError) return err.field;
    throw err;
  }
  throw new Error('expected BAD_INPUT');
}

describe('ids', () => {
  it('accepts positive safe integers', () => {
    expect(checkId(71)).toBe(71);
    expect(checkId(900000222)).toBe(900000222);
    expect(checkId(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([0, -1, 1.5, Number.NaN, Infinity, 2 ** 53, '71', '12 OR 1=1', null, undefined, {}])('rejects %p', (v) => {
    expect(badInput(() => checkId(v, 'building id'))).toBe('building id');
  });

  it('rejects anything that is not a positive safe integer (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const ok = typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
        if (ok) expect(checkId(v)).toBe(v);
        else badInput(() => checkId(v));
      }),
    );
  });

  it('sorts and dedupes lists, and refuses empty or huge ones', () => {
    expect(checkIds([5, 3, 5, 1])).toEqual([1, 3, 5]);
    badInput(() => checkIds([]));
    badInput(() => checkIds('1,2'));
    badInput(() => checkIds(Array.from({ length: 201 }, (_, i) => i + 1)));
    badInput(() => checkIds([1, -2]));
  });
});

describe('DATE_PARTITION', () => {
  it('accepts real calendar dates', () => {
    expect(checkDatePartition(20250501)).toBe(20250501);
    expect(checkDatePartition(20240229)).toBe(20240229);
  });

  it.each([20250229, 20251301, 20250000, 20250132, 2025051, 202505011, 2025.0501, '20250501', -20250501])('rejects %p', (v) => {
    badInput(() => checkDatePartition(v));
  });
});

describe('granularity, group, zone types, instants', () => {
  it('granularity comes from the allow-list only', () => {
    expect(checkGranularity('PT1H')).toBe('PT1H');
    expect(checkGranularity('P1M')).toBe('P1M');
    for (const g of ['pt1h', 'PT5M', 'PT1H"){__schema{types{name}}}#', '', null]) badInput(() => checkGranularity(g));
  });

  it('group ids are UUIDs, lower-cased', () => {
    expect(checkGroupId('E707B3A8-0732-49AE-9156-13FF1138540E')).toBe('e707b3a8-0732-49ae-9156-13ff1138540e');
    for (const g of ['all-e707b3a8-0732-49ae-9156-13ff1138540e', `${NIL}"`, 'x', 7]) badInput(() => checkGroupId(g));
  });

  it('zone types are short labels', () => {
    expect(checkZoneTypes(['meeting_room', 'Open Desk', 'meeting_room'])).toEqual(['Open Desk', 'meeting_room']);
    for (const z of [[], ['"){x}'], ['a'.repeat(65)], [''], [3]]) badInput(() => checkZoneTypes(z));
  });

  it('instants become ISO text and must be plausible', () => {
    expect(checkInstant(Date.UTC(2025, 4, 1, 4))).toBe('2025-05-01T04:00:00.000Z');
    for (const v of [Number.NaN, -1, Date.UTC(2200, 0, 1), '2025-05-01']) badInput(() => checkInstant(v));
  });
});

describe('checkInsightQuery', () => {
  it('normalises and fills the default group', () => {
    expect(checkInsightQuery({ ids: [72, 71, 71], from: 20250501, to: 20250507, granularity: 'P1D' }, NIL)).toEqual({
      ids: [71, 72],
      from: 20250501,
      to: 20250507,
      granularity: 'P1D',
      groupId: NIL,
      siteIds: null,
      zoneTypes: null,
      startFrom: null,
      timeZone: null,
    });
  });

  it('names the bad field', () => {
    const base = { ids: [71], from: 20250501, to: 20250501, granularity: 'PT1H' as const };
    expect(badInput(() => checkInsightQuery({ ...base, from: 20250502 }, NIL))).toBe('from');
    expect(badInput(() => checkInsightQuery({ ...base, to: 20270101 }, NIL))).toBe('to');
    expect(badInput(() => checkInsightQuery({ ...base, siteIds: [0] }, NIL))).toBe('siteIds');
    expect(badInput(() => checkInsightQuery({ ...base, timeZone: 'Mars/Olympus' }, NIL))).toBe('timeZone');
    expect(badInput(() => checkInsightQuery({ ...base, groupId: 'everyone' }, NIL))).toBe('groupId');
  });
});
