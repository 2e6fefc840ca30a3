import { barPeriods, checkPeriod, comparisonPeriod, isoWeekday, monthEnd, mondayOf, neighbours, periodDays, resolveRange, type RangeSpec } from '../../../src/domain/period';
import { barLabels, periodLabel } from '../../../src/domain/period-words';

const ok = (spec: RangeSpec, today: string, latest: string) => {
  const r = resolveRange(spec, today, latest);
  if (!r.ok) throw new Error(`refused: ${r.problem.kind}`);
  return r.range;
};

describe('calendar pieces', () => {
  it('numbers weekdays from Monday', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('1999-12-31')).toBe(5);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });

  it('knows month ends, leap years included', () => {
    expect(monthEnd('2026-02-10')).toBe('2026-02-28');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(monthEnd('2026-12-05')).toBe('2026-12-31');
    expect(monthEnd('2026-04-30')).toBe('2026-04-30');
  });
});

describe('resolveRange', () => {
  // Wed 25 Nov 2026, Tue 24 Nov published.
  const today = '2026-11-25';
  const latest = '2026-11-24';

  it('last week is the Monday-to-Sunday week before this one', () => {
    expect(ok({ form: 'last_week' }, today, latest)).toEqual({ from: '2026-11-16', to: '2026-11-22', unit: 'week', clippedFrom: null });
    // On a Monday, last week ended yesterday.
    expect(ok({ form: 'last_week' }, '2026-11-23', '2026-11-22')).toEqual({ from: '2026-11-16', to: '2026-11-22', unit: 'week', clippedFrom: null });
    // On a Sunday, last week is still the week before this one.
    expect(ok({ form: 'last_week' }, '2026-11-29', '2026-11-28').from).toBe('2026-11-16');
  });

  it('this week and this month end at the latest published day', () => {
    expect(ok({ form: 'this_week' }, today, latest)).toEqual({ from: '2026-11-23', to: '2026-11-24', unit: 'week', clippedFrom: '2026-11-29' });
    expect(ok({ form: 'this_month' }, today, latest)).toEqual({ from: '2026-11-01', to: '2026-11-24', unit: 'month', clippedFrom: '2026-11-30' });
    // Monday before anything of the week is published.
    expect(resolveRange({ form: 'this_week' }, '2026-11-23', '2026-11-22')).toEqual({
      ok: false,
      problem: { kind: 'not_published', period: { from: '2026-11-23', to: '2026-11-29' } },
    });
  });

  it('last month is the calendar month before, across a year end and in February', () => {
    expect(ok({ form: 'last_month' }, today, latest)).toEqual({ from: '2026-10-01', to: '2026-10-31', unit: 'month', clippedFrom: null });
    expect(ok({ form: 'last_month' }, '2027-01-02', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31', unit: 'month', clippedFrom: null });
    expect(ok({ form: 'last_month' }, '2024-03-31', '2024-03-30')).toEqual({ from: '2024-02-01', to: '2024-02-29', unit: 'month', clippedFrom: null });
  });

  it('last N days end at the latest published day, which the data says', () => {
    expect(ok({ form: 'last_days', days: 7 }, today, latest)).toEqual({ from: '2026-11-18', to: '2026-11-24', unit: 'days', clippedFrom: null });
    expect(ok({ form: 'last_days', days: 28 }, today, '2026-11-20')).toEqual({ from: '2026-10-24', to: '2026-11-20', unit: 'days', clippedFrom: null });
  });

  it('a date range ending in the future is refused; one ending today stops at the latest published day', () => {
    expect(resolveRange({ form: 'between', from: '2026-11-20', to: '2026-11-26' }, today, latest)).toEqual({
      ok: false,
      problem: { kind: 'future', period: { from: '2026-11-20', to: '2026-11-26' } },
    });
    expect(ok({ form: 'between', from: '2026-11-20', to: '2026-11-25' }, today, latest)).toEqual({ from: '2026-11-20', to: '2026-11-24', unit: 'days', clippedFrom: '2026-11-25' });
  });
});

describe('comparisonPeriod: as many days, the same weekdays, earlier', () => {
  it('is the period just before for whole weeks', () => {
    expect(comparisonPeriod({ from: '2026-11-16', to: '2026-11-22' })).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(comparisonPeriod({ from: '2026-10-28', to: '2026-11-24' })).toEqual({ from: '2026-09-30', to: '2026-10-27' });
  });

  it('moves part weeks and months back by whole weeks', () => {
    // This week so far (Mon–Tue) against last week's Mon–Tue.
    expect(comparisonPeriod({ from: '2026-11-23', to: '2026-11-24' })).toEqual({ from: '2026-11-16', to: '2026-11-17' });
    const october = { from: '2026-10-01', to: '2026-10-31' };
    const before = comparisonPeriod(october);
    expect(periodDays(before)).toBe(31);
    expect(isoWeekday(before.from)).toBe(isoWeekday(october.from));
  });
});

describe('neighbours: where the buttons go', () => {
  const latest = '2026-11-24';

  it('steps by calendar week, the next one stopping at the latest published day', () => {
    const { previous, next } = neighbours({ from: '2026-11-16', to: '2026-11-22', unit: 'week', clippedFrom: null }, latest);
    expect(previous).toEqual({ from: '2026-11-09', to: '2026-11-15', unit: 'week', clippedFrom: null });
    expect(next).toEqual({ from: '2026-11-23', to: '2026-11-24', unit: 'week', clippedFrom: '2026-11-29' });
    // Nothing after this week yet.
    expect(neighbours({ from: '2026-11-23', to: '2026-11-24', unit: 'week', clippedFrom: '2026-11-29' }, latest).next).toBeNull();
  });

  it('steps by calendar month, whatever its length', () => {
    const { previous, next } = neighbours({ from: '2026-03-01', to: '2026-03-31', unit: 'month', clippedFrom: null }, latest);
    expect(previous).toEqual({ from: '2026-02-01', to: '2026-02-28', unit: 'month', clippedFrom: null });
    expect(next).toEqual({ from: '2026-04-01', to: '2026-04-30', unit: 'month', clippedFrom: null });
  });

  it('steps by the number of days otherwise, never before any data', () => {
    const { previous, next } = neighbours({ from: '2026-11-18', to: '2026-11-24', unit: 'days', clippedFrom: null }, latest);
    expect(previous).toEqual({ from: '2026-11-11', to: '2026-11-17', unit: 'days', clippedFrom: null });
    expect(next).toBeNull();
    expect(neighbours({ from: '2000-01-01', to: '2000-01-07', unit: 'days', clippedFrom: null }, latest).previous).toBeNull();
  });
});

describe('bars', () => {
  it('draws up to five weeks day by day, longer ranges by Monday week with the edge weeks cut', () => {
    expect(barPeriods({ from: '2026-10-21', to: '2026-11-24' }).unit).toBe('day');
    const weekly = barPeriods({ from: '2026-10-01', to: '2026-11-20' });
    expect(weekly.unit).toBe('week');
    expect(weekly.bars[0]).toEqual({ from: '2026-10-01', to: '2026-10-04' });
    expect(weekly.bars[1]).toEqual({ from: '2026-10-05', to: '2026-10-11' });
    expect(weekly.bars[weekly.bars.length - 1]).toEqual({ from: '2026-11-16', to: '2026-11-20' });
  });

  it('labels days and weeks, with the year where it is not this one', () => {
    expect(periodLabel({ from: '2026-11-16', to: '2026-11-22' }, '2026-11-25')).toBe('Mon 16 – Sun 22 Nov');
    expect(periodLabel({ from: '2026-10-26', to: '2026-11-01' }, '2026-11-25')).toBe('Mon 26 Oct – Sun 1 Nov');
    expect(periodLabel({ from: '2025-11-10', to: '2025-11-16' }, '2026-11-25')).toBe('Mon 10 – Sun 16 Nov 2025');
    expect(periodLabel({ from: '2025-12-29', to: '2026-01-04' }, '2026-11-25')).toBe('Mon 29 Dec 2025 – Sun 4 Jan 2026');
    expect(barLabels([{ from: '2026-10-05', to: '2026-10-11' }], 'week', '2026-11-25')).toEqual([{ short: '5 Oct', long: 'Mon 5 – Sun 11 Oct' }]);
  });

  it('checks periods from button state', () => {
    expect(checkPeriod('2026-11-01', '2026-11-30')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(checkPeriod('2026-11-30', '2026-11-01')).toBeNull();
    expect(checkPeriod('2024-01-01', '2025-01-01')).toBeNull();
    expect(checkPeriod('2026-02-30', '2026-03-01')).toBeNull();
    expect(checkPeriod(20261101, '2026-11-30')).toBeNull();
  });
});
