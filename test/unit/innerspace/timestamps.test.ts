import { naiveToMillis, parseTimestamp } from '../../../src/innerspace/timestamps';

describe('parseTimestamp', () => {
  it.each([
    ['2025-05-01T04:00:00Z', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T04:00:00.000Z', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T04:00:00.123456Z', Date.UTC(2025, 4, 1, 4, 0, 0, 123)],
    ['2025-05-01T00:00:00-04:00', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T00:00:00-0400', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T00:00:00-04', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T09:30:00+05:30', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01 04:00:00+00:00', Date.UTC(2025, 4, 1, 4)],
    ['2025-05-01T04:00Z', Date.UTC(2025, 4, 1, 4)],
  ])('%s is an instant', (text, millis) => {
    expect(parseTimestamp(text)).toEqual({ kind: 'instant', millis });
  });

  it('a timestamp without zone is naive', () => {
    expect(parseTimestamp('2025-05-01T08:00:00')).toEqual({ kind: 'naive', text: '2025-05-01T08:00:00' });
    expect(parseTimestamp('2025-05-01 08:00')).toEqual({ kind: 'naive', text: '2025-05-01T08:00:00' });
  });

  it.each(['', 'yesterday', '2025-13-01T00:00:00Z', '2025-02-30T00:00:00', '20250501T000000Z', '2025-05-01T25:00:00Z', '1714536000000'])(
    '%p is invalid',
    (text) => {
      expect(parseTimestamp(text)).toEqual({ kind: 'invalid' });
    },
  );
});

describe('naiveToMillis', () => {
  it('reads local time in the given zone', () => {
    expect(naiveToMillis('2025-05-01T08:00:00', 'America/Toronto')).toBe(Date.UTC(2025, 4, 1, 12));
    expect(naiveToMillis('2025-05-01T08:00:00', 'Asia/Kolkata')).toBe(Date.UTC(2025, 4, 1, 2, 30));
    expect(naiveToMillis('2025-01-15T08:00:00', 'Europe/London')).toBe(Date.UTC(2025, 0, 15, 8));
  });

  it('moves a time in the spring-forward gap forward', () => {
    // 02:30 does not exist in Toronto on 2025-03-09; luxon keeps the wall-clock offset before the gap.
    expect(naiveToMillis('2025-03-09T02:30:00', 'America/Toronto')).toBe(Date.UTC(2025, 2, 9, 7, 30));
  });

  it('returns null for an unknown zone', () => {
    expect(naiveToMillis('2025-05-01T08:00:00', 'Mars/Olympus')).toBeNull();
  });
});
