/**
 * What a Slack refusal (ok:false) means for the digest or alert rule whose message it was:
 * Slack's own trouble passes (the next run tries again); a token that no longer works stops
 * every digest and rule of the team; anything else (the channel is gone or closed to the bot,
 * a scope is missing, the message itself is refused) will repeat on every run until someone
 * acts, so the digest or rule pauses and its creator is told once.
 */

/** Refusals a later try can get past: Slack's own trouble or limits, with nothing done. */
const TRANSIENT: ReadonlySet<string> = new Set([
  'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited', 'message_limit_exceeded', 'team_added_to_org',
]);

/**
 * Errors after which Slack says "some aspect of the operation may have succeeded": for a post,
 * the message may be in the channel, so these count as an unknown outcome, never a refusal.
 */
export const OUTCOME_UNKNOWN_ERRORS: ReadonlySet<string> = new Set(['fatal_error', 'internal_error']);

/** Errors that mean the workspace's token no longer works. */
export const TEAM_ERRORS: ReadonlySet<string> = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);

export type RefusalReach = 'transient' | 'team' | 'repeats';

export function refusalReach(slackError: string): RefusalReach {
  if (TEAM_ERRORS.has(slackError)) return 'team';
  return TRANSIENT.has(slackError) ? 'transient' : 'repeats';
}
