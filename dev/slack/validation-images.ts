/**
 * Slack downloads every image_url of a message before it accepts it, and refuses the whole
 * message when a download fails: `invalid_blocks`, "downloading image failed [json-pointer:…]".
 * The embedded workspace does the same, over the network: a GET with a short timeout; an error,
 * a non-2xx answer or a body that is not an image fails it.
 */
import { fail } from './errors';
import { imageUrlsOf, validationExtras } from './validation';

export interface ImageDownloads {
  /** `off`: every URL is taken as downloadable (tests about something else). */
  readonly mode: 'fetch' | 'off';
  /** host[:port] Slack's servers can't reach (a private network the bot is on): failed without a request. */
  readonly unreachableHosts: ReadonlySet<string>;
  readonly timeoutMs: number;
}

export const DEFAULT_IMAGE_TIMEOUT_MS = 3000;

async function downloads(d: ImageDownloads, url: string): Promise<boolean> {
  let host: string;
  try {
    host = new URL(url).host;
  } catch {
    return false;
  }
  if (d.unreachableHosts.has(host)) return false;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(d.timeoutMs) });
    const type = res.headers.get('content-type') ?? '';
    await res.arrayBuffer();
    return res.ok && /^image\//i.test(type);
  } catch {
    return false;
  }
}

/** Downloads every image of `blocks` at once; throws Slack's refusal naming each one that failed. */
export async function downloadImages(d: ImageDownloads, blocks: unknown, path = '/blocks'): Promise<void> {
  if (d.mode === 'off') return;
  const images = imageUrlsOf(blocks, path);
  const ok = await Promise.all(images.map((i) => downloads(d, i.url)));
  const failed = images.filter((_, n) => !ok[n]).map((i) => `downloading image failed [json-pointer:${i.path}]`);
  if (failed.length > 0) fail('invalid_blocks', validationExtras(failed));
}
