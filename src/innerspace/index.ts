export { createInnerSpaceClient, InnerSpaceClient, type InnerSpaceClientOptions, type InnerSpaceStats } from './client';
export type { AuthMode } from './auth';
export { insightExpiry, REFERENCE_TTL_MS, UNSETTLED_TTL_MS } from './cache';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
