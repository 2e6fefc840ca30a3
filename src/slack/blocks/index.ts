/**
 * Pure Block Kit builders: view model in, `{ text, blocks }` (or a view) out.
 */
export * from '../../views/index';
export type { KnownBlock, ModalView, HomeView, SlackMessage, ViewStateValues } from './kit';
export { LIMITS } from './kit';
export { ACTION_IDS, CALLBACK_IDS, DIGEST_FIELDS, SUBSCRIBE_FIELDS, SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_DISPATCH_ACTION_IDS } from './ids';
export type { ActionId, FieldId } from './ids';
export * from './values';
export { escapeMrkdwn, echo, echoQuoted, echoCode } from './mrkdwn';
export { buildReportMessage } from './report';
export { buildZonesMessage, TOP_ZONES } from './zones';
export { buildHelpMessage, buildBuildingsMessage, buildUnknownWordMessage, lookingUpText } from './help';
export type { HelpOptions } from './help';
export {
  alertErrorWords,
  buildAlertErrorMessage,
  buildDigestErrorMessage,
  buildErrorMessage,
  buildInputErrorMessage,
  digestFormErrors,
  errorWords,
} from './errors';
export type { ErrorContext, ErrorSubjectKind } from './errors';
export { buildDigestMessages, digestStamp } from './digest';
export { buildDigestListMessage } from './digest-list';
export { buildDigestModal } from './digest-modal';
export { buildAlertMessage, buildAlertRecoveredReply, buildAlertRenotifyReply, buildAlertNoDataReply, buildAlertNoHistoryNotice } from './alert';
export { buildSubscribeModal, buildBacktestBlock, backtestText } from './subscribe-modal';
export { buildSubscriptionsMessage } from './subscriptions';
export { buildHomeView } from './home';
export { blockKitRenderer } from './renderer';
