/**
 * The daily digest: one section (and optionally a chart) per building, packed into as few
 * messages as Block Kit allows. The weekly one is drawn in ./digest-weekly.ts.
 */
import { formatDay, formatLocalTime, formatTimeRange, type IsoDate } from '../../domain/time';
import { averageShort, awaitedLine, changeText, namedMeans, scopeTitleMd, usableChart } from './format';
import { packDigest, stampText } from './digest-pack';
import { buildWeeklyDigestMessages, weeklyStamp } from './digest-weekly';
import { section, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct, safeName } from './mrkdwn';
import type { ChartView, DailyDigestView, DigestBuildingView, DigestView } from '../../views/index';

const TOP_ZONES_IN_DIGEST = 3;

function statsLine(b: DigestBuildingView, view: DailyDigestView): string | null {
  const s = b.stats;
  // No buckets at all (no peak): nothing was published. Empty buckets: nobody was present.
  if (s === null || s.peak === null) return null;
  const parts = [averageShort(s, b.timeZone)];
  if (s.peak !== null) parts.push(`peak ${formatCount(s.peak.value)} at ${formatLocalTime(s.peak.start, b.timeZone)}`);
  if (s.busiestHour !== null) parts.push(`busiest hour ${formatTimeRange(s.busiestHour.start, s.busiestHour.end, b.timeZone)}`);
  const change = view.content.weekOverWeek ? changeText(b.date, s, true) : null;
  if (change !== null) parts.push(change);
  return parts.join(', ');
}

/**
 * What the heading can say for every section at once. Buildings in different zones (or one
 * published late) can show different days: then the heading spans them, each section names
 * its own day and its own "not published yet", and the stamp names no single day.
 */
interface Frame {
  /** The one day every building shows; null when they differ. */
  readonly day: IsoDate | null;
  readonly heading: string;
  /** The day the clock expected for every building alike, when none has it yet. */
  readonly awaited: IsoDate | null;
}

function frameOf(view: DailyDigestView): Frame {
  const days = [...new Set(view.buildings.map((b) => b.date))].sort();
  const first = days[0] ?? view.date;
  const last = days.at(-1) ?? view.date;
  if (days.length <= 1) {
    const awaited = view.awaitedDate !== null && view.buildings.every((b) => b.awaitedDate === view.awaitedDate) ? view.awaitedDate : null;
    return { day: first, heading: formatDay(first), awaited };
  }
  const heading = days.length === 2 ? `${formatDay(first).replace(/ [A-Z][a-z]{2}$/, first.slice(0, 7) === last.slice(0, 7) ? '' : '$&')} and ${formatDay(last)}` : `${formatDay(first)} – ${formatDay(last)}`;
  return { day: null, heading, awaited: null };
}

function buildingText(b: DigestBuildingView, view: DailyDigestView, frame: Frame): string {
  const otherDay = frame.day === null ? ` · ${formatDay(b.date)}` : '';
  // The heading's note already covers a building late in the same way as all the others.
  const awaited = b.awaitedDate !== null && frame.awaited === null ? ` (${formatDay(b.awaitedDate)} is not published yet)` : '';
  const title = `*${scopeTitleMd(b.name, b.id)}*${otherDay}${awaited}`;
  const stats = statsLine(b, view);
  if (stats === null) return `${title} — nothing was published for ${formatDay(b.date)}.`;
  const lines = [`${title} — ${stats}`];
  if (view.content.topZones && b.topZones.length > 0) {
    // Ranked by people, so the people figure leads; % of capacity beside it when known.
    const zones = b.topZones.slice(0, TOP_ZONES_IN_DIGEST).map((z) => {
      const people = z.mean === null ? 'nobody present' : formatCount(z.mean);
      const pct = z.mean !== null && z.meanPctOfCapacity !== null ? ` (${formatPct(z.meanPctOfCapacity)})` : '';
      return `${safeName(z.name, 60)} ${people}${pct}`;
    });
    lines.push(`Busiest (average people while occupied, % of capacity): ${zones.join(', ')}`);
  }
  if (view.content.perFloor && b.floors.some((f) => f.mean !== null)) lines.push(`By floor: ${namedMeans(b.floors, 1500)}`);
  return lines.join('\n');
}

/** A building's section and its chart, if it shows one: two blocks that stay in one message. */
function buildingParts(b: DigestBuildingView, view: DailyDigestView, frame: Frame): { text: KnownBlock; chart: ChartView | null } {
  const chart = view.content.chart && b.stats !== null && b.stats.peak !== null ? usableChart(b.chart) : null;
  return { text: section(buildingText(b, view, frame)), chart };
}

function buildingFallback(b: DigestBuildingView, view: DailyDigestView): string {
  const stats = statsLine(b, view);
  return `${scopeTitleMd(b.name, b.id)} ${stats ?? 'no data'}`;
}

/** "Nightly data through Tue 25 Nov · digest #3 · managed with `/occupancy digest`[ · sent 14 min late]" */
export function digestStamp(view: DigestView): string {
  if (view.cadence === 'weekly') return weeklyStamp(view);
  const { day } = frameOf(view);
  const through =
    day === null
      ? 'Nightly data through each building’s day shown, in its local time'
      : view.dataThrough === null
        ? 'Nightly data'
        : `Nightly data through ${formatDay(day)}`;
  return stampText(through, view.digestId, view.lateMinutes, view.groupLabel);
}

/**
 * The digest as one message, or several when the buildings do not fit in 50 blocks; a
 * building's section and chart always stay together. Every message has header and stamp.
 */
export function buildDigestMessages(view: DigestView): SlackMessage[] {
  if (view.cadence === 'weekly') return buildWeeklyDigestMessages(view);
  const frame = frameOf(view);
  const note = frame.awaited !== null && frame.day !== null ? awaitedLine(frame.awaited, frame.day, 'this digest shows') : null;
  const parts = view.buildings.map((b) => ({ ...buildingParts(b, view, frame), fallback: buildingFallback(b, view) }));
  return packDigest(parts, { heading: `for ${frame.heading}`, note, stamp: digestStamp(view), ...(view.groupLabel !== undefined ? { groupLabel: view.groupLabel } : {}) });
}
