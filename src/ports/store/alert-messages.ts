/** The top-level messages each alert rule posted, so they can be edited when the rule changes. */
import type { EpochMs } from '../../domain/values';

export interface AlertMessage {
  readonly teamId: string;
  readonly subscriptionId: number;
  readonly channel: string;
  readonly ts: string;
  /** The message's latest fallback text: what it said, for an edit made without its blocks. */
  readonly text: string;
  readonly postedAt: EpochMs;
}

export interface AlertMessageRepository {
  /** Records a posted message, or its newest text when (channel, ts) is recorded already. */
  record(message: Omit<AlertMessage, 'postedAt'>): Promise<void>;
  /** A rule's messages, newest first, at most `limit`. */
  listBySubscription(teamId: string, subscriptionId: number, limit: number): Promise<AlertMessage[]>;
  /** Forgets one message; false when it was not recorded. */
  forget(teamId: string, channel: string, ts: string): Promise<boolean>;
}
