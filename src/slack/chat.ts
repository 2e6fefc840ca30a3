/** The chat port over Bolt's WebClient: Slack's Web API calls and their failures as SlackCallError. */
import type { KnownBlock } from './blocks/kit';
import type { WebClient } from '@slack/web-api';
import { SlackCallError, type ChatGateway, type ChatMessage } from '../ports/chat';

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

export function webClientGateway(client: WebClient): ChatGateway {
  return {
    postMessage: (channel, msg, opts = {}) =>
      call('chat.postMessage', async () => {
        const res = await client.chat.postMessage({
          channel,
          text: msg.text,
          blocks: blocksOf(msg),
          ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}),
          unfurl_links: opts.unfurl ?? false,
          unfurl_media: opts.unfurl ?? false,
        });
        return { channel: res.channel ?? channel, ts: res.ts ?? '' };
      }),
    updateMessage: (channel, ts, msg) =>
      call('chat.update', async () => {
        await client.chat.update({ channel, ts, text: msg.text, blocks: blocksOf(msg) });
      }),
    postEphemeral: (channel, user, msg) =>
      call('chat.postEphemeral', async () => {
        await client.chat.postEphemeral({ channel, user, text: msg.text, blocks: blocksOf(msg) });
      }),
    openDm: (user) =>
      call('conversations.open', async () => {
        const res = await client.conversations.open({ users: user });
        const id = res.channel?.id;
        if (!id) throw new Error('conversations.open returned no channel');
        return id;
      }),
    // One Tier 3 call per 200 of a person's conversations, where conversations.members would
    // page through every channel's members (Tier 4) on each check.
    conversationsOf: (user) =>
      call('users.conversations', async () => {
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
        return { viewId: res.view?.id ?? '', hash: res.view?.hash ?? '' };
      }),
    updateView: (viewId, view, hash) =>
      call('views.update', async () => {
        const res = await client.views.update({ view_id: viewId, view: view as never, ...(hash ? { hash } : {}) });
        return { hash: res.view?.hash ?? '' };
      }),
    publishHome: (user, view) =>
      call('views.publish', async () => {
        await client.views.publish({ user_id: user, view: view as never });
      }),
  };
}

/** Only the renderer builds blocks, and it builds Block Kit. */
function blocksOf(msg: ChatMessage): KnownBlock[] {
  return msg.blocks as KnownBlock[];
}
