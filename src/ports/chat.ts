/**
 * The chat port used by services (digests, alerts, authorization): the few Slack Web API calls
 * they make, in our own terms, with Slack's failures as typed errors. The WebClient adapter in
 * src/slack/chat.ts is the real one; tests run it against the embedded workspace.
 */
import { AppError } from '../errors';

/**
 * A rendered message: fallback text plus the renderer's blocks. Services pass it through
 * untouched; only the renderer (src/slack/blocks) knows what the blocks are.
 */
export interface ChatMessage {
  readonly text: string;
  readonly blocks: readonly object[];
}

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

export interface ChatGateway {
  postMessage(channel: string, msg: ChatMessage, opts?: { threadTs?: string; unfurl?: boolean }): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, msg: ChatMessage): Promise<void>;
  postEphemeral(channel: string, user: string, msg: ChatMessage): Promise<void>;
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
