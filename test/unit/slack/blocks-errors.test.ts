import { AppError, type ErrorCode } from '../../../src/errors';
import { buildErrorMessage, buildInputErrorMessage, errorWords, type ErrorContext } from '../../../src/slack/blocks';
import { parseCommand } from '../../../src/slack/parser';
import { contextBlock, sectionBlock } from './blocks-helpers';

const B71: ErrorContext = { kind: 'building', id: 71 };

describe('errorWords', () => {
  const table: [ErrorCode, Record<string, unknown>, ErrorContext, string][] = [
    ['NOT_FOUND', { kind: 'building', id: 7100 }, {}, "I couldn't find building 7100. `/occupancy buildings` lists the ones you can see."],
    ['NOT_FOUND', {}, { kind: 'zone', id: 5 }, "I couldn't find zone 5. `/occupancy zones &lt;building id&gt;` lists the zones of a building."],
    ['NOT_FOUND', {}, { kind: 'zones', id: 9 }, "I couldn't find building 9. `/occupancy buildings` lists the ones you can see."],
    ['NOT_FOUND', {}, { kind: 'digest', id: 3 }, "I couldn't find digest #3. `/occupancy digest list` shows this channel's digests."],
    ['NOT_FOUND', {}, { kind: 'subscription', id: 7 }, "I couldn't find subscription #7. `/occupancy subscriptions` lists yours."],
    ['NOT_FOUND', {}, {}, "I couldn't find that. `/occupancy help` shows what you can ask."],
    [
      'NO_DATA',
      { date: '2025-11-25', dataThrough: '2025-11-24' },
      B71,
      'No occupancy data was published for building 71 on Tue 25 Nov. The latest published day is Mon 24 Nov: try `/occupancy building 71 2025-11-24`.',
    ],
    [
      'NO_DATA',
      { date: '2025-11-25' },
      { kind: 'zone', id: 5 },
      'No occupancy data was published for zone 5 on Tue 25 Nov. Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.',
    ],
    [
      'NO_DATA',
      { date: 'not a date', dataThrough: '2025-11-24' },
      { kind: 'zones', id: 71 },
      'No occupancy data was published for the zones of building 71 yet. The latest published day is Mon 24 Nov: try `/occupancy zones 71 2025-11-24`.',
    ],
    ['BAD_INPUT', { reason: 'future', input: '2030-01-01' }, B71, '"2030-01-01" hasn\'t been published yet: data arrives nightly. Try `yesterday` or an earlier date.'],
    ['BAD_INPUT', { reason: 'too_old', input: '1999-01-01' }, B71, '"1999-01-01" is before any data I can look up. Try a date from this year, such as `2025-11-20`.'],
    ['BAD_INPUT', { reason: 'unrecognised', input: '<!channel>' }, B71, '"&lt;!channel&gt;" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['BAD_INPUT', {}, B71, "Something in that request isn't valid. `/occupancy help` shows what works."],
    [
      'FORBIDDEN',
      { channelId: 'C0FACILITY' },
      { kind: 'digest', id: 3 },
      'Only members of <#C0FACILITY> or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.',
    ],
    ['FORBIDDEN', { channelId: '<!channel>' }, {}, 'Only members of a channel or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.'],
    ['FORBIDDEN', {}, { kind: 'subscription', id: 7 }, 'Only the person who set this up, or an admin, can change it. Ask them, or an admin of this bot.'],
    ['CONFLICT', {}, {}, 'Someone changed that at the same moment. Try again.'],
    [
      'UPSTREAM_TIMEOUT',
      {},
      B71,
      "InnerSpace took too long to answer, so I couldn't look up building 71. Try again in a minute; if this persists, check the status of the InnerSpace API.",
    ],
    [
      'UPSTREAM_UNAVAILABLE',
      {},
      B71,
      "InnerSpace isn't answering right now, so I can't look up building 71. Try again in a few minutes; if this persists, check the status of the InnerSpace API.",
    ],
    ['UPSTREAM_RATE_LIMITED', {}, { kind: 'buildings' }, "InnerSpace is asking me to slow down, so I can't look up your buildings right now. Try again in a minute."],
    [
      'UPSTREAM_AUTH',
      {},
      { kind: 'digest', id: 3 },
      "InnerSpace turned down this bot's credentials, so I can't prepare digest #3. Ask whoever runs the bot to check its InnerSpace client id and secret.",
    ],
    [
      'UPSTREAM_GRAPHQL',
      {},
      B71,
      "InnerSpace couldn't answer that question about building 71. Try another day or granularity; if it keeps failing, tell whoever runs this bot.",
    ],
    ['UPSTREAM_BAD_REQUEST', {}, {}, "InnerSpace couldn't answer that question. Try another day or granularity; if it keeps failing, tell whoever runs this bot."],
    ['UPSTREAM_BAD_DATA', {}, B71, "InnerSpace sent data about building 71 that I couldn't read. Try again later; if it keeps happening, tell whoever runs this bot."],
    [
      'SLACK_API',
      { slackError: 'not_in_channel', channelId: 'C0FACILITY' },
      {},
      "I'm not a member of <#C0FACILITY>, so I can't post there. Invite me with `/invite @occupancy` and try again.",
    ],
    [
      'SLACK_API',
      { slackError: 'channel_not_found' },
      { channelId: 'C0FACILITY' },
      "I can't see <#C0FACILITY>: it may be private or deleted. Invite me to it with `/invite @occupancy`, or pick another channel.",
    ],
    ['SLACK_API', { slackError: 'is_archived', channelId: 'C0FACILITY' }, {}, '<#C0FACILITY> is archived, so I can\'t post there. Unarchive it or pick another channel.'],
    ['SLACK_API', { slackError: 'ratelimited' }, {}, "Slack didn't accept my message. Try again in a minute; if it keeps happening, tell whoever runs this bot."],
    ['STORAGE', {}, B71, "Something went wrong on my side, so I couldn't look up building 71. Try again in a minute; if it keeps happening, tell whoever runs this bot."],
    ['INTERNAL', {}, {}, "Something went wrong on my side, so I couldn't finish that. Try again in a minute; if it keeps happening, tell whoever runs this bot."],
    ['CONFIG_INVALID', { kind: 'nonsense', id: -1 }, {}, "Something went wrong on my side, so I couldn't finish that. Try again in a minute; if it keeps happening, tell whoever runs this bot."],
  ];

  it.each(table)('%s %j %j', (code, details, context, expected) => {
    expect(errorWords(new AppError(code, 'internal message with secret-ish text', { details }), context)).toBe(expected);
  });
});

describe('buildErrorMessage', () => {
  it('adds the code as a small line only where it helps support', () => {
    const err = new AppError('UPSTREAM_TIMEOUT', 'GraphQL timed out after 10000ms at https://api.example/v2/api', { details: { kind: 'building', id: 71 } });
    const words = "InnerSpace took too long to answer, so I couldn't look up building 71. Try again in a minute; if this persists, check the status of the InnerSpace API.";
    expect(buildErrorMessage(err)).toEqual({ text: words, blocks: [sectionBlock(words), contextBlock('Error code: UPSTREAM_TIMEOUT')] });

    const missing = buildErrorMessage(new AppError('NOT_FOUND', 'no building'), { kind: 'building', id: 7100 });
    const notFound = "I couldn't find building 7100. `/occupancy buildings` lists the ones you can see.";
    expect(missing).toEqual({ text: notFound, blocks: [sectionBlock(notFound)] });
  });

  it('never shows the internal message or the stack', () => {
    const err = new AppError('INTERNAL', 'TypeError: x is undefined\n    at secret.ts:1:1');
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
