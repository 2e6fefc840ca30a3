/**
 * Fixed view models for the builder tests: DEMO building (71) in Toronto on Tue 25 Nov 2025.
 */
import { DateTime } from 'luxon';
import type {
  AlertEpisodeView,
  ChartView,
  DigestBuildingView,
  DigestSummaryView,
  DailyDigestView,
  RangeReportView,
  ReportView,
  RuleView,
  SubscriptionSummaryView,
  ZonesView,
} from '../../../../src/slack/blocks';

export const TZ = 'America/Toronto';

/** Epoch ms of a Toronto wall-clock time. */
export function at(local: string, zone = TZ): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad fixture time ${local}`);
  return dt.toMillis();
}

/** A chart as the charts adapter hands it over: URL and alt text, the model it draws and its table. */
export function chartView(overrides: Partial<ChartView> = {}): ChartView {
  return {
    url: 'https://quickchart.example/chart?c=abc',
    altText: 'Hourly occupancy of DEMO building on Tue 25 Nov: peak 143 at 12:00.',
    model: { kind: 'day', subject: 'DEMO building (71)', date: '2025-11-25', zone: TZ, granularity: 'PT1H', buckets: [{ start: at('2025-11-25T12:00'), value: 143.2 }] },
    table: { title: 'Hourly occupancy of DEMO building (71) on Tue 25 Nov', rows: [{ label: '11:00', value: 90 }, { label: '12:00', value: 143 }] },
    ...overrides,
  };
}

export const CHART = chartView();

export function reportView(overrides: Partial<ReportView> = {}): ReportView {
  return {
    scope: { kind: 'building', id: 71, name: 'DEMO building' },
    date: '2025-11-25',
    timeZone: TZ,
    granularity: 'PT1H',
    groupLabel: 'everyone',
    dataThrough: '2025-11-25',
    awaitedDate: null,
    stats: {
      mean: 84.4,
      occupied: { start: at('2025-11-25T08:00'), end: at('2025-11-25T18:00') },
      dayMean: 52.3,
      peak: { start: at('2025-11-25T12:00'), value: 143.2 },
      busiestHour: { start: at('2025-11-25T12:00'), end: at('2025-11-25T13:00') },
      capacity: 162,
      meanPctOfCapacity: 52.1,
      lastWeek: { date: '2025-11-18', mean: 75.4 },
      changeVsLastWeekPct: 11.9,
    },
    floors: [
      { name: 'L1', mean: 31.2 },
      { name: 'L2', mean: 28 },
      { name: 'L3', mean: 25.2 },
    ],
    chart: CHART,
    series: [
      { start: at('2025-11-25T08:00'), value: 40 },
      { start: at('2025-11-25T09:00'), value: 100 },
    ],
    previousDate: '2025-11-24',
    nextDate: null,
    ...overrides,
  };
}

export function zonesView(overrides: Partial<ZonesView> = {}): ZonesView {
  return {
    building: { id: 71, name: 'DEMO building' },
    date: '2025-11-25',
    timeZone: TZ,
    granularity: 'PT1H',
    groupLabel: 'everyone',
    dataThrough: '2025-11-25',
    awaitedDate: null,
    zones: [
      { id: 5, name: 'Open desks N', zoneType: 'desk', mean: 41.2, peak: 52, meanPctOfCapacity: 91.4 },
      { id: 9, name: 'Café', zoneType: 'amenity', mean: 30.6, peak: 61, meanPctOfCapacity: null },
    ],
    zoneTypes: [
      { zoneType: 'desk', mean: 120.4, meanPctOfCapacity: 64.2, zoneCount: 12 },
      { zoneType: 'amenity', mean: 30.6, meanPctOfCapacity: null, zoneCount: 1 },
    ],
    previousDate: '2025-11-24',
    nextDate: '2025-11-26',
    ...overrides,
  };
}

export function digestBuilding(overrides: Partial<DigestBuildingView> = {}): DigestBuildingView {
  return {
    id: 71,
    name: 'DEMO building',
    timeZone: TZ,
    date: '2025-11-25',
    awaitedDate: null,
    stats: reportView().stats,
    topZones: [
      { name: 'Open desks N', mean: 41, meanPctOfCapacity: 91.2 },
      { name: 'Café', mean: 30, meanPctOfCapacity: 77 },
      { name: 'Board room', mean: 9, meanPctOfCapacity: 64.4 },
      { name: 'Library', mean: 2, meanPctOfCapacity: 10 },
    ],
    floors: [],
    chart: CHART,
    ...overrides,
  };
}

export function digestView(overrides: Partial<DailyDigestView> = {}): DailyDigestView {
  return {
    digestId: 3,
    date: '2025-11-25',
    dataThrough: '2025-11-25',
    awaitedDate: null,
    buildings: [
      digestBuilding(),
      digestBuilding({
        id: 12,
        name: 'Harbour office',
        stats: null,
        topZones: [],
        chart: null,
      }),
    ],
    content: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: false },
    lateMinutes: null,
    ...overrides,
  };
}

export function rule(overrides: Partial<RuleView> = {}): RuleView {
  return {
    id: 7,
    scope: { kind: 'building', id: 71, name: 'DEMO building' },
    measure: 'people',
    direction: 'above',
    threshold: 120,
    recovery: 108,
    minBuckets: 1,
    granularity: 'PT1H',
    destination: { kind: 'channel', channelId: 'C0FACILITY' },
    ...overrides,
  };
}

export function episode(overrides: Partial<AlertEpisodeView> = {}): AlertEpisodeView {
  return {
    rule: rule(),
    timeZone: TZ,
    state: 'alerting',
    startMs: at('2025-11-25T10:00'),
    breachEndMs: at('2025-11-25T14:00'),
    recoveredAtMs: null,
    extreme: { value: 143.2, atMs: at('2025-11-25T12:00') },
    chart: CHART,
    snoozedUntilMs: null,
    muted: false,
    ...overrides,
  };
}

export function digestSummary(overrides: Partial<DigestSummaryView> = {}): DigestSummaryView {
  return {
    id: 3,
    channelId: 'C0FACILITY',
    buildings: [
      { id: 71, name: 'DEMO building' },
      { id: 12, name: null },
    ],
    time: '08:00',
    days: [1, 2, 3, 4, 5],
    cadence: 'daily',
    timeZone: TZ,
    nextRunMs: at('2025-11-26T08:00'),
    status: 'active',
    pauseReason: null,
    createdBy: 'U0CREATOR',
    may: { run: true, change: true, takeOver: false },
    ...overrides,
  };
}

export function subscriptionSummary(overrides: Partial<SubscriptionSummaryView> = {}): SubscriptionSummaryView {
  return {
    rule: rule(),
    timeZone: TZ,
    state: 'alerting',
    muted: false,
    snoozedUntilMs: null,
    lastAlertMs: at('2025-11-25T10:00'),
    canManage: true,
    ...overrides,
  };
}

/** `/occupancy building 71 last week` on Wed 25 Nov 2026. */
export function rangeReportView(overrides: Partial<RangeReportView> = {}): RangeReportView {
  return {
    scope: { kind: 'building', id: 71, name: 'DEMO' },
    words: 'last week',
    range: { from: '2026-11-16', to: '2026-11-22', unit: 'week' },
    clippedFrom: null,
    timeZone: 'America/Toronto',
    today: '2026-11-25',
    groupLabel: 'everyone',
    dataThrough: '2026-11-24',
    barUnit: 'day',
    bars: ['16', '17', '18', '19', '20', '21', '22'].map((d, i) => ({ from: `2026-11-${d}`, to: `2026-11-${d}`, mean: i === 3 ? null : 100 - i * 10 })),
    stats: {
      mean: 72.4,
      dayMean: 41.2,
      meanPctOfCapacity: 24.1,
      capacity: 300,
      busiestDay: { date: '2026-11-16', mean: 100 },
      quietestDay: { date: '2026-11-22', mean: 40 },
      quietestWeekday: { date: '2026-11-20', mean: 60 },
      peak: { start: at('2026-11-17T11:00'), value: 183 },
      weekdays: [
        { weekday: 1, mean: 100 },
        { weekday: 2, mean: 90 },
        { weekday: 3, mean: 80 },
        { weekday: 4, mean: null },
        { weekday: 5, mean: 60 },
      ],
      dayCount: 7,
      daysWithData: 6,
      previous: { from: '2026-11-09', to: '2026-11-15', mean: 64.6 },
      changePct: 12.07,
    },
    chart: CHART,
    previousRange: { from: '2026-11-09', to: '2026-11-15', unit: 'week' },
    nextRange: { from: '2026-11-23', to: '2026-11-24', unit: 'week' },
    ...overrides,
  };
}

