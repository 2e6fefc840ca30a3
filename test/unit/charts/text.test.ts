import type { AlertChartModel, DayChartModel } from '../../../src/views/chart';
import { ALT_TEXT_MAX, chartAltText } from '../../../src/charts/text';
import type { Bucket } from '../../../src/domain/summary';
import { dayWindow } from '../../../src/domain/time';

const zone = 'America/Toronto';
const date = '2025-11-25';
const start = dayWindow(date, zone).start;
const lastWeekStart = dayWindow('2025-11-18', zone).start;
const H = 3_600_000;
const Q = 900_000;
const hourly = (values: Record<number, number>, base: number): Bucket[] =>
  Array.from({ length: 24 }, (_, h) => ({ start: base + h * H, value: values[h] ?? 0 }));

const day: DayChartModel = {
  kind: 'day',
  subject: 'DEMO (71)',
  date,
  zone,
  granularity: 'PT1H',
  buckets: hourly({ 8: 40.4, 9: 80.6, 10: 120, 11: 143.2, 12: 90 }, start),
  lastWeek: hourly({ 9: 70, 11: 110 }, lastWeekStart),
  reference: { kind: 'capacity', value: 160 },
};

const alert: AlertChartModel = {
  kind: 'alert',
  subject: 'DEMO <71> & co',
  zone,
  granularity: 'PT15M',
  buckets: Array.from({ length: 16 }, (_, i) => ({ start: start + 9 * H + i * Q, value: 100 + i * 3 })),
  direction: 'above',
  threshold: 120,
  recovery: 108,
  episodes: [{ start: start + 10 * H + 2 * Q, breachEnd: start + 12 * H + Q, recoveredAt: start + 12 * H + 2 * Q }],
};

