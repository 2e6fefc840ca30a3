/** The renderer port in Block Kit. */
import type { MessageRenderer } from '../../ports/renderer';
import { buildAlertMessage, buildAlertNoDataReply, buildAlertNoHistoryNotice, buildAlertRecoveredReply, buildAlertRenotifyReply } from './alert';
import { buildAlertPausedNotice } from './alert-notices';
import { alertRuleRemovedMessage, buildSnoozeAnnouncement, restateAlertMessage } from './alert-states';
import { buildDigestMessages } from './digest';
import { buildDigestPausedNotice } from './digest-replies';
import { buildDigestRunNotice } from './digest-history';

export const blockKitRenderer: MessageRenderer = {
  digest: buildDigestMessages,
  digestPaused: buildDigestPausedNotice,
  digestRunNotice: buildDigestRunNotice,
  alert: buildAlertMessage,
  alertRecovered: buildAlertRecoveredReply,
  alertRenotify: buildAlertRenotifyReply,
  alertNoData: buildAlertNoDataReply,
  alertNoHistory: buildAlertNoHistoryNotice,
  alertPaused: buildAlertPausedNotice,
  alertRestated: restateAlertMessage,
  alertRuleRemoved: alertRuleRemovedMessage,
  alertSnoozed: buildSnoozeAnnouncement,
};
