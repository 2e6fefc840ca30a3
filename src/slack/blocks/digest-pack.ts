/**
 * What daily and weekly digests share: a building's section (and chart) kept together, as few
 * messages as Block Kit's 50 blocks allow, each with the heading, its note and the stamp.
 */
import { formatDuration } from './format';
import { placeChart } from './chart';
import { LIMITS, context, header, message, section, type KnownBlock, type SlackMessage } from './kit';
import { plainName, safeName } from './mrkdwn';
import type { ChartView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';

/** A building's part: its section, its chart (when it shows one) and its words in the fallback text. */
export interface DigestPart {
  readonly text: KnownBlock;
  readonly chart: ChartView | null;
  readonly fallback: string;
}

export interface DigestFrame {
  /** After "Occupancy ", e.g. "for Tue 25 Nov" or "last week · Mon 16 – Sun 22 Nov". */
  readonly heading: string;
  /** A note under the heading that holds for every section ("⏳ … is not published yet"). */
  readonly note: string | null;
  readonly stamp: string;
  /** The group a digest of one group reads, said where it is read first. */
  readonly groupLabel?: string;
}

/** "<through> · digest #3 · managed with `/occupancy digest`[ · sent 14 min late]" */
export function stampText(through: string, digestId: number, lateMinutes: number | null, groupLabel?: string): string {
  const late = lateMinutes !== null && lateMinutes >= 1 ? ` · sent ${formatDuration(Math.round(lateMinutes))} late` : '';
  const group = groupLabel !== undefined ? ` · group ${safeName(groupLabel, 60)}` : '';
  return `${through}${group} · digest #${digestId} · managed with \`/occupancy digest\`${late}`;
}

/** Header and stamp take two of each message's 50 blocks (three with the note). */
const FRAME_BLOCKS = 2;

export function packDigest(parts: readonly DigestPart[], frame: DigestFrame): SlackMessage[] {
  const perMessage = LIMITS.messageBlocks - FRAME_BLOCKS - (frame.note ? 1 : 0);
  type Group = { blocks: KnownBlock[]; charts: PlacedChart[]; fallback: string[] };
  const groups: Group[] = [];
  let current: Group = { blocks: [], charts: [], fallback: [] };
  for (const part of parts) {
    if (current.blocks.length + (part.chart ? 2 : 1) > perMessage) {
      groups.push(current);
      current = { blocks: [], charts: [], fallback: [] };
    }
    current.blocks.push(part.text);
    if (part.chart) current.blocks.push(placeChart(part.chart, current.charts));
    current.fallback.push(part.fallback);
  }
  if (current.blocks.length > 0 || groups.length === 0) groups.push(current);

  const whose = frame.groupLabel !== undefined ? { text: ` (${safeName(frame.groupLabel, 60)})`, title: ` · ${plainName(frame.groupLabel, 40)}` } : { text: '', title: '' };
  return groups.map((group, i) => {
    const count = groups.length > 1 ? ` (${i + 1}/${groups.length})` : '';
    const body = group.blocks.length > 0 ? group.blocks : [section('No buildings are set up for this digest.')];
    const text = `Occupancy ${frame.heading}${count}${whose.text}: ${group.fallback.join('; ') || 'no buildings'}.${frame.note ? ` ${frame.note}` : ''}`;
    const note = frame.note ? [context([frame.note])] : [];
    return message(text, [header(`📊 Occupancy ${frame.heading}${count}${whose.title}`), ...note, ...body, context([frame.stamp])], group.charts);
  });
}
