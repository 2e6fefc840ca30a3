/** The embedded Slack workspace (local mode and the test harness) and its driver. */
export { startSlackWorkspace } from './server';
export type { SlackWorkspace } from './workspace';
export { createSlackDriver, signSlackRequest } from './driver';
export type { ActionTarget, DriverResult, MenuOption, SendOptions, SlackDriver, SlackDriverOptions, SuggestionResult } from './driver';
export type { ActionInput, InputValue, ViewValues } from './driver-payloads';
export type { WorkspaceEventMap, ViewChange } from './events';
export { WorkspaceEvents } from './events';
export type { WorkspaceState } from './state';
export type { SocketHub, SocketAck, Envelope, EnvelopeType } from './socket';
export { DEFAULT_APP_TOKEN, DEFAULT_BOT, DEFAULT_BOT_TOKEN, DEFAULT_CHANNELS, DEFAULT_TEAM, DEFAULT_USERS } from './seed';
export { LIMITS, KNOWN_BLOCK_TYPES, validateMessageBlocks, validateView } from './validation';
export { DEFAULT_MIN_QUERY_LENGTH, validateOptionsResponse } from './validation-elements';
export { ALL_SCOPES, manifestScopes } from './scopes';
export { TIER_LIMITS } from './faults';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, TRIGGER_TTL_MS } from './capabilities';
export type * from './types';
