/**
 * How a message's charts reach Slack: the one place that decides, for every way a message is
 * sent (chat.postMessage, chat.update, chat.postEphemeral, response_url posts).
 *
 * Slack downloads every image_url before it accepts a message, and refuses the whole message
 * (`invalid_blocks`, "downloading image failed") when it can't. So:
 * - `url`: the QuickChart URL goes in the image block; when Slack refuses the message for its
 *   pictures, it is sent again at once with each chart's text table and a note saying why.
 * - `upload`: the bot has the chart server draw the PNG, uploads it without sharing it anywhere
 *   (files.getUploadURLExternal, POST, files.completeUploadExternal with no channel) and shows
 *   it with a `slack_file` image block. Slack finishes an upload asynchronously, so a message
 *   refused for its file is tried again after a short wait; a chart that can't be drawn or
 *   uploaded, or that Slack still refuses, goes as its text table.
 * A message is never lost to its pictures.
 */
import type { Logger } from '../logging/logger';
import type { Charts } from '../ports/charts';
import type { ChatContent, ChatMessage, PlacedChart } from '../ports/chat';
import type { ChartView } from '../views/chart';
import { chartFallbackBlock, uploadedChartBlock, type ChartMiss } from './blocks/chart';
import { ResponseUrlError } from './response-url';

export type ChartDeliveryMode = 'url' | 'upload';

export interface ChartDeliveryOptions {
  readonly mode: ChartDeliveryMode;
  /** Draws a chart's PNG (upload mode). */
  readonly charts: Pick<Charts, 'png'>;
  /** Uploads a PNG to Slack without sharing it; resolves with the file id. */
  readonly upload: (png: Buffer, chart: ChartView) => Promise<string>;
  readonly logger: Logger;
  /** Waits before each new try while Slack is still processing an upload. */
  readonly uploadWaitsMs?: readonly number[];
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ChartDelivery {
  send<T>(msg: ChatMessage, send: (content: ChatContent) => Promise<T>): Promise<T>;
}

// Two more tries at most: a response_url takes five posts in all, and a share spends two.
const DEFAULT_UPLOAD_WAITS_MS = [1000, 2000];

/** Messages Slack gives when a picture is the reason (Web API answers carry them; response_url answers don't). */
const PICTURE_REFUSALS = /downloading image failed|invalid slack file/;

interface PlatformError {
  code?: string;
  data?: { error?: string; errors?: unknown; response_metadata?: { messages?: unknown } };
}

/**
 * Whether Slack may have refused the message for its pictures: `invalid_blocks` that names an
 * image (or names nothing), or a 4xx from a response_url, whose answer says no more than that.
 * The blocks are otherwise our own builders' and checked against Slack's limits, so the one
 * retry without pictures settles it: if that is refused too, its error is the one that counts.
 */
export function mayBePictureRefusal(err: unknown): boolean {
  const e = (err ?? {}) as PlatformError;
  if (err instanceof ResponseUrlError) return err.statusCode >= 400 && err.statusCode < 500;
  if (e.code !== 'slack_webapi_platform_error' || e.data?.error !== 'invalid_blocks') return false;
  const said = [e.data.errors, e.data.response_metadata?.messages].flatMap((m) => (Array.isArray(m) ? m.map(String) : []));
  return said.length === 0 || said.some((m) => PICTURE_REFUSALS.test(m));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the chart server';
  }
}

function contentWith(msg: ChatMessage, replaced: ReadonlyMap<string, object>): ChatContent {
  const blocks = msg.blocks.map((b) => {
    const id = (b as { block_id?: unknown }).block_id;
    return typeof id === 'string' ? replaced.get(id) ?? b : b;
  });
  return { text: msg.text, blocks };
}

