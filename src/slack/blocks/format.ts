/**
 * Words shared by several message families: scope names, the nightly-data stamp, durations,
 * rule descriptions, and the compact text table shown when there is no chart.
 */
import { addDays, formatDay, formatDayShort, formatLocalTime, formatTimeRange, localDateOf, weekdayName, type IsoDate } from '../../domain/time';
import type { AlertGranularity } from '../../domain/subscription';
import type { UserGranularity } from '../../domain/occupancy';
import type { Weekday } from '../../domain/values';
import { LIMITS, section, type KnownBlock } from './kit';
import { escapeMrkdwn, formatChange, formatCount, formatLevel, formatPct, formatPeople, plainName, readerDate, safeName } from './mrkdwn';
import type { ChartView, DayStatsView, EpochMs, RuleView, SeriesPoint } from '../../views/index';

/** "DEMO building (71)", for plain_text (headers, buttons). */
export function scopeTitle(name: string, id: number): string {
  return `${plainName(name)} (${id})`;
}

/** " · Engineering" for a heading, when the answer was asked for a group; nothing for the default. */
export function groupTitle(view: { readonly groupId?: string; readonly groupLabel?: string }): string {
  return view.groupId !== undefined && view.groupLabel !== undefined ? ` · ${plainName(view.groupLabel, 40)}` : '';
}

/** What an alert rule watches, for mrkdwn: "DEMO (71)", or "DEMO (71) · Sales" for a group's rule. */
export function ruleScopeMd(scope: { readonly name: string; readonly id: number; readonly group?: string }): string {
  return `${scopeTitleMd(scope.name, scope.id)}${scope.group !== undefined ? ` · ${safeName(scope.group, 60)}` : ''}`;
}

/** "DEMO building (71)", escaped for mrkdwn. */
export function scopeTitleMd(name: string, id: number): string {
  return `${safeName(name)} (${id})`;
}

/**
 * A zone type as a reader says it, escaped: InnerSpace's API names (`desk_area`) become
 * "Desk area"; a type someone already wrote in words ("Focus pods") is left as written.
 */
export function zoneTypeMd(zoneType: string, max = 60): string {
  const words = /[_-]/.test(zoneType) || zoneType === zoneType.toLowerCase() ? zoneType.replace(/[_-]+/g, ' ').trim() : zoneType;
  return safeName(words.charAt(0).toUpperCase() + words.slice(1), max);
}

export const GRANULARITY_WORDS: Readonly<Record<UserGranularity, string>> = {
  PT15M: '15-minute',
  PT1H: 'hourly',
  P1D: 'daily',
};

/** "Nightly data through Tue 25 Nov, America/Toronto · hourly · everyone" ("Nightly data, …" when the latest day is unknown). */
export function dataStamp(dataThrough: IsoDate | null, timeZone: string, granularity: UserGranularity, groupLabel: string): string {
  const through = dataThrough === null ? 'Nightly data' : `Nightly data through ${formatDay(dataThrough)}`;
  return `${through}, ${escapeMrkdwn(timeZone)} · ${GRANULARITY_WORDS[granularity]} · ${safeName(groupLabel, 60)}`;
}

/** "Wed 2 Dec is not published yet; this is Tue 1 Dec." — when the day the clock expects has no data yet. */
export function awaitedLine(awaited: IsoDate, shown: IsoDate, what = 'this is'): string {
  return `⏳ ${formatDay(awaited)} is not published yet; ${what} ${formatDay(shown)}.`;
}

/** "Tue 25 Nov" for an instant, on the wall clock of `zone`. */
export function dayOf(ms: EpochMs, zone: string): string {
  return formatDay(localDateOf(ms, zone));
}

/** "Wed 26 Nov 10:00" */
export function dayTimeOf(ms: EpochMs, zone: string): string {
  return `${dayOf(ms, zone)} ${formatLocalTime(ms, zone)}`;
}

/**
 * A moment people in other zones act on (a snooze's end, a digest's next run): the building's
 * wall clock and zone, then the reader's own, "Wed 26 Nov 10:00 Europe/London (<!date…> your time)".
 */
