/**
 * The answer to `/occupancy compare <x> <y> …`: a header naming who and when, one field per
 * subject (average while occupied and share of capacity, peak and when, busiest hour or day,
 * change), one chart with a line (a day) or a bar series (a range) each, and buttons to the
 * day or period before and after and to share it.
 */
import { formatDay, formatDayShort, formatLocalTime, formatTimeRange, localDateOf } from '../../domain/time';
import { periodLabel } from '../../domain/period-words';
import type { CompareSubjectView, CompareView } from '../../views/compare';
import type { RangeNavView } from '../../views/range';
import type { PlacedChart } from '../../ports/chat';
import { chartTableText, placeChart } from './chart';
import { comparisonLabel, usableChart } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, context, fields, header, message, section, type ActionsBlockElement, type KnownBlock, type SlackMessage } from './kit';
import { escapeMrkdwn, formatChange, formatCount, formatPct, plainName, safeName, userMention } from './mrkdwn';
import { encodeCompareValue } from './values';

const ICONS = { building: '🏢', zone: '📍' } as const;
const HEADER_MAX = 150;

export function buildCompareMessage(view: CompareView): SlackMessage {
  const when = whenWords(view);
  const names = view.subjects.map((s) => plainName(s.scope.name)).join(' vs ');
  const head = `${ICONS[view.kind]} ${names}`;
  const tail = ` · ${when}`;
  const blocks: KnownBlock[] = [header(head.length + tail.length <= HEADER_MAX ? `${head}${tail}` : `${head.slice(0, HEADER_MAX - tail.length - 1)}…${tail}`)];
  const notes: string[] = [];
  if (view.words) notes.push(`*${safeName(capitalise(view.words), 60)}*, each on its own calendar`);
  if (view.clippedFrom && view.range) {
    notes.push(`⏳ Up to ${formatDay(view.range.to, view.today)}, the latest published day (the period runs to ${formatDay(view.clippedFrom, view.today)}).`);
  }
  if (notes.length > 0) blocks.push(context(notes));

  blocks.push(fields(view.subjects.map((s) => subjectField(view, s))));

  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  else if (view.chart) blocks.push(section(chartTableText(view.chart.table)));

  const zones = view.subjects.map((s) => `${safeName(s.scope.name, 40)}: ${escapeMrkdwn(s.timeZone)}${s.dataThrough ? `, through ${formatDay(s.dataThrough, view.today)}` : ''}`);
  const stamp = `Nightly data · ${view.mode === 'day' ? 'hourly' : 'from the hourly buckets'} · ${safeName(view.groupLabel, 60)} · ${zones.join(' · ')}`;
  const rule = `Average while occupied: the hourly buckets with anyone present${view.mode === 'range' ? ', of the days with data' : ''} · peak: the highest hourly bucket`;
  blocks.push(context(view.sharedBy ? [rule, stamp, `Shared by ${userMention(view.sharedBy)}`] : [rule, stamp]));

  if (!view.sharedBy) {
    const ids = view.subjects.map((s) => s.scope.id);
    const day = (date: string) => encodeCompareValue({ compare: view.kind, ids, date });
    const span = (r: RangeNavView) => encodeCompareValue({ compare: view.kind, ids, range: { from: r.from, to: r.to, unit: r.unit } });
    const elements: ActionsBlockElement[] = [];
    if (view.mode === 'day') {
      if (view.previousDate) elements.push(button(`◀ ${formatDayShort(view.previousDate, view.today)}`, ACTION_IDS.previousDay, day(view.previousDate)));
      if (view.nextDate) elements.push(button(`${formatDayShort(view.nextDate, view.today)} ▶`, ACTION_IDS.nextDay, day(view.nextDate)));
      // Shared as shown: each subject's own latest day stays that, a named day stays named.
      elements.push(button('Share in channel', ACTION_IDS.share, view.date ? day(view.date) : encodeCompareValue({ compare: view.kind, ids })));
    } else if (view.range) {
      if (view.previousRange) elements.push(button(`◀ ${periodLabel(view.previousRange, view.today)}`, ACTION_IDS.previousDay, span(view.previousRange)));
      if (view.nextRange) elements.push(button(`${periodLabel(view.nextRange, view.today)} ▶`, ACTION_IDS.nextDay, span(view.nextRange)));
      elements.push(button('Share in channel', ACTION_IDS.share, span(view.range)));
    }
    blocks.push(actions(elements));
  }
  return message(fallback(view, when), blocks, charts);
}

function whenWords(view: CompareView): string {
  if (view.mode === 'range' && view.range) return periodLabel(view.range, view.today);
  if (view.date) return `${formatDay(view.date, view.today)} (each in its own time zone)`;
  return 'the latest published day of each';
}

function subjectField(view: CompareView, s: CompareSubjectView): string {
  const lines = [`*${safeName(s.scope.name, 60)} (${s.scope.id})*${view.mode === 'day' && view.date === null && s.date ? ` · ${formatDay(s.date, view.today)}` : ''}`];
  if (s.mean === null) lines.push('Nobody was present');
  else {
    const pct = s.meanPctOfCapacity === null ? '' : ` (${formatPct(s.meanPctOfCapacity)} of capacity)`;
    const hours = s.occupied === null ? '' : `, ${formatTimeRange(s.occupied.start, s.occupied.end, s.timeZone)}`;
    lines.push(`Avg ${formatCount(s.mean)} while occupied${pct}${hours}`);
  }
  if (s.peak) {
    const on = view.mode === 'range' ? ` on ${formatDay(localDateOf(s.peak.start, s.timeZone), view.today)}` : '';
    lines.push(`Peak ${formatCount(s.peak.value)} at ${formatLocalTime(s.peak.start, s.timeZone)}${on}`);
  }
  if (s.busiestHour) lines.push(`Busiest hour ${formatTimeRange(s.busiestHour.start, s.busiestHour.end, s.timeZone)}`);
  if (s.busiestDay) lines.push(`Busiest day ${formatDay(s.busiestDay.date, view.today)} (avg ${formatCount(s.busiestDay.mean)})`);
  const change = formatChange(s.changePct);
  if (change !== null) {
    const against = view.mode === 'day' && s.date && s.comparedWith ? comparisonLabel(s.date, { date: s.comparedWith }, true) : 'vs the period before';
    lines.push(`${change} ${against}`);
  }
  return lines.join('\n');
}

function fallback(view: CompareView, when: string): string {
  const parts = view.subjects.map((s) => `${safeName(s.scope.name)} (${s.scope.id}) ${s.mean === null ? 'nobody present' : `avg ${formatCount(s.mean)}`}`);
  return `Compared, ${when}: ${parts.join(', ')} (nightly data).`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
