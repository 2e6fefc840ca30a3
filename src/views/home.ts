/** App Home: the viewer's subscriptions and the digests of their channels. */
import type { SubscriptionSummaryView } from './alert';
import type { DigestSummaryView } from './digest';

export interface AppHomeViewModel {
  readonly subscriptions: readonly SubscriptionSummaryView[];
  /** For admins: the team's alert rules whose creator left the workspace, to take over. */
  readonly orphanedSubscriptions?: readonly SubscriptionSummaryView[];
  /** Digests of the channels the user belongs to. */
  readonly digests: readonly DigestSummaryView[];
  /**
   * Slack could not say which channels the user is in just now (it asked the bot to slow
   * down, or did not answer): the digests are not listed, and Home says so.
   */
  readonly digestsUnknown: boolean;
}
