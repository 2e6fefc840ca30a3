/**
 * `/occupancy digest …`: open the form, or the text forms add / list / remove / pause /
 * resume / send / history / preview.
 */
import { ID_HINTS, badChannel, classifyChannel, duplicate, fail, parseId, unexpected } from './args';
import { badDays, badTime, parseDays, parseTime, parseZone } from './schedule';
import { echoQuoted } from '../blocks/mrkdwn';
import { readGroup, type GroupArg } from './group';
import { digestWord } from './names';
import { type ParsedCommand } from './types';
import { DEFAULT_DIGEST_OPTIONS, DEFAULT_DIGEST_TIME, DEFAULT_WEEKLY_DAY, WEEKDAYS_MON_FRI, type DigestCadence } from '../../domain/digest';
import { type Weekday } from '../../domain/values';
import { type ChannelRef } from '../../domain/drafts';

export const MAX_DIGEST_BUILDINGS = 25;

const ACTIONS_HELP = 'Use `add`, `list`, `remove`, `pause`, `resume`, `send`, `history` or `preview`, or just `/occupancy digest` to open the form.';
const ADD_HELP =
  'The form is `digest add building 71 [building 12] [at 08:00] [daily|weekdays|mon,wed,fri|weekly on monday] [in Europe/London] [group Sales] [#channel]`.';
export const WEEKLY_ONE_DAY_HELP = 'A weekly digest sends last week’s summary on one day of the week: say which, e.g. `weekly on monday`.';

export function parseDigest(rest: readonly string[]): ParsedCommand {
  const [actionToken, ...args] = rest;
  if (actionToken === undefined) return { kind: 'digest', action: 'modal' };
  const action = actionToken.toLowerCase();
  switch (action) {
    case 'add':
    case 'new':
    case 'create':
      return parseDigestAdd(args);
    case 'list':
      return args[0] === undefined ? { kind: 'digest', action: 'list' } : unexpected(args[0], 'digest list', '`/occupancy digest list` takes nothing after it.');
    case 'remove':
    case 'delete':
    case 'pause':
    case 'resume':
    case 'send':
    case 'history':
    case 'preview': {
      const verb = action === 'delete' ? 'remove' : action;
      const [idToken, extra] = args;
      if (idToken === undefined) {
        return fail('missing_argument', `\`/occupancy digest ${verb}\` needs a digest number, e.g. \`/occupancy digest ${verb} 3\`. ${ID_HINTS.digest}`);
      }
      const id = parseId(idToken, 'digest', true);
      if (!id.ok) return id.error;
      if (extra !== undefined) return unexpected(extra, `digest ${verb} ${id.value}`, 'Give one digest number at a time.');
      return { kind: 'digest', action: verb, id: id.value };
    }
    default:
      return unexpected(actionToken, 'digest', ACTIONS_HELP);
  }
}

const AM_PM = /^(?:am|pm|a\.m\.|p\.m\.)$/i;
const ID_LIST = /^[-−]?\p{Nd}[\p{Nd},.]*$/u;

