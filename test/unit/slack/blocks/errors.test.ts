import {
  BadInputError,
  CannotPostError,
  ChannelNameError,
  ConfigError,
  ConflictError,
  DateInputError,
  ForbiddenError,
  InternalError,
  NoCapacityError,
  NoDataError,
  NotFoundError,
  SlackCallError,
  StaleFormError,
  StorageError,
  SubscriptionRemovedError,
  UpstreamAuthError,
  UpstreamBadDataError,
  UpstreamBadRequestError,
  UpstreamGraphQLError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type AppError,
} from '../../../../src/errors';
import {
  alertErrorWords,
  buildAlertErrorMessage,
  buildDigestErrorMessage,
  buildErrorMessage,
  buildInputErrorMessage,
  digestFormErrors,
  errorWords,
  type ErrorContext,
} from '../../../../src/slack/blocks';
import { parseCommand } from '../../../../src/slack/parser';
import { contextBlock, sectionBlock } from './helpers';

const B71: ErrorContext = { kind: 'building', id: 71 };

describe('errorWords', () => {
  const SECRETISH = 'internal message with secret-ish text';
  const IS = { upstream: 'innerspace' } as const;
  const GQL = { ...IS, messages: [SECRETISH], codes: [] };
  const table: [string, AppError, ErrorContext, string][] = [
    ['NOT_FOUND building', new NotFoundError('building', 7100), {}, "I couldn't find building 7100. `/occupancy buildings` lists the ones you can see."],
    ['NOT_FOUND store row', new NotFoundError(null, null), { kind: 'zone', id: 5 }, "I couldn't find zone 5. `/occupancy zones &lt;building id&gt;` lists the zones of a building."],
    ['NOT_FOUND zones', new NotFoundError(null, null), { kind: 'zones', id: 9 }, "I couldn't find building 9. `/occupancy buildings` lists the ones you can see."],
    ['NOT_FOUND digest', new NotFoundError(null, null), { kind: 'digest', id: 3 }, "I couldn't find digest #3. `/occupancy digest list` shows this channel's digests."],
    ['NOT_FOUND subscription', new NotFoundError(null, null), { kind: 'subscription', id: 7 }, "I couldn't find subscription #7. `/occupancy subscriptions` lists yours."],
    ['NOT_FOUND unknown', new NotFoundError(null, null), {}, "I couldn't find that. `/occupancy help` shows what you can ask."],
    [
      'NO_DATA latest day known',
      new NoDataError('building', 71, '2025-11-25', '2025-11-24'),
      {},
      'No occupancy data was published for building 71 on Tue 25 Nov. The latest published day is Mon 24 Nov: try `/occupancy building 71 2025-11-24`.',
    ],
    [
      'NO_DATA latest day not a date',
      new NoDataError('zone', 5, '2025-11-25', 'not a date'),
      {},
      'No occupancy data was published for zone 5 on Tue 25 Nov. Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.',
    ],
    [
      'NO_DATA day not a date',
      new NoDataError('zones', 71, 'not a date', '2025-11-24'),
      {},
      'No occupancy data was published for the zones of building 71 yet. The latest published day is Mon 24 Nov: try `/occupancy zones 71 2025-11-24`.',
    ],
    [
      'NO_DATA after the latest published day',
      new NoDataError('building', 71, '2025-11-26', '2025-11-24', true),
      {},
      'Wed 26 Nov is not published yet for building 71. The latest published day is Mon 24 Nov: try `/occupancy building 71 2025-11-24`.',
    ],
    [
      'NO_DATA today: how publishing works',
      new NoDataError('building', 71, '2025-11-25', '2025-11-24', true, true),
      {},
      "Today (Tue 25 Nov) isn't published yet for building 71: InnerSpace publishes each day's occupancy overnight, once the day is over in the building's time zone. The latest published day is Mon 24 Nov: try `/occupancy building 71 2025-11-24`.",
    ],
    [
      'NO_DATA not published yet, nothing published lately',
      new NoDataError('zone', 5, '2025-11-26', null, true),
      {},
      'Wed 26 Nov is not published yet for zone 5. Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.',
    ],
    [
      'NO_DATA on the latest published day itself (another granularity has it): never "try that same day"',
      new NoDataError('building', 71, '2025-11-24', '2025-11-24'),
      {},
      'No occupancy data was published for building 71 on Mon 24 Nov. Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.',
    ],
    [
      'NO_DATA, no latest day known',
      new NoDataError('building', 71, '2025-11-20', null),
      {},
      'No occupancy data was published for building 71 on Thu 20 Nov. Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.',
    ],
    ['BAD_INPUT future', new DateInputError('future', '2030-01-01'), B71, '"2030-01-01" hasn\'t been published yet: data arrives nightly. Try `yesterday` or an earlier date.'],
    ['BAD_INPUT too old', new DateInputError('too_old', '1999-01-01'), B71, '"1999-01-01" is before any data I can look up. Try a date from this year, such as `2025-11-20`.'],
    ['BAD_INPUT unrecognised', new DateInputError('unrecognised', '<!channel>'), B71, '"&lt;!channel&gt;" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['BAD_INPUT invalid date', new DateInputError('invalid_date', ''), B71, "That date isn't a date I understand. Try `yesterday`, `monday` or `2025-11-20`."],
    ['BAD_INPUT other', new BadInputError(SECRETISH, { field: 'building id' }), B71, "Something in that request isn't valid. `/occupancy help` shows what works."],
    [
      'FORBIDDEN channel',
      new ForbiddenError(SECRETISH, 'C0FACILITY'),
      { kind: 'digest', id: 3 },
      'Only members of <#C0FACILITY> or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.',
    ],
    [
      'FORBIDDEN odd channel',
      new ForbiddenError(SECRETISH, '<!channel>'),
      {},
      'Only members of a channel or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.',
    ],
    ['FORBIDDEN owner', new ForbiddenError(SECRETISH), { kind: 'subscription', id: 7 }, 'Only the person who set this up, or an admin, can change it. Ask them, or an admin of this bot.'],
    ['FORBIDDEN named owner', new ForbiddenError(SECRETISH, undefined, 'U0OWNER'), { kind: 'digest', id: 7 }, 'Only <@U0OWNER>, who set this up, or an admin can change it. Ask them, or an admin of this bot.'],
    ['CONFLICT', new ConflictError(SECRETISH, 'digests.update', 'unique', 'SQLITE_CONSTRAINT_UNIQUE'), {}, 'Someone changed that at the same moment. Try again.'],
    [
      'UPSTREAM_TIMEOUT',
      new UpstreamTimeoutError(SECRETISH, IS),
      B71,
      "InnerSpace took too long to answer, so I couldn't look up building 71. Try again in a minute; if this persists, check the status of the InnerSpace API.",
    ],
    [
      'UPSTREAM_UNAVAILABLE',
      new UpstreamUnavailableError(SECRETISH, IS),
      B71,
      "InnerSpace isn't answering right now, so I can't look up building 71. Try again in a few minutes; if this persists, check the status of the InnerSpace API.",
    ],
    [
      'UPSTREAM_RATE_LIMITED',
      new UpstreamRateLimitedError(SECRETISH, { ...IS, retryAfterSeconds: 30 }),
      { kind: 'buildings' },
      "InnerSpace is asking me to slow down, so I can't look up your buildings right now. Try again in a minute.",
    ],
    [
      'UPSTREAM_AUTH',
      new UpstreamAuthError(SECRETISH, IS),
      { kind: 'digest', id: 3 },
      "InnerSpace turned down this bot's credentials, so I can't prepare digest #3. Ask whoever runs the bot to check its InnerSpace client id and secret.",
    ],
    [
      'UPSTREAM_GRAPHQL',
      new UpstreamGraphQLError(SECRETISH, GQL),
      B71,
      "InnerSpace couldn't answer that question about building 71. Try another day or granularity; if it keeps failing, tell whoever runs this bot.",
    ],
    [
      'UPSTREAM_BAD_REQUEST',
      new UpstreamBadRequestError(SECRETISH, { ...GQL, status: 400 }),
      {},
      "InnerSpace couldn't answer that question. Try another day or granularity; if it keeps failing, tell whoever runs this bot.",
    ],
    [
      'UPSTREAM_BAD_DATA',
      new UpstreamBadDataError(SECRETISH, { ...IS, field: 'OCCUPANCY_MEAN', row: 0 }),
      B71,
      "InnerSpace sent data about building 71 that I couldn't read. Try again later; if it keeps happening, tell whoever runs this bot.",
    ],
    [
      'SLACK_API cannot post',
      new CannotPostError(SECRETISH, 'C0FACILITY', 'not_in_channel'),
      {},
      "I'm not a member of <#C0FACILITY>, so I can't post there. Invite me with `/invite @occupancy` and try again.",
    ],
    [
      'SLACK_API refused call',
      new SlackCallError('refused', 'channel_not_found', null, 'conversations.info'),
      { channelId: 'C0FACILITY' },
      "I can't see <#C0FACILITY>: it may be private or deleted. Invite me to it with `/invite @occupancy`, or pick another channel.",
    ],
    ['SLACK_API archived', new CannotPostError(SECRETISH, 'C0FACILITY', 'is_archived'), {}, '<#C0FACILITY> is archived, so I can\'t post there. Unarchive it or pick another channel.'],
    [
      'SLACK_API rate limited',
      new SlackCallError('rate_limited', 'ratelimited', 1, 'chat.postMessage'),
      {},
      'Slack asked me to slow down. Try again in a minute.',
    ],
    [
      'SLACK_API no answer',
      new SlackCallError('unknown', null, null, 'chat.postMessage'),
      { channelId: 'C0FACILITY' },
      "Slack didn't confirm that (no answer in time, or an error on its side), so it may have gone through. Check before trying again; if it keeps happening, tell whoever runs this bot.",
    ],
    [
      'SLACK_API trigger expired',
      new SlackCallError('refused', 'expired_trigger_id', null, 'views.open'),
      {},
      "The form didn't open: Slack gives me three seconds for that and the moment passed. Try again.",
    ],
    [
      'SLACK_API refusal that repeats: no "try again"',
      new SlackCallError('refused', 'restricted_action', null, 'chat.postMessage'),
      { channelId: 'C0FACILITY' },
      "I can't do that: only some people may post in <#C0FACILITY> (it is announcement-only or restricted). Ask a channel manager or admin to let me post there, or pick another channel.",
    ],
    [
      'SLACK_API missing scope',
      new SlackCallError('refused', 'missing_scope', null, 'conversations.info'),
      {},
      "I can't do that: I'm missing a Slack permission this needs. Ask whoever installed the bot to reinstall it from the current manifest (the README lists the scopes).",
    ],
    [
      'SLACK_API in a DM between other people',
      new CannotPostError(SECRETISH, 'D0GRACELIN', 'channel_not_found'),
      { origin: { channelId: 'D0GRACELIN', conversation: 'dm' } },
      "I can't post in a direct message between other people. Set this up in a channel (name it, like `#facilities`) or in your direct messages with me.",
    ],
    [
      'STORAGE',
      new StorageError(SECRETISH, { op: 'digests.get' }),
      B71,
      "Something went wrong on my side, so I couldn't look up building 71. Try again in a minute; if it keeps happening, tell whoever runs this bot.",
    ],
    ['INTERNAL', new InternalError(SECRETISH), {}, "Something went wrong on my side, so I couldn't finish that. Try again in a minute; if it keeps happening, tell whoever runs this bot."],
    [
      'CONFIG_INVALID',
      new ConfigError([SECRETISH]),
      {},
      "Something went wrong on my side, so I couldn't finish that. Try again in a minute; if it keeps happening, tell whoever runs this bot.",
    ],
  ];

  it.each(table)('%s', (_name, error, context, expected) => {
    expect(errorWords(error, context)).toBe(expected);
  });

  it('prefers what the error says about its subject to what the user was asking about', () => {
    expect(errorWords(new NotFoundError('zone', 5), B71)).toBe("I couldn't find zone 5. `/occupancy zones &lt;building id&gt;` lists the zones of a building.");
    expect(errorWords(new ForbiddenError('x'), { channelId: 'C0FACILITY' })).toBe(
      'Only members of <#C0FACILITY> or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.',
    );
  });
});

describe('buildErrorMessage', () => {
  it('adds the code as a small line only where it helps support', () => {
    const err = new UpstreamTimeoutError('GraphQL timed out after 10000ms at https://api.example/v2/api', { upstream: 'innerspace', operation: 'BuildingInsights' });
    const words = "InnerSpace took too long to answer, so I couldn't look up building 71. Try again in a minute; if this persists, check the status of the InnerSpace API.";
    expect(buildErrorMessage(err, B71)).toEqual({ text: words, blocks: [sectionBlock(words), contextBlock('Error code: UPSTREAM_TIMEOUT')] });

    const missing = buildErrorMessage(new NotFoundError(null, null, { message: 'no building' }), { kind: 'building', id: 7100 });
    const notFound = "I couldn't find building 7100. `/occupancy buildings` lists the ones you can see.";
    expect(missing).toEqual({ text: notFound, blocks: [sectionBlock(notFound)] });
  });

  it('never shows the internal message or the stack', () => {
    const err = new InternalError('TypeError: x is undefined\n    at secret.ts:1:1');
    const msg = JSON.stringify(buildErrorMessage(err));
    expect(msg).not.toContain('TypeError');
    expect(msg).not.toContain('secret.ts');
  });
});

describe('buildInputErrorMessage', () => {
  it('shows the parser words as they are', () => {
    const parsed = parseCommand('building <!channel>');
    if (parsed.kind !== 'error') throw new Error('expected error');
    const words = '"&lt;!channel&gt;" isn\'t a building id: ids are whole numbers like 71. `/occupancy buildings` lists the ones you can see.';
    expect(buildInputErrorMessage(parsed)).toEqual({ text: words, blocks: [sectionBlock(words)] });
  });
});

describe('alert words', () => {
  it('alert-specific words first, the shared ones otherwise', () => {
    expect(alertErrorWords(new NoCapacityError('zone', 5))).toBe(
      "InnerSpace doesn't know the capacity of zone 5, so I can't alert on a percentage of it. Use a number of people instead, e.g. `above 120`.",
    );
    expect(alertErrorWords(new ChannelNameError('<!channel>'))).toBe(
      "I can't tell which channel `#&lt;!channel&gt;` is. Pick it from Slack's list as you type `#`, or use the form: `/occupancy subscribe`.",
    );
    expect(buildAlertErrorMessage(new NotFoundError(null, null), { kind: 'subscription', id: 9 }).text).toBe(
      "I couldn't find subscription #9. `/occupancy subscriptions` lists yours.",
    );
  });

  it('a rule someone deleted says by whom and when (in each reader’s time), not "couldn’t find"', () => {
    const err = new SubscriptionRemovedError(7, 'U0ADA', Date.parse('2025-11-26T15:00:00Z'));
    const words = 'Rule #7 was deleted by <@U0ADA> on <!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC>, so there is nothing left to change. `/occupancy subscriptions` lists the alerts you have.';
    expect(buildAlertErrorMessage(err, { kind: 'subscription', id: 7 })).toEqual({ text: words, blocks: [sectionBlock(words)] });
    expect(err.code).toBe('NOT_FOUND');
  });

  it('an alert refusal has no support line; the shared words keep theirs', () => {
    const words = "InnerSpace doesn't know the capacity of building 71, so I can't alert on a percentage of it. Use a number of people instead, e.g. `above 120`.";
    expect(buildAlertErrorMessage(new NoCapacityError('building', 71))).toEqual({ text: words, blocks: [sectionBlock(words)] });
    expect(buildAlertErrorMessage(new StorageError('x', {}), { kind: 'subscription', id: 9 }).blocks).toContainEqual(contextBlock('Error code: STORAGE'));
  });
});

describe('digest words', () => {
  it('an unresolvable channel name (escaped), then the shared words', () => {
    const words = "I can't tell which channel `#&lt;!channel&gt;` is. Pick it from Slack's list as you type `#`, or run the command in that channel.";
    expect(buildDigestErrorMessage(new ChannelNameError('<!channel>'), { kind: 'digest' })).toEqual({ text: words, blocks: [sectionBlock(words)] });
    expect(buildDigestErrorMessage(new NotFoundError('digest', 3), { kind: 'digest' }).text).toBe(
      "I couldn't find digest #3. `/occupancy digest list` shows this channel's digests.",
    );
  });

  it('keys form errors to the field they are about', () => {
    expect(digestFormErrors(new ForbiddenError('x', 'C1'))).toEqual({ digest_channel: 'Only members of that channel, or an admin, can set up its digests.' });
    expect(digestFormErrors(new ForbiddenError('x'))).toEqual({ digest_channel: 'Only the person who set this digest up, or an admin, can change it.' });
    expect(digestFormErrors(new CannotPostError('x', 'C1', 'is_archived'))).toEqual({ digest_channel: 'That channel is archived. Pick another one.' });
    expect(digestFormErrors(new SlackCallError('refused', 'not_in_channel', null, 'conversations.join'))).toEqual({
      digest_channel: "I'm not in that channel. Invite me there with /invite @occupancy, then try again.",
    });
    expect(digestFormErrors(new SlackCallError('unknown', null, null, 'conversations.info'))).toEqual({
      digest_channel: "Slack didn't let me check that channel just now, so the digest is not saved. Try again in a minute.",
    });
    expect(digestFormErrors(new NotFoundError('building', 7100))).toEqual({
      digest_buildings: "I couldn't find building 7100. /occupancy buildings lists the ones you can see.",
    });
    expect(digestFormErrors(new NotFoundError('digest', 3))).toEqual({ digest_channel: 'That digest no longer exists. Close this form and set up a new one.' });
    expect(digestFormErrors(new StaleFormError())).toEqual({ digest_channel: 'This form is out of date. Close it and run /occupancy digest again.' });
    expect(digestFormErrors(new BadInputError('x', { field: 'channel' }))).toEqual({ digest_channel: 'Pick the channel the digest goes to.' });
    expect(Object.keys(digestFormErrors(new StorageError('x', {})))).toEqual(['digest_channel']);
  });
});