export function createChartDelivery(o: ChartDeliveryOptions): ChartDelivery {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const waits = o.uploadWaitsMs ?? DEFAULT_UPLOAD_WAITS_MS;
  const warned = new Set<string>();
  // A digest shows the same chart in every channel it goes to: drawn and uploaded once.
  const uploads = new WeakMap<ChartView, Promise<string>>();

  /** One warning per cause for the life of the process; the rest at debug. */
  const warnOnce = (key: string, facts: Record<string, unknown>, text: string): void => {
    if (warned.has(key)) return void o.logger.debug(facts, text);
    warned.add(key);
    o.logger.warn(facts, text);
  };

  const fallbacks = (charts: readonly PlacedChart[], why: (p: PlacedChart) => ChartMiss): Map<string, object> =>
    new Map(charts.map((p) => [p.blockId, chartFallbackBlock(p.blockId, p.chart, why(p))]));

  const viaUrl = async <T>(msg: ChatMessage, charts: readonly PlacedChart[], send: (c: ChatContent) => Promise<T>): Promise<T> => {
    try {
      return await send(contentWith(msg, new Map()));
    } catch (err) {
      if (!mayBePictureRefusal(err)) throw err;
      const sent = await send(contentWith(msg, fallbacks(charts, (p) => ({ kind: 'download', host: hostOf(p.chart.url) }))));
      const hosts = [...new Set(charts.map((p) => hostOf(p.chart.url)))];
      warnOnce(
        `download:${hosts.join(',')}`,
        { hosts, err },
        `Slack could not download chart images from ${hosts.join(', ')}: messages go with the charts' text tables instead. Make QUICKCHART_URL reachable from Slack, or set CHART_DELIVERY=upload.`,
      );
      return sent;
    }
  };

  /** The chart's uploaded file id; a failure is not kept, so the next message tries again. */
  const uploaded = (chart: ChartView): Promise<string> => {
    const known = uploads.get(chart);
    if (known) return known;
    const pending = (async () => {
      let png: Buffer;
      try {
        png = await o.charts.png(chart);
      } catch (err) {
        throw Object.assign(new Error('chart not drawn', { cause: err }), { miss: { kind: 'render', host: hostOf(chart.url) } satisfies ChartMiss });
      }
      try {
        return await o.upload(png, chart);
      } catch (err) {
        throw Object.assign(new Error('chart not uploaded', { cause: err }), { miss: { kind: 'upload' } satisfies ChartMiss });
      }
    })();
    uploads.set(chart, pending);
    pending.catch(() => uploads.delete(chart));
    return pending;
  };

  const viaUpload = async <T>(msg: ChatMessage, charts: readonly PlacedChart[], send: (c: ChatContent) => Promise<T>): Promise<T> => {
    const replaced = new Map<string, object>();
    const shown: PlacedChart[] = [];
    await Promise.all(
      charts.map(async (p) => {
        try {
          replaced.set(p.blockId, uploadedChartBlock(p.blockId, p.chart, await uploaded(p.chart)));
          shown.push(p);
        } catch (err) {
          const miss = (err as { miss?: ChartMiss }).miss ?? { kind: 'upload' };
          replaced.set(p.blockId, chartFallbackBlock(p.blockId, p.chart, miss));
          const cause = (err as Error).cause ?? err;
          if (miss.kind === 'render') warnOnce('render', { err: cause, host: miss.host }, `The chart server at ${miss.host} could not draw a chart: it goes as its text table.`);
          else warnOnce('upload', { err: cause }, 'A chart could not be uploaded to Slack (CHART_DELIVERY=upload needs the files:write scope): it goes as its text table.');
        }
      }),
    );
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(contentWith(msg, replaced));
      } catch (err) {
        if (shown.length === 0 || !mayBePictureRefusal(err)) throw err;
        const wait = waits[attempt];
        if (wait !== undefined) {
          await sleep(wait);
          continue;
        }
        for (const [id, block] of fallbacks(shown, () => ({ kind: 'upload' }))) replaced.set(id, block);
        const sent = await send(contentWith(msg, replaced));
        warnOnce('shown', { err }, 'Slack did not show uploaded charts: messages go with their text tables instead.');
        return sent;
      }
    }
  };

  return {
    send: (msg, send) => {
      const charts = msg.charts ?? [];
      if (charts.length === 0) return send({ text: msg.text, blocks: msg.blocks });
      return o.mode === 'upload' ? viaUpload(msg, charts, send) : viaUrl(msg, charts, send);
    },
  };
}
