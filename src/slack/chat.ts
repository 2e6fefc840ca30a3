/**
 * The chat port over Bolt's WebClient: Slack's Web API calls and their failures as
 * SlackCallError. Every message goes through the chart delivery, which decides how its charts
 * reach Slack (src/slack/chart-delivery.ts).
 */
import type { KnownBlock } from './blocks/kit';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger';
import type { Charts } from '../ports/charts';
import { SlackCallError, type ChatContent, type ChatGateway } from '../ports/chat';
import type { ChartView } from '../views/chart';
import { OUTCOME_UNKNOWN_ERRORS } from '../services/refusals';
import { createChartDelivery, type ChartDeliveryMode, type ChartDeliveryOptions } from './chart-delivery';
import { ResponseUrlError } from './response-url';

type SlackErr = { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };

export function toSlackCallError(method: string, err: unknown): SlackCallError {
  const e = (err ?? {}) as SlackErr;
  if (e.code === 'slack_webapi_platform_error') {
    const slackError = e.data?.error ?? 'unknown_error';
    return new SlackCallError(OUTCOME_UNKNOWN_ERRORS.has(slackError) ? 'unknown' : 'refused', slackError, null, method, err);
  }
  if (e.code === 'slack_webapi_rate_limited_error') return new SlackCallError('rate_limited', 'ratelimited', e.retryAfter ?? 1, method, err);
  // HTTP errors (5xx), request errors (timeouts, resets): the call may have gone through.
  return new SlackCallError('unknown', null, null, method, err);
}

/**
 * A response_url post Slack did not take (its answer carries only the HTTP status): 404 is
 * Slack refusing the link (30 minutes and 5 uses, or the message is gone); 429 asks to slow
 * down; anything else, or no answer, may have gone through.
 */
export function toRespondError(err: unknown): SlackCallError {
  const status = err instanceof ResponseUrlError ? err.statusCode : undefined;
  if (status === 404) return new SlackCallError('refused', 'expired_url', null, 'response_url', err);
  if (status === 429) return new SlackCallError('rate_limited', 'ratelimited', 1, 'response_url', err);
  return new SlackCallError('unknown', null, null, 'response_url', err);
}

type OutcomeHook = (ok: boolean, error?: string) => void;

async function call<T>(method: string, fn: () => Promise<T>, onOutcome?: OutcomeHook): Promise<T> {
  try {
    const result = await fn();
    onOutcome?.(true);
    return result;
  } catch (err) {
    const e = toSlackCallError(method, err);
    onOutcome?.(false, e.slackError ?? e.kind);
    throw e;
  }
}

export interface GatewayOptions {
  /** How charts reach Slack (CHART_DELIVERY); `url` when omitted. */
  readonly chartDelivery?: ChartDeliveryMode;
  /** Draws PNGs for `upload`. */
  readonly charts?: Pick<Charts, 'png'>;
  readonly logger: Logger;
  /** Test hook: waits while Slack finishes an upload. */
  readonly uploadWaitsMs?: ChartDeliveryOptions['uploadWaitsMs'];
  /** Told how each Web API call ended (ok, or Slack's error). */
  readonly onOutcome?: OutcomeHook;
}

/**
 * Uploads a chart's PNG without sharing it to any conversation (no channel_id): the message's
 * slack_file image block shows it where the message goes.
 */
function uploadChart(client: WebClient, png: Buffer, chart: ChartView): Promise<string> {
  // filesUploadV2: files.getUploadURLExternal, the POST of the bytes, then files.completeUploadExternal.
  return call('files.completeUploadExternal', async () => {
    const res = await client.filesUploadV2({ file: png, filename: 'chart.png', title: chart.table.title, alt_text: chart.altText });
    const id = res.files.flatMap((f) => f.files ?? [])[0]?.id;
    if (!id) throw new Error('files.completeUploadExternal returned no file');
    return id;
  });
}

const NO_PNG: Pick<Charts, 'png'> = { png: () => Promise.reject(new Error('no chart renderer was given for uploads')) };

