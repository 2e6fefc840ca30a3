/**
 * The weekly digest: per building, last week as `/occupancy building <x> last week` answers it
 * (the same figures, weekday pattern and chart), without that answer's buttons.
 */
import { formatDay } from '../../domain/time';
import { periodLabel } from '../../domain/period-words';
import { rangeFacts, weekdaysLine } from './range';
import { scopeTitleMd, usableChart } from './format';
import { packDigest, stampText, type DigestPart } from './digest-pack';
import { md, type KnownBlock, type SlackMessage, LIMITS } from './kit';
import { formatChange, formatCount, formatPeople } from './mrkdwn';
import type { WeeklyDigestBuildingView, WeeklyDigestView } from '../../views/index';

const NEUTRAL_THROUGH = 'Nightly data through each building’s day shown, in its local time';

function weekOf(b: WeeklyDigestBuildingView): string {
  return periodLabel(b.week, b.range?.today ?? b.week.to);
}

/** The week every building covers, when they all cover the same one. */
function commonWeek(view: WeeklyDigestView): string | null {
  const weeks = new Set(view.buildings.map((b) => `${b.week.from}|${b.week.to}`));
  const first = view.buildings[0];
  return weeks.size === 1 && first ? weekOf(first) : null;
}

function part(b: WeeklyDigestBuildingView, view: WeeklyDigestView, sameWeek: boolean): DigestPart {
  const title = `*${scopeTitleMd(b.name, b.id)}*${sameWeek ? '' : ` · ${weekOf(b)}`}`;
  const r = b.range;
  if (r === null) {
    return { text: { type: 'section', text: md(`${title} — nothing was published for ${weekOf(b)}.`) }, chart: null, fallback: `${scopeTitleMd(b.name, b.id)} no data` };
  }
  const notes: string[] = [];
  if (r.clippedFrom) notes.push(`⏳ Up to ${formatDay(r.range.to, r.today)}, the latest published day.`);
  if (r.stats.daysWithData < r.stats.dayCount) notes.push(`${r.stats.dayCount - r.stats.daysWithData} of ${r.stats.dayCount} days have no data; they are left out, not counted as zero.`);
  const weekdays = weekdaysLine(r);
  const text = [title, ...notes, ...(weekdays ? [weekdays] : [])].join('\n');
  const facts = rangeFacts(r, { change: view.content.weekOverWeek });
  const block: KnownBlock = { type: 'section', text: md(text), ...(facts.length > 0 ? { fields: facts.slice(0, LIMITS.fields).map((f) => md(f, LIMITS.fieldText)) } : {}) };
  const chart = view.content.chart ? usableChart(r.chart) : null;
  const figures: string[] = [];
  if (r.stats.mean !== null) figures.push(`average ${formatPeople(r.stats.mean)}`);
  if (r.stats.peak !== null) figures.push(`peak ${formatCount(r.stats.peak.value)}`);
  const change = view.content.weekOverWeek ? formatChange(r.stats.changePct) : null;
  if (change !== null) figures.push(`${change} vs the week before`);
  return { text: block, chart, fallback: `${scopeTitleMd(b.name, b.id)} ${figures.join(', ') || 'no data'}` };
}

/** "Nightly data through Sun 22 Nov · digest #3 · …", or worded for all when the buildings' days differ. */
export function weeklyStamp(view: WeeklyDigestView): string {
  // A building with nothing published has no day of its own to contradict.
  const through = new Set(view.buildings.flatMap((b) => (b.range?.dataThrough ? [b.range.dataThrough] : [])));
  const [only] = [...through];
  const words = through.size > 1 ? NEUTRAL_THROUGH : only ? `Nightly data through ${formatDay(only)}` : 'Nightly data';
  return stampText(words, view.digestId, view.lateMinutes, view.groupLabel);
}

export function buildWeeklyDigestMessages(view: WeeklyDigestView): SlackMessage[] {
  const week = commonWeek(view);
  const parts = view.buildings.map((b) => part(b, view, week !== null));
  return packDigest(parts, { heading: week === null ? 'last week' : `last week · ${week}`, note: null, stamp: weeklyStamp(view), ...(view.groupLabel !== undefined ? { groupLabel: view.groupLabel } : {}) });
}
