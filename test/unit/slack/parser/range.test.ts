import { parseCommand, type ParsedCommand } from '../../../../src/slack/parser';

describe('parseCommand: ranges after building|zone <x>', () => {
  const valid: [string, ParsedCommand][] = [
    ['building 71 last week', { kind: 'range', scope: 'building', id: 71, range: { text: 'last week', spec: { form: 'last_week' } } }],
    ['building 71 THIS WEEK', { kind: 'range', scope: 'building', id: 71, range: { text: 'this week', spec: { form: 'this_week' } } }],
    ['zone 5 this month', { kind: 'range', scope: 'zone', id: 5, range: { text: 'this month', spec: { form: 'this_month' } } }],
    ['zone 5 last month', { kind: 'range', scope: 'zone', id: 5, range: { text: 'last month', spec: { form: 'last_month' } } }],
    ['building 71 last 7 days', { kind: 'range', scope: 'building', id: 71, range: { text: 'last 7 days', spec: { form: 'last_days', days: 7 } } }],
    ['building 71 last 4 weeks', { kind: 'range', scope: 'building', id: 71, range: { text: 'last 4 weeks', spec: { form: 'last_days', days: 28 } } }],
    ['building 71 past 1 week', { kind: 'range', scope: 'building', id: 71, range: { text: 'last 1 week', spec: { form: 'last_days', days: 7 } } }],
    ['building 71 last 366 days', { kind: 'range', scope: 'building', id: 71, range: { text: 'last 366 days', spec: { form: 'last_days', days: 366 } } }],
    [
      'building 71 2026-10-01..2026-11-20',
      { kind: 'range', scope: 'building', id: 71, range: { text: '2026-10-01..2026-11-20', spec: { form: 'between', from: '2026-10-01', to: '2026-11-20' } } },
    ],
    ['building 71 2026-11-20..2026-11-20', { kind: 'range', scope: 'building', id: 71, range: { text: '2026-11-20..2026-11-20', spec: { form: 'between', from: '2026-11-20', to: '2026-11-20' } } }],
    // A leap year's whole year is 366 days: still a year.
    ['building 71 2024-01-01..2024-12-31', { kind: 'range', scope: 'building', id: 71, range: { text: '2024-01-01..2024-12-31', spec: { form: 'between', from: '2024-01-01', to: '2024-12-31' } } }],
  ];

  it.each(valid)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('keeps day answers as they were', () => {
    expect(parseCommand('building 71 yesterday')).toEqual({ kind: 'building', id: 71, date: { form: 'yesterday', text: 'yesterday' }, granularity: 'PT1H' });
    expect(parseCommand('building 71 2025-11-20 P1D')).toEqual({ kind: 'building', id: 71, date: { form: 'iso', text: '2025-11-20' }, granularity: 'P1D' });
  });

  const refused: [string, string, string][] = [
    ['building 71 2026-11-20..2026-11-01', 'bad_range', 'ends (Sun 1 Nov) before it starts (Fri 20 Nov). Put the earlier date first, e.g. `2026-11-01..2026-11-20`.'],
    ['building 71 2025-11-01..2026-11-20', 'bad_range', 'is longer than a year'],
    ['building 71 last 400 days', 'bad_range', 'is longer than a year'],
    ['building 71 last 53 weeks', 'bad_range', 'is longer than a year'],
    ['building 71 last 0 days', 'bad_range', 'is no time at all'],
    ['building 71 2026-02-30..2026-03-10', 'bad_range', "isn't a date I can start or end a range with"],
    ['building 71 2026-10-01..', 'bad_range', "isn't a date I can start or end a range with"],
    ['building 71 1999-12-01..2000-01-10', 'bad_range', 'starts before any data'],
    ['building 71 last week yesterday', 'duplicate_argument', 'You gave a range and a date ("last week" and "yesterday")'],
    ['building 71 last week this month', 'duplicate_argument', 'You gave two ranges'],
    ['building 71 last week PT15M', 'unexpected_argument', 'A range is shown by day'],
    ['building 71 last year', 'unexpected_argument', 'Ranges: `last week`'],
    ['building 71 last 3 fortnights', 'unexpected_argument', 'Ranges: `last week`'],
  ];

  it.each(refused)('%j is refused clearly', (text, reason, words) => {
    const parsed = parseCommand(text);
    expect(parsed).toEqual(expect.objectContaining({ kind: 'error', reason }));
    expect((parsed as { message: string }).message).toContain(words);
  });
});
