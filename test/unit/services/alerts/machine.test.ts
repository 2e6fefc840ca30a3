import { INITIAL_STATE, advance, markNoData, statusOf, type MachineState, type Reading, type Rule } from '../../../../src/services/alerts/machine';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T15:00:00Z');

/** Hourly readings from T0 (or `from`), one per value. */
function hourly(values: readonly number[], from = T0): Reading[] {
  return values.map((value, i) => ({ start: from + i * HOUR, end: from + (i + 1) * HOUR, value }));
}

const ABOVE_80: Rule = { direction: 'above', threshold: 80, recovery: 75, minDuration: 2 };

function kinds(events: readonly { kind: string }[]): string[] {
  return events.map((e) => e.kind);
}

describe('alert state machine', () => {
  it('79, 81, 79, 81, 82, 83 against 80 / 75 / 2 buckets: exactly one alert; then 74: exactly one recovery', () => {
    const first = advance(ABOVE_80, INITIAL_STATE, hourly([79, 81, 79, 81, 82, 83]));
    expect(kinds(first.events)).toEqual(['fired']);
    expect(first.state.phase).toBe('ALERTING');
    const fired = first.events[0];
    // The episode starts with the first of the two consecutive buckets, at 81.
    expect(fired?.kind === 'fired' && fired.episode.start).toBe(T0 + 3 * HOUR);
    expect(first.state.episode?.extreme).toEqual({ value: 83, at: T0 + 5 * HOUR });
    expect(first.state.episode?.breachEnd).toBe(T0 + 6 * HOUR);

    const second = advance(ABOVE_80, first.state, hourly([74], T0 + 6 * HOUR));
    expect(kinds(second.events)).toEqual(['recovered']);
    expect(second.state.phase).toBe('OK');
    const recovered = second.events[0];
    expect(recovered?.kind === 'recovered' && recovered.recoveredAt).toBe(T0 + 6 * HOUR);

    const third = advance(ABOVE_80, second.state, hourly([73], T0 + 7 * HOUR));
    expect(third.events).toEqual([]);
  });

  it.each([
    // [readings, rule, expected events, final phase]
    [[81, 82, 83], ABOVE_80, ['fired'], 'ALERTING'],
    [[81, 79, 81, 79], ABOVE_80, [], 'OK'],
    [[81], ABOVE_80, [], 'PENDING'],
    [[80, 80, 80], ABOVE_80, [], 'OK'],
    [[81, 81, 78, 77, 76, 75], ABOVE_80, ['fired'], 'ALERTING'],
    [[81, 81, 78, 77, 76, 75, 74.9], ABOVE_80, ['fired', 'recovered'], 'OK'],
    [[81, 81, 74, 81, 81], ABOVE_80, ['fired', 'recovered', 'fired'], 'ALERTING'],
    [[81], { ...ABOVE_80, minDuration: 1 }, ['fired'], 'ALERTING'],
    [[12, 9, 8, 11, 12], { direction: 'below', threshold: 10, recovery: 11, minDuration: 2 }, ['fired', 'recovered'], 'OK'],
    [[9, 9, 10.5, 11], { direction: 'below', threshold: 10, recovery: 11, minDuration: 2 }, ['fired'], 'ALERTING'],
  ] as const)('%j with %j → %j, ends %s', (values, rule, events, phase) => {
    const run = advance(rule as Rule, INITIAL_STATE, hourly(values));
    expect(kinds(run.events)).toEqual(events);
    expect(run.state.phase).toBe(phase);
  });

  it('reads only buckets after the ones it has seen, so a batch read twice changes nothing', () => {
    const once = advance(ABOVE_80, INITIAL_STATE, hourly([81, 82, 83]));
    const twice = advance(ABOVE_80, once.state, hourly([81, 82, 83]));
    expect(twice.events).toEqual([]);
    expect(twice.state).toEqual(once.state);
  });

  it('a hole in the data restarts a pending run but never ends an episode', () => {
    const pending = advance(ABOVE_80, INITIAL_STATE, hourly([81]));
    const afterGap = advance(ABOVE_80, pending.state, hourly([81], T0 + 3 * HOUR), { previousEnd: T0 + HOUR });
    expect(afterGap.events).toEqual([]);
    expect(afterGap.state.pending?.since).toBe(T0 + 3 * HOUR);

    const alerting = advance(ABOVE_80, INITIAL_STATE, hourly([81, 82]));
    const later = advance(ABOVE_80, alerting.state, hourly([78], T0 + 10 * HOUR), { previousEnd: T0 + 2 * HOUR });
    expect(later.events).toEqual([]);
    expect(later.state.phase).toBe('ALERTING');
  });

  describe('NO_DATA', () => {
    const alerting = advance(ABOVE_80, INITIAL_STATE, hourly([81, 82])).state;

    it('is entered once and keeps the episode open', () => {
      const first = markNoData(alerting);
      expect(first.entered).toBe(true);
      expect(statusOf(first.state)).toBe('NO_DATA');
      expect(first.state.episode).toEqual(alerting.episode);
      const again = markNoData(first.state);
      expect(again.entered).toBe(false);
    });

    it('never recovers: no reading, no recovery, however long it lasts', () => {
      let state: MachineState = alerting;
      for (let i = 0; i < 10; i += 1) {
        state = markNoData(state).state;
        const run = advance(ABOVE_80, state, []);
        expect(run.events).toEqual([]);
        state = run.state;
      }
      expect(state.episode).not.toBeNull();
      expect(statusOf(state)).toBe('NO_DATA');
    });

    it('data in between the levels keeps alerting; only a reading past the recovery level ends it', () => {
      const late = markNoData(alerting).state;
      const band = advance(ABOVE_80, late, hourly([78, 76], T0 + 2 * HOUR));
      expect(band.events).toEqual([]);
      expect(statusOf(band.state)).toBe('ALERTING');
      const back = advance(ABOVE_80, band.state, hourly([70], T0 + 4 * HOUR));
      expect(kinds(back.events)).toEqual(['recovered']);
    });

    it('a pending run survives a late publish and completes when the data comes', () => {
      const pending = markNoData(advance(ABOVE_80, INITIAL_STATE, hourly([81])).state).state;
      expect(statusOf(pending)).toBe('NO_DATA');
      const run = advance(ABOVE_80, pending, hourly([82], T0 + HOUR), { previousEnd: T0 + HOUR });
      expect(kinds(run.events)).toEqual(['fired']);
    });
  });
});
