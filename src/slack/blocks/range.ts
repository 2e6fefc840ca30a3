/**
 * The answer to `/occupancy building|zone <x> <range>`: the period's average, peak, busiest and
 * quietest day, the weekday pattern and the change against the period before, over a chart of
 * daily (or weekly) bars; buttons to the period before and after, Share and Alert me….
 */
import { periodDays, type RangeUnit } from '../../domain/period';
import { barLabels, monthLabel, periodLabel } from '../../domain/period-words';
import { addDays, formatDay, formatLocalTime, localDateOf, type IsoDate } from '../../domain/time';
import type { RangeNavView, RangeReportView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';
import { chartTableText, placeChart } from './chart';
import { dataStamp, groupTitle, measuresNote, scopeTitle, scopeTitleMd, usableChart, zoneTypeMd } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, context, fields, header, message, section, type ActionsBlockElement, type KnownBlock, type SlackMessage } from './kit';
import { formatChange, formatCount, formatPct, formatPeople, safeName, userMention } from './mrkdwn';
import { encodeReportValue, groupValue } from './values';

const ICONS = { building: '🏢', zone: '📍' } as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

export function buildRangeMessage(view: RangeReportView): SlackMessage {
  const { scope, stats, today, timeZone } = view;
  const span = periodLabel(view.range, today);
  const blocks: KnownBlock[] = [header(`${ICONS[scope.kind]} ${scopeTitle(scope.name, scope.id)} · ${span}${groupTitle(view)}`)];

  const notes: string[] = [];
  if (view.words) notes.push(`*${safeName(capitalise(view.words), 60)}*`);
  if (view.clippedFrom) notes.push(`⏳ Up to ${formatDay(view.range.to, today)}, the latest published day (the period runs to ${formatDay(view.clippedFrom, today)}).`);
  if (stats.daysWithData < stats.dayCount) notes.push(`${stats.dayCount - stats.daysWithData} of ${stats.dayCount} days have no data; they are left out, not counted as zero.`);
  if (notes.length > 0) blocks.push(context(notes));

  const items = rangeFacts(view);
  if (items.length > 0) blocks.push(fields(items.slice(0, 10)));

  const weekdays = weekdaysLine(view);
  if (weekdays !== null) blocks.push(section(weekdays));

  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  else blocks.push(section(`*${capitalise(unitWord(view.barUnit))} averages*\n${chartTableText(barsTable(view))}`));

  const stamp = dataStamp(view.dataThrough, timeZone, 'P1D', view.groupLabel);
  const rule = `${measuresNote('PT1H')}, of the days with data`;
  blocks.push(context(view.sharedBy ? [stamp, rule, `Shared by ${userMention(view.sharedBy)}`] : [stamp, rule]));

  if (!view.sharedBy) {
    const value = (r: RangeNavView): string =>
      encodeReportValue({ kind: scope.kind, id: scope.id, date: r.to, granularity: 'PT1H', range: { from: r.from, to: r.to, unit: r.unit }, ...groupValue(view) });
    const elements: ActionsBlockElement[] = [];
    if (view.previousRange) elements.push(button(`◀ ${navLabel(view.previousRange, today, 'Previous')}`, ACTION_IDS.previousDay, value(view.previousRange)));
    if (view.nextRange) elements.push(button(`${navLabel(view.nextRange, today, 'Next')} ▶`, ACTION_IDS.nextDay, value(view.nextRange)));
    elements.push(button('Share in channel', ACTION_IDS.share, value(view.range)));
    elements.push(button('🔔 Alert me…', ACTION_IDS.alertMe, value(view.range)));
    blocks.push(actions(elements));
  }
  return message(fallback(view, span), blocks, charts);
}

