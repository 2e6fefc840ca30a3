/**
 * A chart in a message, in each form it can reach Slack: its QuickChart URL, an uploaded PNG
 * (slack_file), or, when Slack can't show the picture, its text table with a one-line note
 * saying why. The builders place charts with `placeChart`; the chart delivery
 * (src/slack/chart-delivery.ts) swaps the block for another form by its block_id.
 */
import type { PlacedChart } from '../../ports/chat';
import type { ChartTableView, ChartView } from '../../views/index';
import { LIMITS, section, type KnownBlock } from './kit';
import { escapeMrkdwn, truncate } from './mrkdwn';

/** block_ids of chart images: unique within a message, which is all Slack asks. */
const CHART_BLOCK_PREFIX = 'chart-';

/** Why a chart is shown as its table, as the note under it tells. */
export type ChartMiss =
  /** Slack could not download the image URL (an unreachable or failing chart server). */
  | { readonly kind: 'download'; readonly host: string }
  /** The chart server did not draw the PNG the bot asked for. */
  | { readonly kind: 'render'; readonly host: string }
  /** Slack did not take or did not show the uploaded PNG. */
  | { readonly kind: 'upload' };

/** The chart's image block (by URL), recorded in `placed` so the delivery can find it. */
export function placeChart(chart: ChartView, placed: PlacedChart[]): KnownBlock {
  const blockId = `${CHART_BLOCK_PREFIX}${placed.length + 1}`;
  placed.push({ blockId, chart });
  return { type: 'image', block_id: blockId, image_url: chart.url, alt_text: truncate(chart.altText, LIMITS.altText) };
}

/** The same image as an uploaded Slack file. */
export function uploadedChartBlock(blockId: string, chart: ChartView, fileId: string): KnownBlock {
  return { type: 'image', block_id: blockId, slack_file: { id: fileId }, alt_text: truncate(chart.altText, LIMITS.altText) };
}

export function chartMissNote(why: ChartMiss): string {
  switch (why.kind) {
    case 'download':
      return `Chart not shown: Slack couldn't download it from ${escapeMrkdwn(why.host)}.`;
    case 'render':
      return `Chart not shown: the chart server at ${escapeMrkdwn(why.host)} couldn't draw it.`;
    case 'upload':
      return "Chart not shown: Slack didn't accept the uploaded picture.";
  }
}

const MAX_ROWS = 120;
const TABLE_BUDGET = LIMITS.sectionText - 400;

/** The rows as a monospace table with bars, sized to fit one section with its note and title. */
export function chartTableText(table: ChartTableView): string {
  const rows = table.rows.slice(0, MAX_ROWS);
  if (rows.length === 0) return 'No buckets were published for this chart.';
  const values = rows.map((r) => (r.value === null ? '–' : r.value.toLocaleString('en-US', { maximumFractionDigits: 1 })));
  const labelWidth = Math.max(...rows.map((r) => r.label.length));
  const valueWidth = Math.max(...values.map((v) => v.length));
  const marks = rows.some((r) => r.marked) ? 2 : 0;
  const max = Math.max(...rows.map((r) => r.value ?? 0), 0);
  const barWidth = Math.max(0, Math.min(20, Math.floor(TABLE_BUDGET / rows.length) - labelWidth - valueWidth - marks - 3));
  const lines = rows.map((r, i) => {
    const bar = max > 0 && barWidth > 0 && r.value !== null ? ' ' + '█'.repeat(Math.round((Math.max(0, r.value) / max) * barWidth)) : '';
    const mark = r.marked ? ' ◀' : '';
    return `${r.label.padEnd(labelWidth)} ${(values[i] ?? '').padStart(valueWidth)}${bar}${mark}`.trimEnd();
  });
  const more = table.rows.length > rows.length ? `\n…and ${table.rows.length - rows.length} more` : '';
  return `\`\`\`\n${lines.join('\n')}\n\`\`\`${more}`;
}

/** One block in place of the image (so a message never grows past its block limit): the note, then the table. */
export function chartFallbackBlock(blockId: string, chart: ChartView, why: ChartMiss): KnownBlock {
  const title = escapeMrkdwn(truncate(chart.table.title, 200));
  return section(`_${chartMissNote(why)}_\n*${title}*\n${chartTableText(chart.table)}`, blockId);
}
