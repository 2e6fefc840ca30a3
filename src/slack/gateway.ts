/**
 * The Slack Web API port used by services (digests, alerts, authorization): a few calls in our
 * own terms, with Slack's failures turned into typed errors. The WebClient adapter below is the
 * real one; tests run it against the embedded workspace.
 */
import type { WebClient } from '@slack/web-api';
import { AppError } from '../errors';
import type { SlackMessage } from './blocks/kit';

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
}

/**
 * Outcome classes the callers act on:
 * - `refused`: Slack answered ok:false (channel_not_found, not_in_channel, is_archived,
 *   invalid_auth, token_revoked…): nothing was posted; `slackError` says why.
 * - `rate_limited`: 429; nothing was posted; safe to retry after `retryAfterSeconds`.
 * - `unknown`: a timeout, a network error or a 5xx: the message may or may not have been posted.
 */
export type SlackFailureKind = 'refused' | 'rate_limited' | 'unknown';

export class SlackCallError extends AppError {
  constructor(
    readonly kind: SlackFailureKind,
    readonly slackError: string | null,
    readonly retryAfterSeconds: number | null,
    method: string,
    cause?: unknown,
  ) {
    super('SLACK_API', `${method} failed: ${slackError ?? kind}`, { cause, details: { method, slackError, kind } });
  }
}

export interface SlackGateway {
  postMessage(channel: string, msg: SlackMessage, opts?: { threadTs?: string; unfurl?: boolean }): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, msg: SlackMessage): Promise<void>;
  postEphemeral(channel: string, user: string, msg: SlackMessage): Promise<void>;
  /** The DM channel with a user. */
  openDm(user: string): Promise<string>;
  /** Members of a conversation (all pages); throws SlackCallError when the bot cannot see it. */
  members(channel: string): Promise<string[]>;
  channelInfo(channel: string): Promise<{ id: string; name: string; isPrivate: boolean; isArchived: boolean; isMember: boolean }>;
  /** Joins a public channel. */
  join(channel: string): Promise<void>;
  openView(triggerId: string, view: object): Promise<{ viewId: string }>;
  updateView(viewId: string, view: object, hash?: string): Promise<void>;
  publishHome(user: string, view: object): Promise<void>;
}

type SlackErr = { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };

export function toSlackCallError(method: string, err: unknown): SlackCallError {
  const e = (err ?? {}) as SlackErr;
  if (e.code === 'slack_webapi_platform_error') return new SlackCallError('refused', e.data?.error ?? 'unknown_error', null, method, err);
  if (e.code === 'slack_webapi_rate_limited_error') return new SlackCallError('rate_limited', 'ratelimited', e.retryAfter ?? 1, method, err);
  // HTTP errors (5xx), request errors (timeouts, resets): the call may have gone through.
  return new SlackCallError('unknown', null, null, method, err);
}

async function call<T>(method: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toSlackCallError(method, err);
  }
}

export function webClientGateway(client: WebClient): SlackGateway {
  return {
    postMessage: (channel, msg, opts = {}) =>
      call('chat.postMessage', async () => {
        const res = await client.chat.postMessage({
          channel,
          text: msg.text,
          blocks: msg.blocks,
          ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
          unfurl_links: opts.unfurl ?? false,
          unfurl_media: opts.unfurl ?? false,
        });
        return { channel: res.channel ?? channel, ts: res.ts ?? '' };
      }),
    updateMessage: (channel, ts, msg) =>
      call('chat.update', async () => {
        await client.chat.update({ channel, ts, text: msg.text, blocks: msg.blocks });
      }),
    postEphemeral: (channel, user, msg) =>
      call('chat.postEphemeral', async () => {
        await client.chat.postEphemeral({ channel, user, text: msg.text, blocks: msg.blocks });
      }),
    openDm: (user) =>
      call('conversations.open', async () => {
        const res = await client.conversations.open({ users: user });
        const id = res.channel?.id;
        if (!id) throw new Error('conversations.open returned no channel');
        return id;
      }),
    members: (channel) =>
      call('conversations.members', async () => {
        const out: string[] = [];
        let cursor: string | undefined;
        do {
          const res = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
          out.push(...(res.members ?? []));
          cursor = res.response_metadata?.next_cursor || undefined;
        } while (cursor);
        return out;
      }),
    channelInfo: (channel) =>
      call('conversations.info', async () => {
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
      call('conversations.join', async () => {
        await client.conversations.join({ channel });
      }),
    openView: (triggerId, view) =>
      call('views.open', async () => {
        const res = await client.views.open({ trigger_id: triggerId, view: view as never });
        return { viewId: res.view?.id ?? '' };
      }),
    updateView: (viewId, view, hash) =>
      call('views.update', async () => {
        await client.views.update({ view_id: viewId, view: view as never, ...(hash ? { hash } : {}) });
      }),
    publishHome: (user, view) =>
      call('views.publish', async () => {
        await client.views.publish({ user_id: user, view: view as never });
      }),
  };
}
