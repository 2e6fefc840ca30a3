import { compareAltText, compareChartConfig, compareTable } from '../../../src/charts/compare';
import { byLocalHour, hoursToShow } from '../../../src/domain/compare';
import { dayWindow } from '../../../src/domain/time';
import type { CompareChartModel } from '../../../src/views/chart';

const DAY: CompareChartModel = {
  kind: 'compare',
  mode: 'day',
  title: 'DEMO vs Harbour · Mon 23 Nov',
  labels: ['08', '09', '10'],
  longLabels: ['08:00', '09:00', '10:00'],
  series: [
    { name: 'DEMO (71)', values: [12.4, 80.6, null] },
    { name: 'Harbour (12)', values: [3, 40.2, 39.9] },
  ],
};

describe('compare charts', () => {
  it('draws a line per subject for a day, rounded for the URL', () => {
    expect(compareChartConfig(DAY)).toEqual({
      type: 'line',
      data: {
        labels: ['08', '09', '10'],
        datasets: [
          { type: 'line', label: 'DEMO (71)', data: [12, 81, null], borderColor: '#4e79a7', backgroundColor: '#4e79a7', borderWidth: 2, pointRadius: 0 },
          { type: 'line', label: 'Harbour (12)', data: [3, 40, 40], borderColor: '#f28e2b', backgroundColor: '#f28e2b', borderWidth: 2, pointRadius: 0 },
        ],
      },
      options: {
        plugins: { title: { display: true, text: 'DEMO vs Harbour · Mon 23 Nov' }, legend: { position: 'bottom' } },
        scales: { x: { ticks: { maxRotation: 0 } }, y: { beginAtZero: true } },
      },
    });
  });

  it('draws a bar series per subject for a range', () => {
    const config = compareChartConfig({ ...DAY, mode: 'range' });
    expect(config.type).toBe('bar');
    expect(config.data.datasets.map((d) => [d.type, d.label, (d as { backgroundColor?: string }).backgroundColor])).toEqual([
      ['bar', 'DEMO (71)', '#4e79a7'],
      ['bar', 'Harbour (12)', '#f28e2b'],
    ]);
  });

  it('says what it draws in its alt text and table', () => {
    expect(compareAltText(DAY)).toBe('Hourly occupancy, DEMO vs Harbour · Mon 23 Nov, a line each: DEMO (71) highest 81 (09:00); Harbour (12) highest 40 (09:00)');
    expect(compareTable(DAY).rows).toEqual([
      { label: 'DEMO (71) · 08:00', value: 12 },
      { label: 'DEMO (71) · 09:00', value: 81 },
      { label: 'DEMO (71) · 10:00', value: null },
      { label: 'Harbour (12) · 08:00', value: 3 },
      { label: 'Harbour (12) · 09:00', value: 40 },
      { label: 'Harbour (12) · 10:00', value: 40 },
    ]);
  });

  it('puts each building on its own clock, and widens the hours to anyone present', () => {
    const toronto = dayWindow('2026-11-23', 'America/Toronto').start;
    const london = dayWindow('2026-11-23', 'Europe/London').start;
    const a = byLocalHour([{ start: toronto + 9 * 3_600_000, value: 50 }], 'America/Toronto');
    const b = byLocalHour([{ start: london + 9 * 3_600_000, value: 20 }, { start: london + 22 * 3_600_000, value: 2 }], 'Europe/London');
    expect([...a]).toEqual([[9, 50]]);
    expect([...b]).toEqual([[9, 20], [22, 2]]);
    expect(hoursToShow([a, b])).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
    expect(hoursToShow([a])).toHaveLength(14);
  });
});
