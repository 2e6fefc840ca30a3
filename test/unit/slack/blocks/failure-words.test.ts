/**
 * Every failure kind on every surface that tells a user something failed: the words say what
 * happened and what to do, and an outcome where a post may have gone through (a timeout, a 5xx,
 * fatal_error, internal_error, an aborted request, a digest cut off half-way) never suggests
 * trying again without saying to check first.
 */
import {
  CannotPostError,
  ConflictError,
  ForbiddenError,
  InternalError,
  SlackCallError,
  StorageError,
  UpstreamAuthError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type AppError,
} from '../../../../src/errors';
import { alertErrorWords, buildAlertErrorMessage, buildDigestErrorMessage, buildErrorMessage, digestFormErrors } from '../../../../src/slack/blocks/errors';
import { buildDigestPausedNotice } from '../../../../src/slack/blocks/digest-replies';
import { buildAlertPausedNotice } from '../../../../src/slack/blocks/alert-notices';
import { sentByDirectMessage } from '../../../../src/slack/blocks/delivery-notes';
import { message, section } from '../../../../src/slack/blocks/kit';
import { toSlackCallError } from '../../../../src/slack/chat';
import { sendFailure } from '../../../../src/services/digests/service';
import type { PostOutcome } from '../../../../src/services/digests/delivery';
import type { RuleView } from '../../../../src/views';

/** Words that invite another go. */
const RETRY = /try again|retry|in a minute|in a few minutes|send it again|resend/i;
/** The only way an unknown outcome may mention another go. */
const CHECK_FIRST = /check (first|before trying again)[^.]*\./gi;

/** What a user may assume, and so what the words must and must not say. */
type Outcome =
  /** It may have gone through: say so, say to check; no retry words but after "check". */
  | 'unknown'
  /** Nothing happened and a later try can work (rate limits, Slack's or InnerSpace's passing trouble). */
  | 'later'
  /** Nothing happened and will not until someone acts (channel gone, scope missing…): no "in a minute". */
  | 'act'
  /** The token no longer works: reinstall, never "try again", never "only members". */
  | 'reinstall';

const IS = { upstream: 'innerspace', operation: 'BuildingInsights' } as const;
const platform = (error: string) => toSlackCallError('chat.postMessage', { code: 'slack_webapi_platform_error', data: { ok: false, error } });
const http = (statusCode: number) => toSlackCallError('chat.postMessage', { code: 'slack_webapi_http_error', statusCode });
const aborted = () => toSlackCallError('chat.postMessage', { code: 'slack_webapi_request_error', original: new Error('aborted') });

