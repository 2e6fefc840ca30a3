export { createInnerSpaceClient, InnerSpaceClient, type InnerSpaceClientOptions, type InnerSpaceStats } from './client';
export type { AuthMode } from './auth';
export { DEFAULT_RECHECK_MINUTES, insightKeep, PublishedDays, REFERENCE_TTL_MS, SETTLED_TTL_MS } from './cache';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
