/**
 * The daily digest: one section (and optionally a chart) per building, packed into as few
 * messages as Block Kit allows.
 */
import { formatDay, formatLocalTime, formatTimeRange, type IsoDate } from '../../domain/time';
import { averageShort, awaitedLine, changeText, formatDuration, namedMeans, scopeTitleMd, usableChart } from './format';
import { placeChart } from './chart';
import { LIMITS, context, header, message, section, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct, safeName } from './mrkdwn';
import type { ChartView, DigestBuildingView, DigestView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';

const TOP_ZONES_IN_DIGEST = 3;
/** Header and stamp take two of each message's 50 blocks (three with the "not published yet" note). */
const FRAME_BLOCKS = 2;

function statsLine(b: DigestBuildingView, view: DigestView): string | null {
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

function frameOf(view: DigestView): Frame {
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

function buildingText(b: DigestBuildingView, view: DigestView, frame: Frame): string {
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
function buildingParts(b: DigestBuildingView, view: DigestView, frame: Frame): { text: KnownBlock; chart: ChartView | null } {
  const chart = view.content.chart && b.stats !== null && b.stats.peak !== null ? usableChart(b.chart) : null;
  return { text: section(buildingText(b, view, frame)), chart };
}

function buildingFallback(b: DigestBuildingView, view: DigestView): string {
  const stats = statsLine(b, view);
  return `${scopeTitleMd(b.name, b.id)} ${stats ?? 'no data'}`;
}

/** "Nightly data through Tue 25 Nov · digest #3 · managed with `/occupancy digest`[ · sent 14 min late]" */
export function digestStamp(view: DigestView): string {
  const late = view.lateMinutes !== null && view.lateMinutes >= 1 ? ` · sent ${formatDuration(Math.round(view.lateMinutes))} late` : '';
  const { day } = frameOf(view);
  const through =
    day === null
      ? 'Nightly data through each building’s day shown, in its local time'
      : view.dataThrough === null
        ? 'Nightly data'
        : `Nightly data through ${formatDay(day)}`;
  return `${through} · digest #${view.digestId} · managed with \`/occupancy digest\`${late}`;
}

/**
 * The digest as one message, or several when the buildings do not fit in 50 blocks; a
 * building's section and chart always stay together. Every message has header and stamp.
 */
export function buildDigestMessages(view: DigestView): SlackMessage[] {
  const frame = frameOf(view);
  const awaited = frame.awaited !== null && frame.day !== null ? awaitedLine(frame.awaited, frame.day, 'this digest shows') : null;
  const perMessage = LIMITS.messageBlocks - FRAME_BLOCKS - (awaited ? 1 : 0);
  type Group = { blocks: KnownBlock[]; charts: PlacedChart[]; fallback: string[] };
  const groups: Group[] = [];
  let current: Group = { blocks: [], charts: [], fallback: [] };
  for (const b of view.buildings) {
    const parts = buildingParts(b, view, frame);
    if (current.blocks.length + (parts.chart ? 2 : 1) > perMessage) {
      groups.push(current);
      current = { blocks: [], charts: [], fallback: [] };
    }
    current.blocks.push(parts.text);
    if (parts.chart) current.blocks.push(placeChart(parts.chart, current.charts));
    current.fallback.push(buildingFallback(b, view));
  }
  if (current.blocks.length > 0 || groups.length === 0) groups.push(current);

  const day = frame.heading;
  const stamp = digestStamp(view);
  return groups.map((group, i) => {
    const part = groups.length > 1 ? ` (${i + 1}/${groups.length})` : '';
    const body = group.blocks.length > 0 ? group.blocks : [section('No buildings are set up for this digest.')];
    const text = `Occupancy for ${day}${part}: ${group.fallback.join('; ') || 'no buildings'}.${awaited ? ` ${awaited}` : ''}`;
    const note = awaited ? [context([awaited])] : [];
    return message(text, [header(`📊 Occupancy for ${day}${part}`), ...note, ...body, context([stamp])], group.charts);
  });
}
