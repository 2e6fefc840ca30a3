/**
 * The answer to `/occupancy building|zone …`: ephemeral with buttons, or the in-channel copy
 * posted by "Share in channel" (credited, without buttons).
 */
import { formatDay, formatDayShort, formatLocalTime, formatTimeRange } from '../../domain/time';
import { averageShort, averageText, awaitedLine, comparisonLabel, dataStamp, GRANULARITY_WORDS, groupTitle, measuresNote, namedMeans, scopeTitle, scopeTitleMd, seriesTable, usableChart, zoneTypeMd } from './format';
import { ACTION_IDS } from './ids';
import { placeChart } from './chart';
import { actions, button, context, fields, header, message, section, type ActionsBlockElement, type KnownBlock, type SlackMessage } from './kit';
import { formatChange, formatCount, formatPeople, userMention } from './mrkdwn';
import { encodeReportValue, groupValue, type ReportButtonValue } from './values';
import type { ReportView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';

const ICONS = { building: '🏢', zone: '📍' } as const;

export function buildReportMessage(view: ReportView): SlackMessage {
  const { scope, stats, timeZone, granularity } = view;
  const day = formatDay(view.date, view.today);
  const blocks: KnownBlock[] = [header(`${ICONS[scope.kind]} ${scopeTitle(scope.name, scope.id)} · ${day}${groupTitle(view)}`)];
  if (view.awaitedDate) blocks.push(context([awaitedLine(view.awaitedDate, view.date)]));

  const items: string[] = [];
  const average = averageText(stats, timeZone);
  if (average !== null) items.push(`*${granularity === 'P1D' ? 'Average' : 'Average while occupied'}*\n${average}`);
  if (granularity !== 'P1D' && stats.dayMean !== null) items.push(`*24-hour average*\n${formatPeople(stats.dayMean)}`);
  if (stats.peak !== null) {
    const at = granularity === 'P1D' ? '' : ` at ${formatLocalTime(stats.peak.start, timeZone)}`;
    items.push(`*Peak*\n${formatCount(stats.peak.value)}${at}`);
  }
  if (stats.busiestHour !== null) items.push(`*Busiest hour*\n${formatTimeRange(stats.busiestHour.start, stats.busiestHour.end, timeZone)}`);
  const change = formatChange(stats.changeVsLastWeekPct);
  if (change !== null && stats.lastWeek !== null) items.push(`*${comparisonLabel(view.date, stats.lastWeek)}*\n${change}`);
  if (scope.kind === 'zone') {
    if (scope.zoneType) items.push(`*Type*\n${zoneTypeMd(scope.zoneType)}`);
    if (stats.capacity !== null) items.push(`*Capacity*\n${formatPeople(stats.capacity)}`);
    if (scope.building) items.push(`*Building*\n${scopeTitleMd(scope.building.name, scope.building.id)}`);
  }
  if (items.length > 0) blocks.push(fields(items));
  // What the numbers are, right under them.
  if (stats.dayMean !== null) blocks.push(context([measuresNote(granularity)]));

  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  else if (view.series.length > 0) {
    blocks.push(seriesTable(`${capitalise(GRANULARITY_WORDS[granularity])} occupancy`, view.series, timeZone, granularity));
  }

  if (view.floors.some((f) => f.mean !== null)) blocks.push(section(`*By floor:* ${namedMeans(view.floors)}`));

  const stamp = dataStamp(view.dataThrough, timeZone, granularity, view.groupLabel);
  blocks.push(context(view.sharedBy ? [stamp, `Shared by ${userMention(view.sharedBy)}`] : [stamp]));

  if (!view.sharedBy) {
    const value = (date: string): string => encodeReportValue({ kind: scope.kind, id: scope.id, date, granularity, ...groupValue(view) } satisfies ReportButtonValue);
    const elements: ActionsBlockElement[] = [];
    if (view.previousDate) elements.push(button(`◀ ${formatDayShort(view.previousDate, view.today)}`, ACTION_IDS.previousDay, value(view.previousDate)));
    if (view.nextDate) elements.push(button(`${formatDayShort(view.nextDate, view.today)} ▶`, ACTION_IDS.nextDay, value(view.nextDate)));
    elements.push(button('Share in channel', ACTION_IDS.share, value(view.date)));
    elements.push(button('🔔 Alert me…', ACTION_IDS.alertMe, value(view.date)));
    blocks.push(actions(elements));
  }

  return message(reportFallback(view, day), blocks, charts);
}

function reportFallback(view: ReportView, day: string): string {
  const parts: string[] = [];
  if (view.stats.dayMean !== null) parts.push(averageShort(view.stats, view.timeZone));
  if (view.stats.peak !== null) {
    const at = view.granularity === 'P1D' ? '' : ` at ${formatLocalTime(view.stats.peak.start, view.timeZone)}`;
    parts.push(`peak ${formatCount(view.stats.peak.value)}${at}`);
  }
  const summary = parts.length > 0 ? `: ${parts.join(', ')}` : '';
  const awaited = view.awaitedDate ? ` ${formatDay(view.awaitedDate)} is not published yet.` : '';
  return `${scopeTitleMd(view.scope.name, view.scope.id)} on ${day}${summary} (nightly data).${awaited}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
