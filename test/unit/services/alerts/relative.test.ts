import { DateTime } from 'luxon';
import { History } from '../../../../src/domain/baseline';
import { runBacktest } from '../../../../src/services/alerts/backtest';
import { INITIAL_STATE, advance, type Reading, type Rule } from '../../../../src/services/alerts/machine';
import { relativeReadings } from '../../../../src/services/alerts/readings';
import { machineOf, stateRow } from '../../../../src/services/alerts/stored';
import { itemsForBatch } from '../../../../src/services/alerts/outbox';
import { historyRanges } from '../../../../src/services/alerts/baseline';
import { editModalView, ruleView } from '../../../../src/services/alerts/views';

const ZONE = 'America/Toronto';
const HOUR = 3_600_000;
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const ABOVE_130: Rule = { direction: 'above', threshold: 130, recovery: 117, minDuration: 1 };

/** The same four Tuesdays, 09:00–12:00: 100 people at each hour but 10:00, usually 98. */
function fourTuesdays(): History {
  const buckets = ['2026-10-27', '2026-11-03', '2026-11-10', '2026-11-17'].flatMap((d, i) => [
    { start: at(`${d}T09:00`), value: 100 },
    { start: at(`${d}T10:00`), value: [90, 100, 96, 106][i] ?? 0 },
    { start: at(`${d}T11:00`), value: 100 },
  ]);
  return new History(buckets, 'PT1H', ZONE);
}

describe('readings of a rule relative to usual', () => {
  it('are each bucket as a share of its usual level, carrying that level', () => {
    const readings = relativeReadings([{ start: at('2026-11-24T10:00'), value: 143 }], fourTuesdays(), 'PT1H', ZONE);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ start: at('2026-11-24T10:00'), end: at('2026-11-24T11:00'), usual: 98, usualWeeks: 4 });
    expect(readings[0]!.value).toBeCloseTo(145.918, 2);
  });

  it('mark a bucket with too little history, or nothing usual, as unjudged', () => {
    const sparse = new History([{ start: at('2026-11-17T10:00'), value: 100 }, { start: at('2026-11-17T12:00'), value: 0 }, { start: at('2026-11-10T12:00'), value: 0 }], 'PT1H', ZONE);
    const readings = relativeReadings(
      [
        { start: at('2026-11-24T10:00'), value: 150 },
        { start: at('2026-11-24T12:00'), value: 5 },
      ],
      sparse,
      'PT1H',
      ZONE,
    );
    expect(readings.map((r) => [r.unjudged, r.usualWeeks])).toEqual([
      ['history', 1],
      ['nothing_usual', 2],
    ]);
  });

  it('fire on the share, keep the usual level with the extreme, and store it with the state', () => {
    const readings = relativeReadings(
      [
        { start: at('2026-11-24T09:00'), value: 110 },
        { start: at('2026-11-24T10:00'), value: 143 },
        { start: at('2026-11-24T11:00'), value: 100 },
      ],
      fourTuesdays(),
      'PT1H',
      ZONE,
    );
    const run = advance(ABOVE_130, INITIAL_STATE, readings);
    expect(run.events.map((e) => e.kind)).toEqual(['fired', 'recovered']);
    const episode = run.events[0]!.episode;
    expect(episode.extreme).toMatchObject({ at: at('2026-11-24T10:00'), usual: 98, usualWeeks: 4 });

    const open = advance(ABOVE_130, INITIAL_STATE, readings.slice(0, 2)).state;
    const row = { ...stateRow(open, { subscriptionId: 1, teamId: 'T1', messageChannel: null, messageTs: null, lastNotifiedAt: null, outbox: [] }), updatedAt: 0 };
    expect(row).toMatchObject({ episodeUsual: 98, episodeUsualWeeks: 4 });
    expect(machineOf(row)).toEqual(open);

    const { items } = itemsForBatch({ before: INITIAL_STATE, after: run.state, events: run.events, noDataEntered: false, lastPublished: null }, null, () => []);
    expect(items).toEqual([expect.objectContaining({ kind: 'open', usual: 98, usualWeeks: 4, extremeAt: at('2026-11-24T10:00') })]);
  });
});

describe('unjudged buckets in the state machine', () => {
  const hourly = (values: readonly (number | 'unjudged')[], from: number): Reading[] =>
    values.map((v, i) => ({ start: from + i * HOUR, end: from + (i + 1) * HOUR, ...(v === 'unjudged' ? { value: 0, unjudged: 'history' as const } : { value: v }) }));
  const T0 = at('2026-11-24T08:00');

  it('are read (the rule moves on) but never fire, recover or count towards a run', () => {
    const twoBuckets: Rule = { ...ABOVE_130, minDuration: 2 };
    const broken = advance(twoBuckets, INITIAL_STATE, hourly([140, 'unjudged', 140], T0));
    expect(broken.events).toEqual([]);
    expect(broken.state).toMatchObject({ phase: 'PENDING', evaluatedThrough: T0 + 2 * HOUR });

    const open = advance(ABOVE_130, INITIAL_STATE, hourly([140, 'unjudged', 'unjudged'], T0));
    expect(open.events.map((e) => e.kind)).toEqual(['fired']);
    // Not knowing is never a recovery.
    expect(open.state).toMatchObject({ phase: 'ALERTING', evaluatedThrough: T0 + 2 * HOUR });
  });

  it('leave the backtest counting only what could be judged', () => {
    const result = runBacktest(ABOVE_130, hourly(['unjudged', 'unjudged', 'unjudged'], T0), ZONE);
    expect(result.episodes).toEqual([]);
    expect(result.days).toBe(1);
  });
});

describe('the history a check asks for', () => {
  it('is the same days 1 to 4 weeks back, oldest first, and nothing in between', () => {
    expect(historyRanges('2026-11-25', '2026-11-25')).toEqual([
      { from: '2026-10-28', to: '2026-10-28' },
      { from: '2026-11-04', to: '2026-11-04' },
      { from: '2026-11-11', to: '2026-11-11' },
      { from: '2026-11-18', to: '2026-11-18' },
    ]);
  });

  it('becomes one range once the new days span a week (a long catch-up)', () => {
    expect(historyRanges('2026-11-20', '2026-11-24')).toHaveLength(4);
    expect(historyRanges('2026-11-18', '2026-11-24')).toEqual([{ from: '2026-10-21', to: '2026-11-17' }]);
    expect(historyRanges('2026-11-01', '2026-11-24')).toEqual([{ from: '2026-10-04', to: '2026-11-17' }]);
  });
});

describe('views of a rule relative to usual', () => {
  it('name its measure "usual" in lists and in the form opened to edit it', () => {
    const sub = {
      id: 3, teamId: 'T1', createdBy: 'U1', scopeKind: 'building' as const, scopeId: 71, measure: 'people' as const, direction: 'above' as const,
      thresholdKind: 'relative' as const, threshold: 130, recovery: 117, minDuration: 2, granularity: 'PT1H' as const, destinationKind: 'dm' as const,
      destinationId: 'U1', quietHours: null, renotifyMinutes: null, status: 'active' as const, pausedReason: null, snoozedUntil: null, snoozedBy: null, groupId: null, createdAt: 0, updatedAt: 0,
    };
    expect(ruleView(sub, { name: 'DEMO' })).toMatchObject({ measure: 'usual', threshold: 130, recovery: 117 });
    expect(editModalView(sub, '{}', { status: 'incomplete' })).toMatchObject({ measure: 'usual', threshold: 130 });
    expect(ruleView({ ...sub, thresholdKind: 'absolute' }, { name: 'DEMO' }).measure).toBe('people');
  });
});