describe('chartAltText', () => {
  it('describes a day chart', () => {
    expect(chartAltText({ ...day, lastWeek: hourly({ 9: 70 }, lastWeekStart), reference: null, buckets: hourly({ 12: 143 }, start) })).toBe(
      'Hourly occupancy of DEMO (71) on Tue 25 Nov: peak 143 at 12:00; last Tuesday shown as a line',
    );
    expect(chartAltText(day)).toBe(
      'Hourly occupancy of DEMO (71) on Tue 25 Nov: peak 143 at 11:00; last Tuesday shown as a line; capacity 160 shown as a dashed line',
    );
  });

  it('says so when a day has no data, and gives the total of a daily bucket', () => {
    expect(chartAltText({ ...day, buckets: [], lastWeek: null, reference: { kind: 'threshold', value: 120 } })).toBe(
      'Hourly occupancy of DEMO (71) on Tue 25 Nov: no data; threshold 120 shown as a dashed line',
    );
    expect(chartAltText({ ...day, granularity: 'P1D', buckets: [{ start, value: 84.4 }], lastWeek: null, reference: null, dayLabel: 'Tue 25 Nov 2025' })).toBe(
      'Daily occupancy of DEMO (71) on Tue 25 Nov 2025: 84 people',
    );
  });

  it('speaks in shares of usual for a rule relative to usual', () => {
    expect(chartAltText({ ...alert, unit: 'usual', threshold: 130, recovery: 117 })).toBe(
      '15-minute occupancy of DEMO <71> & co as a share of its usual level: above 130% of usual from 10:30 to 12:15 (peak 136% of usual at 12:00); threshold 130% of usual and recovery level 117% of usual shown as dashed lines; bars above 130% in red, between 117% and 130% in amber, below 117% in blue; episode shaded',
    );
  });

  it('stays within the alt text limit, saying it was cut', () => {
    const text = chartAltText({ ...day, subject: 'Building with a very long name '.repeat(100) });
    expect(text.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('describes an alert chart', () => {
    expect(chartAltText(alert)).toBe(
      '15-minute occupancy of DEMO <71> & co: above 120 from 10:30 to 12:15 (peak 136 at 12:00); threshold 120 and recovery level 108 shown as dashed lines; bars above 120 in red, between 108 and 120 in amber, below 108 in blue; episode shaded',
    );
    expect(chartAltText({ ...alert, direction: 'below', recovery: null, episodes: [{ start: start + 9 * H, breachEnd: start + 9 * H + Q, recoveredAt: null }] })).toBe(
      '15-minute occupancy of DEMO <71> & co: below 120 from 09:00 to 09:15 (low 100 at 09:00, still below at the end of the data); threshold 120 shown as a dashed line; episode shaded',
    );
  });

  it('ends an episode where its message does: the end of its last bucket past the threshold, not its recovery', () => {
    const band: AlertChartModel = {
      ...alert,
      granularity: 'PT1H',
      threshold: 130,
      recovery: 100,
      buckets: [14, 15, 16, 17].map((h, i) => ({ start: start + h * H, value: [151, 141, 101, 80][i]! })),
      episodes: [{ start: start + 14 * H, breachEnd: start + 16 * H, recoveredAt: start + 17 * H }],
    };
    const text = chartAltText(band);
    expect(text).toContain('above 130 from 14:00 to 16:00 (peak 151 at 14:00)');
    expect(text).not.toContain('17:00');
  });

  it('names days, not midnights, for a daily episode', () => {
    const weekend: AlertChartModel = {
      ...alert,
      granularity: 'P1D',
      direction: 'below',
      threshold: 10,
      recovery: 11,
      buckets: [0, 1, 2, 3].map((d, i) => ({ start: start + d * 24 * H, value: [30, 4, 3, 21][i]! })),
      episodes: [{ start: start + 24 * H, breachEnd: start + 72 * H, recoveredAt: start + 72 * H }],
    };
    expect(chartAltText(weekend)).toBe(
      'Daily occupancy of DEMO <71> & co: below 10 from Wed 26 Nov to Thu 27 Nov (low 3 on Thu 27 Nov); threshold 10 and recovery level 11 shown as dashed lines; bars below 10 in red, between 10 and 11 in amber, above 11 in blue; episode shaded',
    );
  });

  it('lists every episode of a grouped message', () => {
    const two: AlertChartModel = {
      ...alert,
      recovery: null,
      episodes: [
        { start: start + 9 * H, breachEnd: start + 9 * H + 2 * Q, recoveredAt: start + 9 * H + 2 * Q },
        { start: start + 11 * H, breachEnd: start + 13 * H, recoveredAt: null },
      ],
    };
    expect(chartAltText(two)).toBe(
      '15-minute occupancy of DEMO <71> & co: above 120 twice: from 09:00 to 09:30 (peak 103 at 09:15) and from 11:00 to 13:00 (peak 145 at 12:45, still above at the end of the data); threshold 120 shown as a dashed line; episodes shaded',
    );
  });

  it('names the day when an alert chart spans midnight, and says 24:00 for an end at midnight', () => {
    const overnight: AlertChartModel = {
      ...alert,
      granularity: 'PT1H',
      buckets: [22, 23, 24, 25].map((h) => ({ start: start + h * H, value: 120 + h })),
      episodes: [{ start: start + 23 * H, breachEnd: start + 26 * H, recoveredAt: null }],
      recovery: null,
    };
    expect(chartAltText(overnight)).toBe(
      'Hourly occupancy of DEMO <71> & co: above 120 from Tue 23:00 to Wed 02:00 (peak 145 at Wed 01:00, still above at the end of the data); threshold 120 shown as a dashed line; episode shaded',
    );
    expect(chartAltText({ ...overnight, episodes: [{ start: start + 22 * H, breachEnd: start + 24 * H, recoveredAt: start + 24 * H }] })).toContain(
      'above 120 from Tue 22:00 to Tue 24:00 (peak 143 at Tue 23:00)',
    );
  });
});
