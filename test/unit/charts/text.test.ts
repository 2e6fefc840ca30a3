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
  episode: { start: start + 10 * H + 2 * Q, end: start + 12 * H + Q },
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
      '15-minute occupancy of DEMO <71> & co as a share of its usual level: above 130% of usual from 10:30 to 12:15 (peak 136% of usual at 12:00); threshold 130% of usual and recovery level 117% of usual shown as dashed lines',
    );
  });

  it('stays within the alt text limit, saying it was cut', () => {
    const text = chartAltText({ ...day, subject: 'Building with a very long name '.repeat(100) });
    expect(text.length).toBeLessThanOrEqual(ALT_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });

  it('describes an alert chart', () => {
    expect(chartAltText(alert)).toBe(
      '15-minute occupancy of DEMO <71> & co: above 120 from 10:30 to 12:15 (peak 136 at 12:00); threshold 120 and recovery level 108 shown as dashed lines',
    );
    expect(chartAltText({ ...alert, direction: 'below', recovery: null, episode: { start: start + 9 * H, end: null } })).toBe(
      '15-minute occupancy of DEMO <71> & co: below 120 since 09:00 (low 100 at 09:00); threshold 120 shown as a dashed line',
    );
  });

  it('names the day when an alert chart spans midnight', () => {
    const overnight: AlertChartModel = {
      ...alert,
      granularity: 'PT1H',
      buckets: [22, 23, 24, 25].map((h) => ({ start: start + h * H, value: 120 + h })),
      episode: { start: start + 23 * H, end: start + 25 * H },
      recovery: null,
    };
    expect(chartAltText(overnight)).toBe(
      'Hourly occupancy of DEMO <71> & co: above 120 from Tue 23:00 to Wed 01:00 (peak 144 at Wed 00:00); threshold 120 shown as a dashed line',
    );
  });
});