export function momentText(ms: EpochMs, zone: string): string {
  return `${dayTimeOf(ms, zone)} ${escapeMrkdwn(zone)} (${readerDate(ms, `${dayTimeOf(ms, 'UTC')} UTC`)} your time)`;
}

/** "45 min", "1 h", "1 h 30 min", "1 day", "3 days", "1 week". */
export function formatDuration(minutes: number): string {
  if (minutes % 10080 === 0) return minutes === 10080 ? '1 week' : `${minutes / 10080} weeks`;
  if (minutes % 1440 === 0) return minutes === 1440 ? '1 day' : `${minutes / 1440} days`;
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

export function bucketMinutes(granularity: AlertGranularity): number {
  return granularity === 'PT1H' ? 60 : 1440;
}

/** "120 people", "80% of capacity" */
export function levelText(value: number, measure: RuleView['measure']): string {
  if (measure === 'usual') return `${formatLevel(value)}% of usual`;
  return measure === 'percent' ? `${formatLevel(value)}% of capacity` : `${formatLevel(value)} ${value === 1 ? 'person' : 'people'}`;
}

/** "120", "80%": the short form for rule lines. */
export function levelShort(value: number, measure: RuleView['measure']): string {
  if (measure === 'usual') return `${formatLevel(value)}% of usual`;
  return measure === 'percent' ? `${formatLevel(value)}%` : formatLevel(value);
}

/** "Rule #7: above 120 for 1 h, recovers below 108" */
export function ruleLine(rule: RuleView): string {
  const safeSide = rule.direction === 'above' ? 'below' : 'above';
  const duration = formatDuration(rule.minBuckets * bucketMinutes(rule.granularity));
  return `Rule #${rule.id}: ${rule.direction} ${levelShort(rule.threshold, rule.measure)} for ${duration}, recovers ${safeSide} ${levelShort(rule.recovery, rule.measure)}`;
}

const DAY_ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** "weekdays", "daily", "weekends", "Mon, Wed, Fri" */
export function daysText(days: readonly Weekday[]): string {
  const key = [...days].sort((a, b) => a - b).join('');
  if (key === '1234567') return 'daily';
  if (key === '12345') return 'weekdays';
  if (key === '67') return 'weekends';
  return [...days].sort((a, b) => a - b).map((d) => DAY_ABBR[d - 1]).join(', ');
}

/** A digest's schedule: "08:00 weekdays", or "weekly on Mon 09:00, last week’s summary". */
export function scheduleText(s: { readonly time: string; readonly days: readonly Weekday[]; readonly cadence: 'daily' | 'weekly' }): string {
  const time = escapeMrkdwn(s.time);
  if (s.cadence === 'daily') return `${time} ${daysText(s.days)}`;
  return `weekly on ${daysText(s.days)} ${time}, last week’s summary`;
}

/**
 * The average while occupied: "118 people (48% of capacity), 08:00–18:00"; "nobody was present"
 * on a day of empty buckets; null without buckets. The rule is in `measuresNote`.
 */
export function averageText(stats: DayStatsView, zone: string): string | null {
  if (stats.mean === null) return stats.dayMean === null ? null : 'nobody was present';
  const pct = stats.meanPctOfCapacity === null ? '' : ` (${formatPct(stats.meanPctOfCapacity)} of capacity)`;
  const hours = stats.occupied === null ? '' : `, ${formatTimeRange(stats.occupied.start, stats.occupied.end, zone)}`;
  return `${formatPeople(stats.mean)}${pct}${hours}`;
}

/** "avg 118 while occupied (48% of capacity), 08:00–18:00": the short form for digests and lists. */
export function averageShort(stats: Pick<DayStatsView, 'mean' | 'meanPctOfCapacity' | 'occupied'>, zone: string | null): string {
  if (stats.mean === null) return 'nobody present';
  const pct = stats.meanPctOfCapacity === null ? '' : ` (${formatPct(stats.meanPctOfCapacity)} of capacity)`;
  const hours = stats.occupied === null || zone === null ? '' : `, ${formatTimeRange(stats.occupied.start, stats.occupied.end, zone)}`;
  return `avg ${formatCount(stats.mean)} while occupied${pct}${hours}`;
}

/**
 * What the numbers are, said once under them: "Average while occupied: the hourly buckets with
 * anyone present · 24-hour average: every hourly bucket · peak: the highest hourly bucket".
 */
export function measuresNote(granularity: UserGranularity): string {
  if (granularity === 'P1D') return "Daily figures: the day's mean occupancy as InnerSpace publishes it";
  const bucket = `${GRANULARITY_WORDS[granularity]} bucket`;
  return `Average while occupied: the ${bucket}s with anyone present · 24-hour average: every ${bucket} · peak: the highest ${bucket}`;
}

/** "vs last Tuesday", or "vs Tue 11 Nov" when the comparison day is not a week earlier. */
export function comparisonLabel(date: IsoDate, lastWeek: { date: IsoDate }, short = false): string {
  if (lastWeek.date !== addDays(date, -7)) return `vs ${formatDay(lastWeek.date)}`;
  return `vs last ${short ? weekdayName(date).slice(0, 3) : weekdayName(date)}`;
}

/** "▲ 12% vs last Tue" or null. */
export function changeText(date: IsoDate, stats: DayStatsView, short = false): string | null {
  const change = formatChange(stats.changeVsLastWeekPct);
  return change === null || stats.lastWeek === null ? null : `${change} ${comparisonLabel(date, stats.lastWeek, short)}`;
}

/** A chart is usable only with a URL Slack accepts. */
export function usableChart(chart: ChartView | null): ChartView | null {
  return chart !== null && chart.url.length > 0 && chart.url.length <= LIMITS.imageUrl ? chart : null;
}

const MAX_TABLE_ROWS = 120;
const TABLE_BUDGET = LIMITS.sectionText - 200;

/**
 * The chart's numbers as a monospace table with bars, sized to fit one section: the fallback
 * when no chart can be shown (and readable by screen readers either way).
 */
export function seriesTable(title: string, series: readonly SeriesPoint[], zone: string, granularity: UserGranularity): KnownBlock {
  const rows = [...series].sort((a, b) => a.start - b.start);
  if (rows.length === 0) return section(`*${title}*\nNo buckets were published for this day.`);
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const label = (ms: number) => (granularity === 'P1D' ? formatDayShort(localDateOf(ms, zone)) : formatLocalTime(ms, zone));
  const values = shown.map((p) => formatCount(p.value));
  const labelWidth = Math.max(...shown.map((p) => label(p.start).length));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const max = Math.max(...shown.map((p) => p.value), 0);
  const barWidth = Math.max(0, Math.min(20, Math.floor(TABLE_BUDGET / shown.length) - labelWidth - valueWidth - 3));
  const lines = shown.map((p, i) => {
    const bar = max > 0 && barWidth > 0 ? ' ' + '█'.repeat(Math.round((Math.max(0, p.value) / max) * barWidth)) : '';
    return `${label(p.start).padEnd(labelWidth)} ${(values[i] ?? '').padStart(valueWidth)}${bar}`.trimEnd();
  });
  const more = rows.length > shown.length ? `\n…and ${rows.length - shown.length} more` : '';
  return section(`*${title}*\n\`\`\`\n${lines.join('\n')}\n\`\`\`${more}`);
}

/** "L1 31 · L2 28 · L3 25", cut to fit a section with a count of the rest. */
export function namedMeans(items: readonly { name: string; mean: number | null }[], budget = 2800): string {
  const parts: string[] = [];
  let used = 0;
  const known = items.filter((i) => i.mean !== null);
  for (const item of known) {
    const part = `${safeName(item.name, 40)} ${formatCount(item.mean ?? 0)}`;
    if (used + part.length + 3 > budget) break;
    parts.push(part);
    used += part.length + 3;
  }
  const rest = known.length - parts.length;
  return parts.join(' · ') + (rest > 0 ? ` · and ${rest} more` : '');
}
