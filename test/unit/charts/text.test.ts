import type { AlertChartModel, DayChartModel, RankingChartModel } from '../../../src/charts/model';
import { ALT_TEXT_MAX, SECTION_TEXT_MAX, chartAltText, chartTextTable } from '../../../src/charts/text';
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

const ranking: RankingChartModel = {
  kind: 'ranking',
  title: 'Busiest zones',
  unit: 'percent',
  items: [
    { label: 'Open desks N', value: 91.2 },
    { label: 'Café', value: 77 },
  ],
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

  it('describes a ranking, and stays within the alt text limit', () => {
    expect(chartAltText(ranking)).toBe('Busiest zones: Open desks N 91%, Café 77%');
    expect(chartAltText({ ...ranking, items: [] })).toBe('Busiest zones: no data');
    const many = { ...ranking, unit: 'people' as const, items: Array.from({ length: 300 }, (_, i) => ({ label: `Zone number ${i}`, value: i })) };
    const text = chartAltText(many);
    expect(text.length).toBe(ALT_TEXT_MAX);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('chartTextTable', () => {
  it('tabulates a day with last week, bars and capacity', () => {
    expect(chartTextTable(day)).toBe(
      [
        '```',
        'DEMO (71) · Tue 25 Nov',
        'Time   Tue 25  Last Tue',
        '06:00       0         0',
        '07:00       0         0',
        '08:00      40         0  ██████',
        '09:00      81        70  ███████████',
        '10:00     120         0  █████████████████',
        '11:00     143       110  ████████████████████',
        '12:00      90         0  █████████████',
        ...['13', '14', '15', '16', '17', '18', '19'].map((h) => `${h}:00       0         0`),
        'Capacity 160',
        '```',
      ].join('\n'),
    );
  });

  it('shows missing hours as a dash and leaves out what is unknown', () => {
    const table = chartTextTable({ ...day, buckets: day.buckets.filter((b) => b.start !== start + 9 * H), lastWeek: null, reference: null });
    expect(table).toContain('\n09:00       –\n');
    expect(table).not.toContain('Last');
    expect(table).not.toContain('Capacity');
  });

  it('tabulates an alert per hour, marks the episode, and escapes names', () => {
    expect(chartTextTable(alert)).toBe(
      [
        '```',
        'DEMO &lt;71&gt; &amp; co · hourly means',
        'Time   People',
        '09:00     105     ███████████████',
        '10:00     117  ●  █████████████████',
        '11:00     129  ●  ██████████████████',
        '12:00     141  ●  ████████████████████',
        '● above 120, recovers at 108',
        '```',
      ].join('\n'),
    );
  });

  it('tabulates a ranking', () => {
    expect(chartTextTable(ranking)).toBe(
      ['```', 'Busiest zones', 'Name            %', 'Open desks N  91%  ████████████████████', 'Café          77%  █████████████████', '```'].join('\n'),
    );
  });

  it('cuts long tables to fit a Slack section, saying so', () => {
    const many: RankingChartModel = {
      ...ranking,
      items: Array.from({ length: 200 }, (_, i) => ({ label: `Meeting room <${i}> & annex with a long name`, value: 200 - i })),
    };
    const table = chartTextTable(many);
    expect(table.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    expect(table).toMatch(/\n…\n```$/);
    expect(table).toContain('Meeting room &lt;0&gt; &amp; annex wi…');
    expect(table).not.toMatch(/<|>/);
  });
});
