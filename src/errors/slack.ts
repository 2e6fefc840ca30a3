import { AppError } from './base';

/**
 * What a failed Slack call lets the caller assume:
 * - `refused`: Slack answered ok:false (channel_not_found, not_in_channel, is_archived,
 *   invalid_auth, token_revoked…): nothing was posted; `slackError` says why.
 * - `rate_limited`: 429; nothing was posted; safe to retry after `retryAfterSeconds`.
 * - `unknown`: a timeout, a network error or a 5xx: the message may or may not have been posted.
 */
export type SlackFailureKind = 'refused' | 'rate_limited' | 'unknown';

/** One Slack Web API call failed (thrown by the chat adapter, src/slack/chat.ts). */
export class SlackCallError extends AppError {
  readonly code = 'SLACK_API';

  constructor(
    readonly kind: SlackFailureKind,
    readonly slackError: string | null,
    readonly retryAfterSeconds: number | null,
    readonly method: string,
    cause?: unknown,
  ) {
    super(`${method} failed: ${slackError ?? kind}`, cause);
  }
}

/** The bot cannot post in a channel something is meant to go to; `slackError` says why. */
export class CannotPostError extends AppError {
  readonly code = 'SLACK_API';

  constructor(
    message: string,
    readonly channelId: string,
    readonly slackError: string,
    cause?: unknown,
  ) {
    super(message, cause);
  }
}