/** [kind, error, outcome, words that name what happened] */
const KINDS: [string, () => AppError, Outcome, RegExp][] = [
  ['Slack: no answer in time', () => new SlackCallError('unknown', null, null, 'chat.postMessage'), 'unknown', /didn't confirm/],
  ['Slack: HTTP 500', () => http(500), 'unknown', /didn't confirm/],
  ['Slack: request aborted', aborted, 'unknown', /didn't confirm/],
  ['Slack: fatal_error', () => platform('fatal_error'), 'unknown', /didn't confirm/],
  ['Slack: internal_error', () => platform('internal_error'), 'unknown', /didn't confirm/],
  ['Slack: fatal_error as a post refusal', () => new CannotPostError('x', 'C1', 'fatal_error'), 'unknown', /didn't confirm/],
  ['Slack: 429', () => toSlackCallError('chat.postMessage', { code: 'slack_webapi_rate_limited_error', retryAfter: 30 }), 'later', /slow down|couldn't take|just now/],
  ['Slack: service_unavailable', () => platform('service_unavailable'), 'later', /just now/],
  ['Slack: not_in_channel', () => platform('not_in_channel'), 'act', /not (a member|in)/],
  ['Slack: channel_not_found', () => platform('channel_not_found'), 'act', /can't (see|find)|private/],
  ['Slack: is_archived', () => platform('is_archived'), 'act', /archived/],
  ['Slack: missing_scope', () => platform('missing_scope'), 'act', /permission/],
  ['Slack: restricted_action', () => new CannotPostError('x', 'C1', 'restricted_action'), 'act', /only some people may post|refused/],
  ['Slack: invalid_blocks', () => new CannotPostError('x', 'C1', 'invalid_blocks'), 'act', /refused/],
  ['Slack: token_revoked', () => platform('token_revoked'), 'reinstall', /no longer accepts|reinstall/],
  ['Slack: invalid_auth on a channel check', () => new CannotPostError('x', 'C1', 'invalid_auth'), 'reinstall', /no longer accepts|reinstall/],
  ['InnerSpace: timeout', () => new UpstreamTimeoutError('x', IS), 'later', /took too long/],
  ['InnerSpace: unavailable', () => new UpstreamUnavailableError('x', IS), 'later', /isn't answering/],
  ['InnerSpace: 429', () => new UpstreamRateLimitedError('x', IS), 'later', /slow down/],
  ['InnerSpace: credentials refused', () => new UpstreamAuthError('x', IS), 'act', /credentials/],
  ['store failed', () => new StorageError('x', { op: 'digests.get' }), 'later', /wrong on my side/],
  ['bug', () => new InternalError('x'), 'later', /wrong on my side/],
  ['conflict', () => new ConflictError('x', 'digests.insert', 'unique', 'SQLITE_CONSTRAINT'), 'later', /same moment/],
  ['not a member', () => new ForbiddenError('x', 'C1'), 'act', /Only members/],
];

const RULE: RuleView = {
  id: 7, scope: { kind: 'building', id: 71, name: 'HQ' }, measure: 'people', direction: 'above', threshold: 100, recovery: 90,
  minBuckets: 1, granularity: 'PT1H', destination: { kind: 'channel', channelId: 'C1' },
};

/** Surfaces where the failed call was a post (or may have been): the unknown-outcome rule holds. */
const SURFACES: [string, (e: AppError) => string][] = [
  ['/occupancy answer and Share', (e) => buildErrorMessage(e, { kind: 'building', id: 71 }).text],
  ['/occupancy zones', (e) => buildErrorMessage(e, { kind: 'zones', id: 71 }).text],
  ['digest send/add/pause/resume/delete', (e) => buildDigestErrorMessage(e, { kind: 'digest', id: 3, channelId: 'C1' }).text],
  ['subscribe/unsubscribe/snooze/mute', (e) => buildAlertErrorMessage(e, { kind: 'subscription', id: 7 }).text],
  ['alert form backtest', (e) => alertErrorWords(e, { kind: 'building', id: 71 })],
  ['digest form', (e) => Object.values(digestFormErrors(e)).join(' ')],
];

function expectOutcome(words: string, outcome: Outcome): void {
  switch (outcome) {
    case 'unknown':
      expect(words).toMatch(/may have (gone through|been posted)|may be in/);
      expect(words).toMatch(/check/i);
      expect(words.replace(CHECK_FIRST, '')).not.toMatch(RETRY);
      break;
    case 'later':
      expect(words).toMatch(RETRY);
      break;
    case 'act':
      expect(words).not.toMatch(/in a minute|in a few minutes|just now/i);
      break;
    case 'reinstall':
      expect(words).toMatch(/reinstall/);
      expect(words).not.toMatch(RETRY);
      expect(words).not.toMatch(/Only members/);
      break;
  }
}

describe('the words of every failure', () => {
  describe.each(SURFACES)('%s', (_surface, wordsOf) => {
    it.each(KINDS)('%s', (_kind, make, outcome, what) => {
      const words = wordsOf(make());
      // The form asks only about the channel it checked; its own words name the channel.
      if (_surface !== 'digest form') {
        expect(words).toMatch(what);
        expectOutcome(words, outcome);
        return;
      }
      // The form only reads the channel (and joins it) and saves nothing when that fails: even
      // an unanswered check may be tried again, as long as the words say nothing was saved.
      if (outcome === 'unknown' || outcome === 'later') expect(words).toMatch(/not saved/);
      expectOutcome(words, outcome === 'unknown' ? 'later' : outcome);
    });
  });

  describe('a digest sent on request (digest send, Send now)', () => {
    const digest = { id: 3, channelId: 'C1' };
    const cases: [string, PostOutcome, Outcome][] = [
      ['no answer for the first message', { kind: 'unknown', reason: 'timeout', posted: 0 }, 'unknown'],
      ['refused after the first message went out', { kind: 'refused', slackError: 'msg_too_long', posted: 1 }, 'unknown'],
      ['rate limited after the first message went out', { kind: 'rate_limited', posted: 2 }, 'unknown'],
      ['rate limited before anything went out', { kind: 'rate_limited', posted: 0 }, 'later'],
      ['held off by a long Retry-After', { kind: 'parked', holdMs: 120_000, posted: 0 }, 'later'],
      ['refused: not in the channel', { kind: 'refused', slackError: 'not_in_channel', posted: 0 }, 'act'],
      ['refused: token revoked', { kind: 'refused', slackError: 'token_revoked', posted: 0 }, 'reinstall'],
    ];
    it.each(cases)('%s', (_what, outcome, expected) => {
      expectOutcome(buildDigestErrorMessage(sendFailure(digest, outcome), { kind: 'digest', id: 3 }).text, expected);
    });
  });

  describe('direct messages to creators when a digest or an alert pauses itself', () => {
    const refusals: [string, RegExp][] = [
      ['not_in_channel', /invite/],
      ['channel_not_found', /deleted|private/],
      ['is_archived', /archived/],
      ['token_revoked', /reinstall/],
      ['missing_scope', /reinstall/],
      ['restricted_action', /channel manager/],
      ['invalid_blocks', /fault on my side/],
    ];
    it.each(refusals)('%s', (slackError, what) => {
      for (const words of [buildDigestPausedNotice(3, 'C1', slackError).text, buildAlertPausedNotice(RULE, slackError).text]) {
        expect(words).toMatch(what);
        expect(words).toMatch(/resume|unmute/);
        expect(words).not.toMatch(/in a minute|try again/i);
      }
    });
  });

  describe('an answer sent by direct message because it could not show in the channel', () => {
    const note = (err: unknown) => {
      const blocks = sentByDirectMessage(message('x', [section('x')]), 'C1', err).blocks;
      return JSON.stringify(blocks[blocks.length - 1]);
    };
    it('says the bot is not a member only when that is why', () => {
      expect(note(platform('not_in_channel'))).toMatch(/not a member/);
      expect(note(platform('channel_not_found'))).toMatch(/not a member/);
      expect(note(http(503))).not.toMatch(/not a member/);
      expect(note(toSlackCallError('chat.postEphemeral', { code: 'slack_webapi_rate_limited_error', retryAfter: 3 }))).not.toMatch(/not a member/);
    });
    it('says it may show twice when Slack did not confirm the ephemeral', () => {
      expect(note(http(503))).toMatch(/twice/);
      expect(note(platform('internal_error'))).toMatch(/twice/);
    });
  });
});
