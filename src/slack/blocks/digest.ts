/**
 * The daily digest: one section (and optionally a chart) per building, packed into as few
 * messages as Block Kit allows.
 */
import { formatDay, formatLocalTime, formatTimeRange } from '../../domain/time';
import { averageShort, awaitedLine, changeText, formatDuration, namedMeans, scopeTitleMd, usableChart } from './format';
import { placeChart } from './chart';
import { LIMITS, context, header, message, section, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct, plainName, safeName } from './mrkdwn';
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

function buildingText(b: DigestBuildingView, view: DigestView): string {
  const otherDay = b.date !== view.date ? ` · ${formatDay(b.date)}` : '';
  // The heading's note already covers a building late in the same way as the first one.
  const awaited = b.awaitedDate !== null && (b.date !== view.date || b.awaitedDate !== view.awaitedDate) ? ` (${formatDay(b.awaitedDate)} is not published yet)` : '';
  const title = `*${scopeTitleMd(b.name, b.id)}*${otherDay}${awaited}`;
  const stats = statsLine(b, view);
  if (stats === null) return `${title} — nothing was published for ${formatDay(b.date)}.`;
  const lines = [`${title} — ${stats}`];
  if (view.content.topZones && b.topZones.length > 0) {
    const zones = b.topZones.slice(0, TOP_ZONES_IN_DIGEST).map((z) => {
      const figure = z.meanPctOfCapacity !== null ? formatPct(z.meanPctOfCapacity) : z.mean !== null ? `avg ${formatCount(z.mean)}` : 'nobody present';
      return `${safeName(z.name, 60)} (${figure})`;
    });
    lines.push(`Busiest (% of capacity while occupied): ${zones.join(', ')}`);
  }
  if (view.content.perFloor && b.floors.some((f) => f.mean !== null)) lines.push(`By floor: ${namedMeans(b.floors, 1500)}`);
  return lines.join('\n');
}

/** A building's section and its chart, if it shows one: two blocks that stay in one message. */
function buildingParts(b: DigestBuildingView, view: DigestView): { text: KnownBlock; chart: ChartView | null } {
  const chart = view.content.chart && b.stats !== null && b.stats.peak !== null ? usableChart(b.chart) : null;
  return { text: section(buildingText(b, view)), chart };
}

function buildingFallback(b: DigestBuildingView, view: DigestView): string {
  const stats = statsLine(b, view);
  return `${scopeTitleMd(b.name, b.id)} ${stats ?? 'no data'}`;
}

/** "Nightly data through Tue 25 Nov · digest #3 · managed with `/occupancy digest`[ · sent 14 min late]" */
export function digestStamp(view: DigestView): string {
  const late = view.lateMinutes !== null && view.lateMinutes >= 1 ? ` · sent ${formatDuration(Math.round(view.lateMinutes))} late` : '';
  const through = view.dataThrough === null ? 'Nightly data' : `Nightly data through ${formatDay(view.dataThrough)}`;
  const group = view.groupLabel !== undefined ? ` · group ${safeName(view.groupLabel, 60)}` : '';
  return `${through}${group} · digest #${view.digestId} · managed with \`/occupancy digest\`${late}`;
}

/**
 * The digest as one message, or several when the buildings do not fit in 50 blocks; a
 * building's section and chart always stay together. Every message has header and stamp.
 */
export function buildDigestMessages(view: DigestView): SlackMessage[] {
  const awaited = view.awaitedDate ? awaitedLine(view.awaitedDate, view.date, 'this digest shows') : null;
  const perMessage = LIMITS.messageBlocks - FRAME_BLOCKS - (awaited ? 1 : 0);
  type Group = { blocks: KnownBlock[]; charts: PlacedChart[]; fallback: string[] };
  const groups: Group[] = [];
  let current: Group = { blocks: [], charts: [], fallback: [] };
  for (const b of view.buildings) {
    const parts = buildingParts(b, view);
    if (current.blocks.length + (parts.chart ? 2 : 1) > perMessage) {
      groups.push(current);
      current = { blocks: [], charts: [], fallback: [] };
    }
    current.blocks.push(parts.text);
    if (parts.chart) current.blocks.push(placeChart(parts.chart, current.charts));
    current.fallback.push(buildingFallback(b, view));
  }
  if (current.blocks.length > 0 || groups.length === 0) groups.push(current);

  const day = formatDay(view.date);
  const stamp = digestStamp(view);
  // A digest of one group says whose occupancy it is where it is read first.
  const whose = view.groupLabel !== undefined ? { text: ` (${safeName(view.groupLabel, 60)})`, title: ` · ${plainName(view.groupLabel, 40)}` } : { text: '', title: '' };
  return groups.map((group, i) => {
    const part = groups.length > 1 ? ` (${i + 1}/${groups.length})` : '';
    const body = group.blocks.length > 0 ? group.blocks : [section('No buildings are set up for this digest.')];
    const text = `Occupancy for ${day}${part}${whose.text}: ${group.fallback.join('; ') || 'no buildings'}.${awaited ? ` ${awaited}` : ''}`;
    const note = awaited ? [context([awaited])] : [];
    return message(text, [header(`📊 Occupancy for ${day}${part}${whose.title}`), ...note, ...body, context([stamp])], group.charts);
  });
}
