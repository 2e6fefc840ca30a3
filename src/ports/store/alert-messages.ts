/** The top-level messages each alert rule posted, so they can be redrawn when the rule changes. */
import type { EpochMs, JsonObject } from '../../domain/values';

export interface AlertMessage {
  readonly teamId: string;
  readonly subscriptionId: number;
  readonly channel: string;
  readonly ts: string;
  /** The message as last sent, in the renderer's own terms (opaque to the store). */
  readonly content: JsonObject;
  readonly postedAt: EpochMs;
}

export interface AlertMessageRepository {
  /** Records a posted message, or its newest content when (channel, ts) is recorded already. */
  record(message: Omit<AlertMessage, 'postedAt'>): Promise<void>;
  /** A rule's messages, newest first, at most `limit`. */
  listBySubscription(teamId: string, subscriptionId: number, limit: number): Promise<AlertMessage[]>;
  /** Forgets all but the newest `keep` messages of a rule; answers how many were forgotten. */
  keepNewest(teamId: string, subscriptionId: number, keep: number): Promise<number>;
  /** Forgets one message; false when it was not recorded. */
  forget(teamId: string, channel: string, ts: string): Promise<boolean>;
}
