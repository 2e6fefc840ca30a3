/**
 * What people (and Slack) put in requests: words of the /occupancy grammar mixed with junk,
 * unicode, mrkdwn, mentions and links as Slack encodes them, huge numbers, dates and long
 * strings; ids of real users and channels from the workspace seed beside made-up ones. Anything
 * a user types carries MARK, so a check can tell their text from the bot's own.
 */
import fc from 'fast-check';
import { DEFAULT_CHANNELS, DEFAULT_USERS } from '../../../dev/slack';
import { MARK } from './render';

export const USERS = DEFAULT_USERS.map((u) => u.id);
/** Conversations a command can come from: the bot in or out, private, archived, group DM, DM. */
export const CHANNELS = DEFAULT_CHANNELS.map((c) => c.id);

const idTail = fc.stringMatching(/^[A-Z0-9]{6,11}$/);
/** A user id Slack might send that the workspace does not know. */
export const strangerId = idTail.map((t) => `U${t}`);
export const userId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...USERS) }, { weight: 1, arbitrary: strangerId });
export const channelId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...CHANNELS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('C', 'G', 'D'), idTail).map(([p, t]) => `${p}${t}`) },
);

const word = fc.stringMatching(/^[a-z]{1,8}$/);
/** A user's word with the marker in it. */
export const marked = word.map((w) => `${MARK}${w}`);

/** Formatting, mentions and links, as Slack puts them in command text with escaping on (& < > typed become entities). */
export const mrkdwnToken = fc.oneof(
  marked.map((w) => `*${w}*`),
  marked.map((w) => `_${w}_`),
  marked.map((w) => `~${w}~`),
  marked.map((w) => `*_${w}_*`),
  marked.map((w) => `\`${w}\``),
  marked.map((w) => `\`\`\`${w}\`\`\``),
  marked.map((w) => `>${w}`),
  fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<!subteam^S0QZX|@team>', '&lt;!channel&gt;', '&lt;!here&gt;'),
  marked.map((w) => `<@U${w.toUpperCase()}>`),
  marked.map((w) => `<@U0LOCAL001|${w}>`),
  marked.map((w) => `<#C${w.toUpperCase()}|${w}>`),
  fc.constantFrom('<#C0GENERAL|general>', '<#C0FACILITY>', '<#C0EXEC|exec>', '#general', '@grace'),
  marked.map((w) => `<https://${w}.example|${w}>`),
  marked.map((w) => `<mailto:${w}@example.com|${w}>`),
  marked.map((w) => `&lt;https://${w}.example|y&gt;`),
  marked.map((w) => `${w}&amp;${w}`),
  marked.map((w) => `&lt;${w}&gt;`),
  marked.map((w) => `"${w}"`),
  marked.map((w) => `:${w}:`),
);

const NUMBERS = ['71', '104', '1', '0', '-1', '7.1', '1e3', '0x47', '2147483647', '2147483648', '999999999999', '9999999999999', '99999999999999999999', '٧١', '７１', '71002', '7105'];
const DATES = ['yesterday', 'today', 'tomorrow', 'monday', 'sunday', '2026-11-24', '2026-11-25', '2025-13-40', '2026-02-29', '1970-01-01', '9999-12-31', '2026-11-24T10:00'];
const GRAMMAR = [
  'help', '?', 'buildings', 'building', 'zone', 'zones', 'digest', 'digests', 'subscribe', 'subscriptions', 'unsubscribe',
  'add', 'list', 'pause', 'resume', 'delete', 'send', 'edit', 'at', 'in', 'for', 'above', 'below', 'recover', 'me', 'daily', 'hourly',
  'weekdays', 'weekends', 'mon,wed,fri', 'mon-fri', 'every', 'day', '08:00', '7:30am', '25:00', '23:59', 'PT15M', 'PT1H', 'P1D', 'PT5M',
  'Europe/London', 'America/Toronto', 'Mars/Olympus', 'UTC', '80%', '120', '>100', '2h', '3', 'buckets', '1w', '0m', '999h',
];

export const grammarWord = fc.constantFrom(...GRAMMAR, ...NUMBERS, ...DATES);
/** Junk: any unicode, control characters, emoji, right-to-left marks. */
export const junk = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => `${MARK}${s}`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
  fc.constantFrom('\u202e', '\u0000', '\t', '\u200b', '🏢', 'ǅ', '\ud800', '💥'.repeat(30), '&', '&amp;amp;', '%', '+', '=', '\\'),
);
export const longToken = fc.tuple(fc.integer({ min: 30, max: 700 }), fc.constantFrom('x', '9', '*', '<', '&lt;', '🏢', MARK)).map(([n, c]) => c.repeat(n));

const token = fc.oneof(
  { weight: 6, arbitrary: grammarWord },
  { weight: 3, arbitrary: mrkdwnToken },
  { weight: 2, arbitrary: junk },
  { weight: 1, arbitrary: longToken },
);
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', '\t', ',', '\u00a0');

/** Text of `/occupancy …`: a first word from the grammar (mostly), then anything. */
export const commandText = fc
  .tuple(
    fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...GRAMMAR.slice(0, 11)) }, { weight: 2, arbitrary: token }),
    fc.array(fc.tuple(separator, token), { maxLength: 8 }),
    fc.constantFrom('', ' ', '  \n'),
  )
  .map(([first, rest, tail]) => `${first}${rest.map(([s, t]) => `${s}${t}`).join('')}${tail}`);

/** A value something might carry: real-looking encodings, garbage, huge numbers, user text. */
export const anyText = fc.oneof(
  grammarWord,
  mrkdwnToken,
  junk,
  longToken,
  fc.json({ maxDepth: 2 }).map((j) => j.slice(0, 1500)),
  fc.string({ maxLength: 40 }),
);

/** Values of the JSON the bot puts in buttons, right and wrong. */
export const buttonValue = fc.oneof(
  fc.record({ id: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, -1, 2147483648, 1e21, 1.5), fc.string({ maxLength: 5 })) }).map((o) => JSON.stringify(o)),
  fc
    .record({
      id: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 2147483648)),
      snooze: fc.constantFrom('PT1H', 'P1D', 'P1W', 'P1Y', MARK),
    })
    .map((o) => JSON.stringify(o)),
  fc
    .record({
      kind: fc.constantFrom('building', 'zone', 'zones', 'floor', MARK),
      id: fc.constantFrom(71, 104, 7105, 71002, 1, 0, 2147483648, 999999999999),
      date: fc.constantFrom('2026-11-24', '2026-11-25', '2026-11-23', '1970-01-01', '2025-13-40', `*${MARK}*`),
      granularity: fc.constantFrom('PT15M', 'PT1H', 'P1D', 'PT5M'),
    })
    .map((o) => JSON.stringify(o)),
  anyText,
);

/** A JSON value of any type, for fields given the wrong one. */
export const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }), fc.string({ maxLength: 6 }));