/** The figures of a range (average, busiest and quietest day, peak, change, a zone's type…), as field texts. */
export function rangeFacts(view: RangeReportView, opts: { readonly change: boolean } = { change: true }): string[] {
  const { scope, stats, today, timeZone } = view;
  const items: string[] = [];
  if (stats.mean !== null) {
    const pct = stats.meanPctOfCapacity === null ? '' : ` (${formatPct(stats.meanPctOfCapacity)} of capacity)`;
    // "08:00–18:00" on a clock, not a span of instants: the days differ, the usual hours are what is read.
    const hours = stats.weekdayHours ? `, ${stats.weekdayHours.from}–${stats.weekdayHours.to} on weekdays` : '';
    items.push(`*Average while occupied*\n${formatPeople(stats.mean)}${pct}${hours}`);
  }
  if (stats.dayMean !== null) items.push(`*24-hour average*\n${formatPeople(stats.dayMean)}`);
  if (stats.busiestDay) items.push(`*Busiest day*\n${formatDay(stats.busiestDay.date, today)} (avg ${formatCount(stats.busiestDay.mean)})`);
  // Weekends are always quiet: the quietest weekday is the one worth naming.
  const quiet = stats.quietestWeekday ?? stats.quietestDay;
  if (quiet && quiet.date !== stats.busiestDay?.date) {
    items.push(`*Quietest ${stats.quietestWeekday ? 'weekday' : 'day'}*\n${formatDay(quiet.date, today)} (avg ${formatCount(quiet.mean)})`);
  }
  if (stats.peak !== null) {
    items.push(`*Peak*\n${formatCount(stats.peak.value)} at ${formatLocalTime(stats.peak.start, timeZone)} on ${formatDay(localDateOf(stats.peak.start, timeZone), today)}`);
  }
  const change = opts.change ? formatChange(stats.changePct) : null;
  if (change !== null) items.push(`*vs ${comparedWith(view)}*\n${change}`);
  if (scope.kind === 'zone') {
    if (scope.zoneType) items.push(`*Type*\n${zoneTypeMd(scope.zoneType)}`);
    if (stats.capacity !== null) items.push(`*Capacity*\n${formatPeople(stats.capacity)}`);
    if (scope.building) items.push(`*Building*\n${scopeTitleMd(scope.building.name, scope.building.id)}`);
  }
  return items;
}

/** "*Weekdays:* Mon 80 · Tue 85 · …"; null without a weekday with data. */
export function weekdaysLine(view: RangeReportView): string | null {
  const weekdays = view.stats.weekdays.filter((w) => w.mean !== null).map((w) => `${WEEKDAYS[w.weekday - 1]} ${formatCount(w.mean ?? 0)}`);
  return weekdays.length > 0 ? `*Weekdays:* ${weekdays.join(' · ')}` : null;
}

/** "the 4 weeks before", "the 10 days before", or the dates when the comparison is further back (same weekdays). */
function comparedWith(view: RangeReportView): string {
  const days = periodDays(view.range);
  if (addDays(view.stats.previous.to, 1) !== view.range.from) return periodLabel(view.stats.previous, view.today);
  return `the ${lengthWords(days)} before`;
}

/** "week", "4 weeks", "10 days". */
function lengthWords(days: number): string {
  if (days === 7) return 'week';
  if (days % 7 === 0) return `${days / 7} weeks`;
  return days === 1 ? 'day' : `${days} days`;
}

/**
 * "Sep" for a calendar month, "9–15 Nov" for a week, "Previous 4 weeks" / "Next 4 weeks" for a
 * number of days.
 */
function navLabel(r: RangeNavView, today: IsoDate, dir: 'Previous' | 'Next'): string {
  const unit: RangeUnit = r.unit;
  if (unit === 'month' && r.from.endsWith('-01')) return monthLabel(r.from, today);
  if (unit === 'days') return `${dir} ${lengthWords(periodDays(r))}`;
  if (periodDays(r) === 1) return formatDay(r.from, today);
  return periodLabel(r, today).replace(/^[A-Z][a-z]{2} /, '').replace(/ – [A-Z][a-z]{2} /, '–');
}

function barsTable(view: RangeReportView) {
  const labels = barLabels(view.bars, view.barUnit, view.today);
  return {
    title: `${capitalise(unitWord(view.barUnit))} averages`,
    rows: view.bars.map((b, i) => ({ label: labels[i]?.long ?? b.from, value: b.mean === null ? null : readable(b.mean) })),
  };
}

/** Whole people from 10 up, one decimal below (small zones), as the charts round. */
function readable(v: number): number {
  return Math.abs(v) >= 10 ? Math.round(v) : Math.round(v * 10) / 10;
}

function unitWord(unit: 'day' | 'week'): string {
  return unit === 'day' ? 'daily' : 'weekly';
}

function fallback(view: RangeReportView, span: string): string {
  const parts: string[] = [];
  if (view.stats.mean !== null) parts.push(`average ${formatPeople(view.stats.mean)}`);
  if (view.stats.peak !== null) parts.push(`peak ${formatCount(view.stats.peak.value)}`);
  const change = formatChange(view.stats.changePct);
  if (change !== null) parts.push(`${change} vs ${comparedWith(view)}`);
  const summary = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `${scopeTitleMd(view.scope.name, view.scope.id)}, ${span}${summary} (nightly data).`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