function parseDigestAdd(tokens: readonly string[]): ParsedCommand {
  const buildingIds: number[] = [];
  let time: string | null = null;
  let timeToken = '';
  let days: readonly Weekday[] | null = null;
  let daysToken = '';
  let timeZone: string | null = null;
  let channel: ChannelRef | null = null;
  let channelToken = '';
  let cadence: DigestCadence = 'daily';
  let inBuildings = false;
  let group: GroupArg | null = null;

  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const word = token.toLowerCase();
    const gr = readGroup(tokens.slice(i), digestWord);
    if (gr !== null) {
      if ('kind' in gr) return gr;
      if (group !== null) return duplicate('groups', group.text, gr.group.text, 'A digest reads one group.');
      group = gr.group;
      i += gr.used - 1;
      inBuildings = false;
      continue;
    }
    if (word === 'building' || word === 'buildings' || (inBuildings && ID_LIST.test(token))) {
      const list = inBuildings && ID_LIST.test(token) ? token : tokens[(i += 1)];
      if (list === undefined) return missingBuildings();
      for (const part of list.split(',').filter((p) => p !== '')) {
        const id = parseId(part, 'building');
        if (!id.ok) return id.error;
        if (!buildingIds.includes(id.value)) buildingIds.push(id.value);
      }
      if (buildingIds.length > MAX_DIGEST_BUILDINGS) {
        return fail('too_many', `A digest can cover up to ${MAX_DIGEST_BUILDINGS} buildings. Split them across two digests.`);
      }
      inBuildings = true;
      continue;
    }
    inBuildings = false;
    if (word === 'on') continue;
    if (word === 'weekly') {
      if (cadence === 'weekly') return duplicate('cadences', 'weekly', token, 'Say `weekly` once, e.g. `weekly on monday`.');
      cadence = 'weekly';
      continue;
    }
    if (word === 'every' && tokens[i + 1]?.toLowerCase() === 'day') {
      if (days !== null) return duplicate('sets of days', daysToken, 'every day', 'Give one, e.g. `weekdays`.');
      days = [1, 2, 3, 4, 5, 6, 7];
      daysToken = 'every day';
      i += 1;
      continue;
    }
    if (word === 'in') {
      const zoneToken = tokens[(i += 1)];
      if (zoneToken === undefined) return fail('bad_zone', 'Say which time zone after `in`, e.g. `in Europe/London`.');
      const zone = parseZone(zoneToken);
      if (!zone.ok) return zone.error;
      timeZone = zone.value;
      continue;
    }
    if (word === 'at' || parseTime(token) !== null) {
      const start = word === 'at' ? i + 1 : i;
      const first = tokens[start];
      if (first === undefined) return fail('bad_time', 'Say what time after `at`, e.g. `at 08:00` or `at 8am`.');
      const second = tokens[start + 1];
      const joined = second !== undefined && AM_PM.test(second);
      const text = joined ? `${first}${second}` : first;
      const parsed = parseTime(text);
      if (parsed === null || parsed === 'invalid') return badTime(text);
      if (time !== null) return duplicate('times', timeToken, text, 'Give one time, e.g. `at 08:00`.');
      time = parsed;
      timeToken = text;
      i = start + (joined ? 1 : 0);
      continue;
    }
    const parsedDays = parseDays(token);
    if (parsedDays === 'invalid') return badDays(token);
    if (parsedDays !== null) {
      if (days !== null) return duplicate('sets of days', daysToken, token, 'Give one, e.g. `weekdays` or `mon,wed,fri`.');
      days = parsedDays;
      daysToken = token;
      continue;
    }
    const ch = classifyChannel(token);
    if (ch === 'invalid') return badChannel(token);
    if (ch !== null) {
      if (channel !== null) return duplicate('channels', channelToken, token, 'A digest posts to one channel.');
      channel = ch;
      channelToken = token;
      continue;
    }
    return unexpected(token, 'digest add', ADD_HELP);
  }

  if (buildingIds.length === 0) return missingBuildings();
  if (cadence === 'weekly' && days !== null && days.length !== 1) {
    return fail('bad_days', `${echoQuoted(daysToken)} is more than one day. ${WEEKLY_ONE_DAY_HELP}`);
  }
  return {
    kind: 'digest',
    action: 'add',
    draft: {
      buildingIds,
      time: time ?? DEFAULT_DIGEST_TIME,
      days: days ?? (cadence === 'weekly' ? [DEFAULT_WEEKLY_DAY] : WEEKDAYS_MON_FRI),
      cadence,
      timeZone,
      channel,
      options: DEFAULT_DIGEST_OPTIONS,
      ...(group !== null ? { group: group.text } : {}),
    },
  };
}

function missingBuildings(): ParsedCommand {
  return fail(
    'missing_argument',
    `Say which buildings the digest covers, e.g. \`/occupancy digest add building 71 at 08:00\`. ${ID_HINTS.building}`,
  );
}
