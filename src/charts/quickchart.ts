/**
 * Chart rendering behind our own small interface, with a QuickChart adapter. QuickChart can be
 * quickchart.io or a private server (QUICKCHART_URL): occupancy data in a public URL is visible
 * to whoever holds the URL, so private deployments point this at their own renderer.
 */
import QuickChart from 'quickchart-js';
import { AppError, ConfigError, UpstreamBadDataError, UpstreamTimeoutError, UpstreamUnavailableError } from '../errors';
import type { ChartConfig } from './model';

/** Slack's image block accepts an image_url of at most 3,000 characters. */
export const SLACK_IMAGE_URL_MAX = 3000;

export interface ChartImageOptions {
  readonly width?: number;
  readonly height?: number;
  readonly devicePixelRatio?: number;
  readonly backgroundColor?: string;
}

export interface ChartRenderer {
  /** A GET URL that renders the chart, or null when it would be longer than the URL limit. */
  url(config: ChartConfig, opts?: ChartImageOptions): string | null;
  /** The chart as PNG bytes, for uploading when the URL is too long or the renderer is private. */
  png(config: ChartConfig, opts?: ChartImageOptions): Promise<Buffer>;
}

export interface QuickChartRendererOptions {
  /** "https://quickchart.io", "http://127.0.0.1:3400", or a server under a path prefix. */
  readonly baseUrl: string;
  readonly maxUrlLength?: number;
  /** How long png() waits for the server. */
  readonly timeoutMs?: number;
  readonly defaults?: ChartImageOptions;
}

export const DEFAULT_CHART_IMAGE: Required<ChartImageOptions> = {
  width: 800,
  height: 400,
  devicePixelRatio: 1,
  backgroundColor: '#ffffff',
};

const NOT_HTTP = 'QUICKCHART_URL must be an http(s) URL';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Endpoint {
  readonly scheme: 'http' | 'https';
  /** host[:port][/path prefix], as quickchart-js concatenates it. */
  readonly host: string;
}

function parseBaseUrl(baseUrl: string): Endpoint {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    // Not kept as cause: URL's TypeError carries the input, which may hold credentials.
    throw new ConfigError([NOT_HTTP]);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConfigError([NOT_HTTP]);
  // Anything in the URL ends up in every chart link Slack stores, so it may not carry credentials.
  if (u.username || u.password || u.search || u.hash) {
    throw new ConfigError(['QUICKCHART_URL must not carry credentials, a query or a fragment']);
  }
  return { scheme: u.protocol === 'https:' ? 'https' : 'http', host: `${u.host}${u.pathname.replace(/\/+$/, '')}` };
}

export class QuickChartRenderer implements ChartRenderer {
  private readonly endpoint: Endpoint;
  private readonly maxUrlLength: number;
  private readonly timeoutMs: number;
  private readonly defaults: Required<ChartImageOptions>;

  constructor(options: QuickChartRendererOptions) {
    this.endpoint = parseBaseUrl(options.baseUrl);
    this.maxUrlLength = options.maxUrlLength ?? SLACK_IMAGE_URL_MAX;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.defaults = { ...DEFAULT_CHART_IMAGE, ...(options.defaults ?? {}) };
  }

  url(config: ChartConfig, opts?: ChartImageOptions): string | null {
    const chart = this.chart(config, opts);
    let url = chart.getUrl();
    // quickchart-js leaves devicePixelRatio out when it is 1, and the server then draws at its
    // own default of 2: an image with four times the pixels asked for. Always say it.
    if (!/[?&]devicePixelRatio=/.test(url)) url += `&devicePixelRatio=${this.imageOptions(opts).devicePixelRatio}`;
    return url.length <= this.maxUrlLength ? url : null;
  }

  async png(config: ChartConfig, opts?: ChartImageOptions): Promise<Buffer> {
    const request = this.chart(config, opts).toBinary();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new UpstreamTimeoutError('Chart rendering timed out', { upstream: 'quickchart', operation: 'render', timeoutMs: this.timeoutMs })),
        this.timeoutMs,
      );
    });
    // The abandoned request may still settle later; keep its rejection from going unhandled.
    request.catch(() => undefined);
    let bytes: Buffer;
    try {
      bytes = await Promise.race([request, timeout]);
    } catch (err) {
      if (err instanceof AppError) throw err;
      const status = /status code (\d{3})/.exec(err instanceof Error ? err.message : '')?.[1];
      throw new UpstreamUnavailableError('Chart rendering failed', { upstream: 'quickchart', operation: 'render', status: status ? Number(status) : undefined }, err);
    } finally {
      clearTimeout(timer);
    }
    if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) {
      throw new UpstreamBadDataError('Chart renderer did not answer with a PNG', { upstream: 'quickchart', operation: 'render', bytes: bytes.length });
    }
    return bytes;
  }

  // A new client per call: quickchart-js objects are mutable builders.
  private imageOptions(opts?: ChartImageOptions): Required<ChartImageOptions> {
    return { ...this.defaults, ...(opts ?? {}) };
  }

  private chart(config: ChartConfig, opts?: ChartImageOptions): QuickChart {
    const o = this.imageOptions(opts);
    return new QuickChart()
      .setVersion('4')
      .setScheme(this.endpoint.scheme)
      .setHost(this.endpoint.host)
      .setWidth(o.width)
      .setHeight(o.height)
      .setDevicePixelRatio(o.devicePixelRatio)
      .setBackgroundColor(o.backgroundColor)
      .setFormat('png')
      .setConfig(config as Parameters<QuickChart['setConfig']>[0]);
  }
}

/**
 * The URL of the first candidate that fits (e.g. the PT15M chart, then its hourly version),
 * with the config it came from; null when none fits and the PNG must be uploaded instead.
 */
export function firstFittingUrl(
  renderer: ChartRenderer,
  candidates: readonly ChartConfig[],
  opts?: ChartImageOptions,
): { readonly url: string; readonly config: ChartConfig } | null {
  for (const config of candidates) {
    const url = renderer.url(config, opts);
    if (url !== null) return { url, config };
  }
  return null;
}
