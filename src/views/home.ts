/** App Home: the viewer's subscriptions and the digests of their channels. */
import type { SubscriptionSummaryView } from './alert';
import type { DigestSummaryView } from './digest';

export interface AppHomeViewModel {
  readonly subscriptions: readonly SubscriptionSummaryView[];
  /** Digests of the channels the user belongs to. */
  readonly digests: readonly DigestSummaryView[];
}
