/**
 * The renderer port: the messages services send on their own (digests, alerts and the notices
 * around them), drawn from view models. Services never build blocks; the Block Kit renderer
 * in src/slack/blocks implements this.
 */
import type { ChatMessage } from './chat';
import type { IsoDate } from '../domain/time';
import type { AlertEpisodeView, AlertPausedBecause, RuleRemovedView, RuleStateView, RuleView, SnoozeAnnouncementView } from '../views/alert';
import type { DigestRunNoticeView, DigestView, PausedBecause } from '../views/digest';

export interface MessageRenderer {
  /** A digest; more than one message when it is too long for one. */
  digest(view: DigestView): ChatMessage[];
  /** The direct message to a digest's creator when it paused itself. */
  digestPaused(id: number, channelId: string, because: PausedBecause): ChatMessage;
  /** The direct message to a digest's creator when one of its runs was skipped or failed. */
  digestRunNotice(view: DigestRunNoticeView): ChatMessage;
  /** An alert episode's top-level message, posted and then edited in place. */
  alert(view: AlertEpisodeView): ChatMessage;
  /** Thread replies under the episode message. */
  alertRecovered(view: AlertEpisodeView): ChatMessage;
  alertRenotify(view: AlertEpisodeView): ChatMessage;
  alertNoData(view: AlertEpisodeView, lastPublished: IsoDate): ChatMessage;
  /** A rule relative to usual met a bucket whose usual level rests on `weeks` (< 2) of the 4 weeks. */
  alertNoHistory(view: AlertEpisodeView, weeks: number): ChatMessage;
  /** The direct message to a rule's creator when it paused itself. */
  alertPaused(rule: RuleView, because: AlertPausedBecause): ChatMessage;
  /** An alert message as it was sent (by `alert`), redrawn to show how its rule stands now. */
  alertRestated(sent: ChatMessage, state: RuleStateView): ChatMessage;
  /** An alert message as it was sent, redrawn for a deleted rule: no buttons, who deleted it. */
  alertRuleRemoved(sent: ChatMessage, view: RuleRemovedView): ChatMessage;
  /** Told in a channel when someone snoozes the channel's rule. */
  alertSnoozed(view: SnoozeAnnouncementView): ChatMessage;
}
