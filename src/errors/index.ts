/**
 * Typed errors: one small class per kind of failure, each with a fixed `code`, its `cause`, and
 * typed fields with the facts callers and logs need. src/slack/blocks/errors.ts is the one
 * place that turns them into the words a user sees.
 */
export { AppError, InternalError, isAppError, toAppError, type ErrorCode } from './base';
export { ConfigError } from './config';
export { BadInputError, ChannelNameError, DateInputError, NoCapacityError, StaleFormError, type DateProblem } from './input';
export { ForbiddenError, NoDataError, NotFoundError, OwnerPresentError, SubscriptionRemovedError, type SubjectKind } from './subject';
export { RangeInputError, RangeNoDataError } from './range';
export { CompareMixError } from './compare';
export { GroupInputError, type GroupChoice } from './group';
export { SlackCallError, CannotPostError, type SlackFailureKind } from './slack';
export { ConflictError, StorageError, type ConstraintViolation, type StorageFacts } from './storage';
export {
  UpstreamAuthError,
  UpstreamBadDataError,
  UpstreamBadRequestError,
  UpstreamError,
  UpstreamGraphQLError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type GraphQLErrorFacts,
  type Upstream,
  type UpstreamFacts,
} from './upstream';
