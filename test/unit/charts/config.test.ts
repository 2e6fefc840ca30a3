import { alertChartConfig, dayChartConfig } from '../../../src/charts/config';
import type { AlertChartModel, DayChartModel } from '../../../src/views/chart';
import { QuickChartRenderer, SLACK_IMAGE_URL_MAX, firstFittingUrl } from '../../../src/charts/quickchart';
import type { Bucket } from '../../../src/domain/summary';
import { dayWindow } from '../../../src/domain/time';

const zone = 'America/Toronto';
const date = '2025-11-25';
const start = dayWindow(date, zone).start;
const lastWeekStart = dayWindow('2025-11-18', zone).start;
const H = 3_600_000;
const Q = 900_000;

function hourly(values: Record<number, number>, base: number, hours: number[] = Array.from({ length: 24 }, (_, h) => h)): Bucket[] {
  return hours.map((h) => ({ start: base + h * H, value: values[h] ?? 0 }));
}

const labels = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String(from + i).padStart(2, '0'));

describe('dayChartConfig', () => {
  const model: DayChartModel = {
    kind: 'day',
    subject: 'DEMO building (71)',
    date,
    zone,
    granularity: 'PT1H',
    buckets: hourly({ 5: 2.4, 8: 40.4, 9: 80.6, 10: 120, 11: 143.2, 12: 90, 13: 60.5, 17: 10 }, start),
    // Last week only has some hours; one of them late in the evening.
    lastWeek: hourly({ 8: 30, 9: 70, 10: 100, 11: 110, 12: 80, 21: 5 }, lastWeekStart, [8, 9, 10, 11, 12, 21]),
    reference: { kind: 'capacity', value: 160 },
  };

  it('builds the whole config for a fixed day', () => {
    expect(dayChartConfig(model)).toEqual({
      type: 'bar',
      data: {
        // 06–20 widened to 05 (activity at 05:00) and to 21 (last week at 21:00).
        labels: labels(5, 22),
        datasets: [
          {
            type: 'bar',
            label: 'Tue 25 Nov',
            data: [2, 0, 0, 40, 81, 120, 143, 90, 61, 0, 0, 0, 10, 0, 0, 0, 0],
            backgroundColor: '#4e79a7',
            order: 1,
          },
          {
            type: 'line',
            label: 'Last Tuesday',
            data: [null, null, null, 30, 70, 100, 110, 80, null, null, null, null, null, null, null, null, 5],
            borderColor: '#f28e2b',
            borderWidth: 2,
            pointRadius: 0,
          },
          {
            type: 'line',
            label: 'Capacity 160',
            data: Array.from({ length: 17 }, () => 160),
            borderColor: '#59a14f',
            borderDash: [6, 4],
            borderWidth: 2,
            pointRadius: 0,
          },
        ],
      },
      options: {
        plugins: { title: { display: true, text: 'DEMO building (71) · Tue 25 Nov' }, legend: { position: 'bottom' } },
        scales: { x: { ticks: { maxRotation: 0 } }, y: { beginAtZero: true } },
      },
    });
  });

  it('trims a quiet day to 06:00–20:00 and hides the legend of a single series', () => {
    const cfg = dayChartConfig({ kind: 'day', subject: 'X', date, zone, granularity: 'PT1H', buckets: hourly({ 9: 5 }, start), dayLabel: 'Tue 25 Nov 2025', title: 'Custom' });
    expect(cfg.data.labels).toEqual(labels(6, 20));
    expect(cfg.data.datasets).toHaveLength(1);
    expect(cfg.data.datasets[0]).toMatchObject({ label: 'Tue 25 Nov 2025', data: [0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
    expect(cfg.options?.plugins).toEqual({ title: { display: true, text: 'Custom' }, legend: { display: false } });
  });

  it('honours other default hours', () => {
    const cfg = dayChartConfig({ kind: 'day', subject: 'X', date, zone, granularity: 'PT1H', buckets: hourly({ 9: 5 }, start) }, { hours: [8, 18] });
    expect(cfg.data.labels).toEqual(labels(8, 18));
  });

  it('labels quarter-hours on the hour only, keeps one decimal for small values and shows gaps as null', () => {
    const buckets = [
      { start: start + 9 * H, value: 1.26 },
      { start: start + 9 * H + Q, value: 0.04 },
      { start: start + 9 * H + 3 * Q, value: 3.449 },
    ];
    const cfg = dayChartConfig({ kind: 'day', subject: 'Room', date, zone, granularity: 'PT15M', buckets });
    expect(cfg.data.labels).toHaveLength(56);
    expect(cfg.data.labels?.slice(12, 17)).toEqual(['09', '', '', '', '10']);
    expect(cfg.data.datasets[0]?.data.slice(12, 17)).toEqual([1.3, 0, null, 3.4, null]);
    expect(cfg.options?.scales?.x).toEqual({ ticks: { autoSkip: false, maxRotation: 0 } });
  });

  it('averages quarter-hours per hour when asked for the short form', () => {
    const buckets = Array.from({ length: 4 }, (_, q) => ({ start: start + 9 * H + q * Q, value: 10 + q * 10 }));
    const cfg = dayChartConfig({ kind: 'day', subject: 'Room', date, zone, granularity: 'PT15M', buckets }, { hourly: true });
    expect(cfg.data.labels).toEqual(labels(6, 20));
    expect(cfg.data.datasets[0]?.data[3]).toBe(25);
    expect(cfg.options?.scales?.x).toEqual({ ticks: { maxRotation: 0 } });
  });

  it('repeats the 01 hour on a fall-back day', () => {
    const ny = 'America/New_York';
    const w = dayWindow('2025-11-02', ny);
    const buckets = Array.from({ length: 25 }, (_, i) => ({ start: w.start + i * H, value: 1 }));
    const cfg = dayChartConfig({ kind: 'day', subject: 'X', date: '2025-11-02', zone: ny, granularity: 'PT1H', buckets });
    expect(cfg.data.labels).toEqual(['00', '01', '01', ...labels(2, 24)]);
  });

  it('draws one bar for a daily bucket, with last week beside it', () => {
    const cfg = dayChartConfig({
      kind: 'day',
      subject: 'X',
      date,
      zone,
      granularity: 'P1D',
      buckets: [{ start, value: 84.4 }],
      lastWeek: [{ start: lastWeekStart, value: 75.2 }],
    });
    expect(cfg.data.labels).toEqual(['Tue 25']);
    expect(cfg.data.datasets.map((d) => d.data)).toEqual([[84], [75]]);
  });
});

describe('alertChartConfig', () => {
  const model: AlertChartModel = {
    kind: 'alert',
    subject: 'DEMO building (71)',
    zone,
    granularity: 'PT1H',
    buckets: [
      { start: start + 8 * H, value: 90 },
      { start: start + 9 * H, value: 115 },
      { start: start + 10 * H, value: 125.4 },
      { start: start + 11 * H, value: 143 },
      // 12:00 missing
      { start: start + 13 * H, value: 121 },
      { start: start + 14 * H, value: 100 },
    ],
    direction: 'above',
    threshold: 120,
    recovery: 108,
    episodes: [{ start: start + 10 * H, breachEnd: start + 14 * H, recoveredAt: start + 14 * H }],
  };

  it('builds the whole config: bars by state, the episode shaded, threshold and recovery dashed', () => {
    expect(alertChartConfig(model)).toEqual({
      type: 'bar',
      data: {
        labels: ['08', '09', '10', '11', '12', '13', '14'],
        datasets: [
          { type: 'bar', label: 'Below 108', data: [90, null, null, null, null, null, 100], backgroundColor: '#4e79a7', grouped: false, order: 1 },
          { type: 'bar', label: 'Between 108 and 120', data: [null, 115, null, null, null, null, null], backgroundColor: '#f1a340', grouped: false, order: 1 },
          { type: 'bar', label: 'Above 120', data: [null, null, 125, 143, null, 121, null], backgroundColor: '#e15759', grouped: false, order: 1 },
          {
            type: 'bar', label: 'Episode', data: [null, null, 154, 154, 154, 154, null], backgroundColor: 'rgba(225,87,89,0.12)',
            grouped: false, barPercentage: 1, categoryPercentage: 1, order: 2,
          },
          { type: 'line', label: 'Threshold 120', data: [120, 120, 120, 120, 120, 120, 120], borderColor: '#e15759', borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
          { type: 'line', label: 'Recovers at 108', data: [108, 108, 108, 108, 108, 108, 108], borderColor: '#9c9c9c', borderDash: [6, 4], borderWidth: 2, pointRadius: 0 },
        ],
      },
      options: {
        plugins: { title: { display: true, text: 'DEMO building (71) · above 120' }, legend: { position: 'bottom' } },
        scales: { x: { ticks: { maxRotation: 0 } }, y: { beginAtZero: true } },
      },
    });
  });

  it('colours a bucket within the recovery band inside an episode as the band, not as past the threshold', () => {
    // 141 past 130, then 101: not past 130, not yet below 100, so the episode goes on without it.
    const cfg = alertChartConfig({
      ...model,
      threshold: 130,
      recovery: 100,
      buckets: [{ start: start + 15 * H, value: 141 }, { start: start + 16 * H, value: 101 }, { start: start + 17 * H, value: 80 }],
      episodes: [{ start: start + 15 * H, breachEnd: start + 16 * H, recoveredAt: start + 17 * H }],
    });
    const byLabel = Object.fromEntries(cfg.data.datasets.map((d) => [d.label, d.data]));
    expect(byLabel['Above 130']).toEqual([141, null, null]);
    expect(byLabel['Between 100 and 130']).toEqual([null, 101, null]);
    expect(byLabel['Below 100']).toEqual([null, null, 80]);
    // Shaded where the message says the episode was: up to the end of its last bucket past the threshold.
    expect(byLabel['Episode']).toEqual([152, null, null]);
  });

  it('for a below rule, the band lies above the threshold', () => {
    const cfg = alertChartConfig({
      ...model,
      direction: 'below',
      threshold: 10,
      recovery: 11,
      granularity: 'P1D',
      buckets: [{ start, value: 30 }, { start: start + 24 * H, value: 10.5 }, { start: start + 48 * H, value: 4 }],
      episodes: [{ start: start + 48 * H, breachEnd: start + 72 * H, recoveredAt: null }],
    });
    expect(cfg.data.labels).toEqual(['Tue 25', 'Wed 26', 'Thu 27']);
    expect(cfg.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Above 11', [30, null, null]],
      // Drawn in whole people from 10 up; the state is that of the unrounded 10.5.
      ['Between 10 and 11', [null, 11, null]],
      ['Below 10', [null, null, 4]],
      ['Episode', [null, null, 32]],
      ['Threshold 10', [10, 10, 10]],
      ['Recovers at 11', [11, 11, 11]],
    ]);
  });

  it('shades every episode of a message and says how many', () => {
    const cfg = alertChartConfig({
      ...model,
      episodes: [
        { start: start + 10 * H, breachEnd: start + 12 * H, recoveredAt: start + 12 * H },
        { start: start + 13 * H, breachEnd: start + 14 * H, recoveredAt: null },
      ],
    });
    const shade = cfg.data.datasets.find((d) => d.label === 'Episodes (2)');
    expect(shade?.data).toEqual([null, null, 154, 154, null, 154, null]);
  });

  it('draws the levels over a single bar too, where a line of one point would not show', () => {
    const cfg = alertChartConfig({ ...model, granularity: 'P1D', buckets: [{ start, value: 21 }], episodes: [{ start, breachEnd: start + 24 * H, recoveredAt: null }] });
    const lines = cfg.data.datasets.filter((d) => d.type === 'line');
    expect(lines.map((d) => [d.label, d.data, 'pointStyle' in d ? d.pointStyle : null, 'pointRadius' in d ? d.pointRadius : null])).toEqual([
      ['Threshold 120', [120], 'line', 60],
      ['Recovers at 108', [108], 'line', 60],
    ]);
  });

  it('treats an open episode as running to the end and names days across midnight', () => {
    const cfg = alertChartConfig({
      ...model,
      recovery: null,
      buckets: [22, 23, 24, 25].map((h) => ({ start: start + h * H, value: 130 })),
      episodes: [{ start: start + 23 * H, breachEnd: start + 26 * H, recoveredAt: null }],
    });
    expect(cfg.data.labels).toEqual(['22', '23', 'Wed', '01']);
    expect(cfg.data.datasets.map((d) => d.label)).toEqual(['Occupancy', 'Above 120', 'Episode', 'Threshold 120']);
    // 22:00 is past the threshold too (a run too short to count): red, but not shaded.
    expect(cfg.data.datasets[1]?.data).toEqual([130, 130, 130, 130]);
    expect(cfg.data.datasets[2]?.data).toEqual([null, 140, 140, 140]);
  });
});

describe('URL length', () => {
  const renderer = new QuickChartRenderer({ baseUrl: 'https://quickchart.io' });
  // A normal office day at PT15M: quiet at night, busy 07:00–19:00.
  const dayShape = (i: number) => {
    const h = i / 4;
    return h >= 7 && h < 19 ? 140 * Math.sin(((h - 7) / 12) * Math.PI) + 3.3 : 0;
  };
  const quarterDay = (base: number, f: (i: number) => number) => Array.from({ length: 96 }, (_, i) => ({ start: base + i * Q, value: f(i) }));
  const normal: DayChartModel = {
    kind: 'day',
    subject: 'DEMO building (71)',
    date,
    zone,
    granularity: 'PT15M',
    buckets: quarterDay(start, dayShape),
    lastWeek: quarterDay(lastWeekStart, (i) => dayShape(i) * 0.9),
    reference: { kind: 'capacity', value: 160 },
  };
  // A 24-hour site: nothing to trim, so all 96 buckets of three series go in the URL.
  const allDay: DayChartModel = {
    ...normal,
    buckets: quarterDay(start, (i) => 50 + 100 * Math.sin(i) ** 2),
    lastWeek: quarterDay(lastWeekStart, (i) => 40 + 100 * Math.cos(i) ** 2),
  };

  it('fits a normal PT15M day with last week and capacity in a Slack image URL', () => {
    const url = renderer.url(dayChartConfig(normal));
    expect(url).not.toBeNull();
    expect(url?.length).toBeLessThanOrEqual(SLACK_IMAGE_URL_MAX);
  });

  it('returns null for an oversized config, and the hourly form fits instead', () => {
    const full = dayChartConfig(allDay);
    const short = dayChartConfig(allDay, { hourly: true });
    expect(full.data.labels).toHaveLength(96);
    expect(renderer.url(full)).toBeNull();
    const picked = firstFittingUrl(renderer, [full, short]);
    expect(picked?.config).toBe(short);
    expect(picked?.url.length).toBeLessThanOrEqual(SLACK_IMAGE_URL_MAX);
    expect(firstFittingUrl(renderer, [full])).toBeNull();
  });
});
