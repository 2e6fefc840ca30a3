/**
 * The answer to `/occupancy building|zone <x> <range>`: the period's average, peak, busiest and
 * quietest day, the weekday pattern and the change against the period before, over a chart of
 * daily (or weekly) bars; buttons to the period before and after, Share and Alert me….
 */
import { periodDays, type RangeUnit } from '../../domain/period';
import { barLabels, monthLabel, periodLabel } from '../../domain/period-words';
import { formatDay, formatLocalTime, localDateOf, type IsoDate } from '../../domain/time';
import type { RangeNavView, RangeReportView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';
import { chartTableText, placeChart } from './chart';
import { dataStamp, scopeTitle, scopeTitleMd, usableChart } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, context, fields, header, message, section, type ActionsBlockElement, type KnownBlock, type SlackMessage } from './kit';
import { formatChange, formatCount, formatPct, formatPeople, safeName, userMention } from './mrkdwn';
import { encodeReportValue } from './values';

const ICONS = { building: '🏢', zone: '📍' } as const;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

export function buildRangeMessage(view: RangeReportView): SlackMessage {
  const { scope, stats, today, timeZone } = view;
  const span = periodLabel(view.range, today);
  const blocks: KnownBlock[] = [header(`${ICONS[scope.kind]} ${scopeTitle(scope.name, scope.id)} · ${span}`)];

  const notes: string[] = [];
  if (view.words) notes.push(`*${safeName(capitalise(view.words), 60)}*`);
  if (view.clippedFrom) notes.push(`⏳ Up to ${formatDay(view.range.to, today)}, the latest published day (the period runs to ${formatDay(view.clippedFrom, today)}).`);
  if (stats.daysWithData < stats.dayCount) notes.push(`${stats.dayCount - stats.daysWithData} of ${stats.dayCount} days have no data; they are left out, not counted as zero.`);
  if (notes.length > 0) blocks.push(context(notes));

  const items: string[] = [];
  if (stats.mean !== null) {
    const pct = stats.meanPctOfCapacity === null ? '' : ` (${formatPct(stats.meanPctOfCapacity)} of capacity)`;
    items.push(`*Average day*\n${formatPeople(stats.mean)}${pct}`);
  }
  if (stats.peak !== null) {
    items.push(`*Peak hour*\n${formatCount(stats.peak.value)} on ${formatDay(localDateOf(stats.peak.start, timeZone), today)} at ${formatLocalTime(stats.peak.start, timeZone)}`);
  }
  if (stats.busiestDay) items.push(`*Busiest day*\n${formatDay(stats.busiestDay.date, today)} · ${formatCount(stats.busiestDay.mean)}`);
  if (stats.quietestDay && stats.quietestDay.date !== stats.busiestDay?.date) {
    items.push(`*Quietest day*\n${formatDay(stats.quietestDay.date, today)} · ${formatCount(stats.quietestDay.mean)}`);
  }
  const change = formatChange(stats.changePct);
  if (change !== null) items.push(`*vs ${periodLabel(stats.previous, today)}*\n${change}`);
  if (scope.kind === 'zone') {
    if (scope.zoneType) items.push(`*Type*\n${safeName(scope.zoneType, 60)}`);
    if (stats.capacity !== null) items.push(`*Capacity*\n${formatPeople(stats.capacity)}`);
    if (scope.building) items.push(`*Building*\n${scopeTitleMd(scope.building.name, scope.building.id)}`);
  }
  if (items.length > 0) blocks.push(fields(items.slice(0, 10)));

  const weekdays = stats.weekdays.filter((w) => w.mean !== null).map((w) => `${WEEKDAYS[w.weekday - 1]} ${formatCount(w.mean ?? 0)}`);
  if (weekdays.length > 0) blocks.push(section(`*Weekdays on average:* ${weekdays.join(' · ')}`));

  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  else blocks.push(section(`*${capitalise(unitWord(view.barUnit))} averages*\n${chartTableText(barsTable(view))}`));

  const stamp = dataStamp(view.dataThrough, timeZone, 'P1D', view.groupLabel);
  const rule = 'Averages are means of the daily averages of the days with data; the peak is the highest hourly average.';
  blocks.push(context(view.sharedBy ? [stamp, rule, `Shared by ${userMention(view.sharedBy)}`] : [stamp, rule]));

  if (!view.sharedBy) {
    const value = (r: RangeNavView): string =>
      encodeReportValue({ kind: scope.kind, id: scope.id, date: r.to, granularity: 'PT1H', range: { from: r.from, to: r.to, unit: r.unit } });
    const elements: ActionsBlockElement[] = [];
    if (view.previousRange) elements.push(button(`◀ ${navLabel(view.previousRange, today)}`, ACTION_IDS.previousDay, value(view.previousRange)));
    if (view.nextRange) elements.push(button(`${navLabel(view.nextRange, today)} ▶`, ACTION_IDS.nextDay, value(view.nextRange)));
    elements.push(button('Share in channel', ACTION_IDS.share, value(view.range)));
    elements.push(button('🔔 Alert me…', ACTION_IDS.alertMe, value(view.range)));
    blocks.push(actions(elements));
  }
  return message(fallback(view, span), blocks, charts);
}

/** "Nov 2026" for a calendar month, "9–15 Nov" for a week, the dates otherwise. */
function navLabel(r: RangeNavView, today: IsoDate): string {
  const unit: RangeUnit = r.unit;
  if (unit === 'month' && r.from.endsWith('-01')) return monthLabel(r.from, today);
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
  if (view.stats.mean !== null) parts.push(`average day ${formatPeople(view.stats.mean)}`);
  if (view.stats.peak !== null) parts.push(`peak hour ${formatCount(view.stats.peak.value)}`);
  const change = formatChange(view.stats.changePct);
  if (change !== null) parts.push(`${change} vs the period before`);
  const summary = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  return `${scopeTitleMd(view.scope.name, view.scope.id)}, ${span}${summary} (nightly data).`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
