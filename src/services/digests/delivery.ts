/**
 * Posting one digest's messages to its channel, and what Slack's answer means for the run.
 * Only a 429 is retried: Slack posted nothing, so a retry cannot duplicate. A timeout or a 5xx
 * may have posted, so it is recorded as unknown and never repeated.
 */
import type { ChatMessage } from '../../ports/chat';
import { SlackCallError, type ChatGateway } from '../../ports/chat';
import type { ChannelPacer } from './pacing';
import { RUN_REASONS } from '../../domain/digest';

export type PostOutcome =
  | { readonly kind: 'sent'; readonly channel: string; readonly ts: string; readonly posted: number }
  | { readonly kind: 'refused'; readonly slackError: string; readonly posted: number }
  | { readonly kind: 'rate_limited'; readonly posted: number }
  /** Nothing posted: the channel is held off longer than a pass may wait; a later pass sends it. */
  | { readonly kind: 'parked'; readonly holdMs: number; readonly posted: 0 }
  | { readonly kind: 'unknown'; readonly reason: string; readonly posted: number }
  /** beforeFirstPost said no (the claim passed to another replica): nothing was posted. */
  | { readonly kind: 'lost'; readonly posted: 0 };

export interface PostOptions {
  readonly slack: ChatGateway;
  readonly pacer: ChannelPacer;
  /** 429s tolerated per message before giving up (nothing posted, so the run is failed, not unknown). */
  readonly maxRateLimitRetries: number;
  /**
   * Asked once, after the channel's turn came and just before the first message goes to Slack;
   * false stops everything with nothing posted.
   */
  readonly beforeFirstPost?: () => Promise<boolean>;
  /** A channel held off longer than this before anything was posted parks the digest ('parked'). */
  readonly parkAfterMs?: number;
}

export async function postMessages(channel: string, messages: readonly ChatMessage[], opts: PostOptions): Promise<PostOutcome> {
  let first: { channel: string; ts: string } | null = null;
  let posted = 0;
  let fenced = opts.beforeFirstPost === undefined;
  for (const msg of messages) {
    let limited = 0;
    for (;;) {
      // A long wait (a long Retry-After, heard here or by another replica) parks this digest
      // alone; the others in the pass go on. Once a message is out, the rest follow it whatever the wait.
      const parkAfterMs = posted === 0 ? opts.parkAfterMs : undefined;
      if (!(await opts.pacer.take(channel, parkAfterMs !== undefined ? { parkAfterMs } : {}))) {
        return { kind: 'parked', holdMs: opts.pacer.waitFor(channel), posted: 0 };
      }
      if (!fenced) {
        if (!(await opts.beforeFirstPost!())) return { kind: 'lost', posted: 0 };
        fenced = true;
      }
      try {
        const res = await opts.slack.postMessage(channel, msg);
        first ??= res;
        posted += 1;
        break;
      } catch (err) {
        if (err instanceof SlackCallError && err.kind === 'rate_limited') {
          // The hold parks this digest at the top of the loop when it is long (parkAfterMs).
          opts.pacer.holdOff(channel, err.retryAfterSeconds ?? 1);
          limited += 1;
          if (limited > opts.maxRateLimitRetries) return { kind: 'rate_limited', posted };
          continue;
        }
        if (err instanceof SlackCallError && err.kind === 'refused') return { kind: 'refused', slackError: err.slackError ?? 'unknown_error', posted };
        const reason = err instanceof SlackCallError ? RUN_REASONS.noAnswer : RUN_REASONS.postFailed;
        return { kind: 'unknown', reason, posted };
      }
    }
  }
  return first ? { kind: 'sent', channel: first.channel, ts: first.ts, posted } : { kind: 'unknown', reason: RUN_REASONS.nothingToPost, posted };
}