export function webClientGateway(client: WebClient, opts: GatewayOptions): ChatGateway {
  const track = <T>(method: string, fn: () => Promise<T>): Promise<T> => call(method, fn, opts.onOutcome);
  const charts = createChartDelivery({
    mode: opts.chartDelivery ?? 'url',
    charts: opts.charts ?? NO_PNG,
    upload: (png, chart) => uploadChart(client, png, chart),
    logger: opts.logger,
    ...(opts.uploadWaitsMs ? { uploadWaitsMs: opts.uploadWaitsMs } : {}),
  });
  return {
    deliver: (msg, send) => charts.send(msg, send),
    postMessage: (channel, msg, opts = {}) =>
      track('chat.postMessage', () =>
        charts.send(msg, async (c) => {
          const res = await client.chat.postMessage({
            channel,
            text: c.text,
            blocks: blocksOf(c),
            ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
            unfurl_links: opts.unfurl ?? false,
            unfurl_media: opts.unfurl ?? false,
          });
          return { channel: res.channel ?? channel, ts: res.ts ?? '' };
        }),
      ),
    updateMessage: (channel, ts, msg) =>
      track('chat.update', () =>
        charts.send(msg, async (c) => {
          await client.chat.update({ channel, ts, text: c.text, blocks: blocksOf(c) });
        }),
      ),
    postEphemeral: (channel, user, msg) =>
      track('chat.postEphemeral', () =>
        charts.send(msg, async (c) => {
          await client.chat.postEphemeral({ channel, user, text: c.text, blocks: blocksOf(c) });
        }),
      ),
    openDm: (user) =>
      track('conversations.open', async () => {
        const res = await client.conversations.open({ users: user });
        const id = res.channel?.id;
        if (!id) throw new Error('conversations.open returned no channel');
        return id;
      }),
    // One Tier 3 call per 200 of a person's conversations, where conversations.members would
    // page through every channel's members (Tier 4) on each check.
    conversationsOf: (user) =>
      track('users.conversations', async () => {
        const out: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await client.users.conversations({
            user,
            types: 'public_channel,private_channel,mpim,im',
            exclude_archived: false,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          out.push(...(res.channels ?? []).flatMap((c) => (c.id ? [c.id] : [])));
          cursor = res.response_metadata?.next_cursor || undefined;
        } while (cursor);
        return out;
      }),
    userLeft: (user) =>
      track('users.info', async () => {
        try {
          return (await client.users.info({ user })).user?.deleted === true;
        } catch (err) {
          // A person Slack no longer knows has left as surely as a deactivated one.
          if ((err as { data?: { error?: string } }).data?.error === 'user_not_found') return true;
          throw err;
        }
      }),
    channelInfo: (channel) =>
      track('conversations.info', async () => {
        const res = await client.conversations.info({ channel });
        const c = res.channel ?? {};
        return {
          id: c.id ?? channel,
          name: c.name ?? channel,
          isPrivate: c.is_private === true,
          isArchived: c.is_archived === true,
          isMember: c.is_member === true,
        };
      }),
    join: (channel) =>
      track('conversations.join', async () => {
        await client.conversations.join({ channel });
      }),
    openView: (triggerId, view) =>
      track('views.open', async () => {
        const res = await client.views.open({ trigger_id: triggerId, view: view as never });
        return { viewId: res.view?.id ?? '', hash: res.view?.hash ?? '' };
      }),
    updateView: (viewId, view, hash) =>
      track('views.update', async () => {
        const res = await client.views.update({ view_id: viewId, view: view as never, ...(hash ? { hash } : {}) });
        return { hash: res.view?.hash ?? '' };
      }),
    publishHome: (user, view) =>
      track('views.publish', async () => {
        await client.views.publish({ user_id: user, view: view as never });
      }),
  };
}

/** Only the renderer (and the chart delivery) build blocks, and they build Block Kit. */
function blocksOf(content: ChatContent): KnownBlock[] {
  return content.blocks as KnownBlock[];
}
