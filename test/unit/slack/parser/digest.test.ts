import type { DigestDraft } from '../../../../src/domain/drafts';
import { parseCommand, parseDays, parseTime, parseZone, type ParsedCommand } from '../../../../src/slack/parser';

const CONTENT = { chart: true, topZones: true, perFloor: true, weekOverWeek: true };

function draft(overrides: Partial<DigestDraft>): ParsedCommand {
  return {
    kind: 'digest',
    action: 'add',
    draft: { buildingIds: [71], time: '08:00', days: [1, 2, 3, 4, 5], cadence: 'daily', timeZone: null, channel: null, options: { ...CONTENT, skipWhenNoData: false }, ...overrides },
  };
}

describe('parseCommand: digest', () => {
  const valid: [string, ParsedCommand][] = [
    ['digest', { kind: 'digest', action: 'modal' }],
    ['digest list', { kind: 'digest', action: 'list' }],
    ['digest remove 3', { kind: 'digest', action: 'remove', id: 3 }],
    ['digest delete #3', { kind: 'digest', action: 'remove', id: 3 }],
    ['digest pause #12', { kind: 'digest', action: 'pause', id: 12 }],
    ['digest resume 12', { kind: 'digest', action: 'resume', id: 12 }],
    ['digest send #3', { kind: 'digest', action: 'send', id: 3 }],
    ['digest history 3', { kind: 'digest', action: 'history', id: 3 }],
    ['digest Preview #3', { kind: 'digest', action: 'preview', id: 3 }],
    ['digest add building 71', draft({})],
    ['digest add building 71 building 12', draft({ buildingIds: [71, 12] })],
    ['digest add building 71, 12 12 9', draft({ buildingIds: [71, 12, 9] })],
    ['digest add buildings 71 12 at 07:30', draft({ buildingIds: [71, 12], time: '07:30' })],
    ['digest add building 71 at 8am', draft({ time: '08:00' })],
    ['digest add building 71 at 8:30pm', draft({ time: '20:30' })],
    ['digest add building 71 at 8:30 PM', draft({ time: '20:30' })],
    ['digest add building 71 at 12am', draft({ time: '00:00' })],
    ['digest add building 71 at 12pm', draft({ time: '12:00' })],
    ['digest add building 71 9:05', draft({ time: '09:05' })],
    ['digest add building 71 daily', draft({ days: [1, 2, 3, 4, 5, 6, 7] })],
    ['digest add building 71 every day', draft({ days: [1, 2, 3, 4, 5, 6, 7] })],
    ['digest add building 71 weekends', draft({ days: [6, 7] })],
    ['digest add building 71 on fri,mon,wed', draft({ days: [1, 3, 5] })],
    ['digest add building 71 Monday, Wednesday', draft({ days: [1, 3] })],
    ['digest add building 71 mon-thu', draft({ days: [1, 2, 3, 4] })],
    ['digest add building 71 fri-mon', draft({ days: [1, 5, 6, 7] })],
    ['digest add building 71 in europe/london', draft({ timeZone: 'Europe/London' })],
    ['digest add building 71 in UTC', draft({ timeZone: 'UTC' })],
    ['digest add building 71 weekly on monday', draft({ cadence: 'weekly', days: [1] })],
    ['digest add building 71 weekly on monday at 09:00', draft({ cadence: 'weekly', days: [1], time: '09:00' })],
    ['digest add building 71 at 7am Weekly fri in Europe/London', draft({ cadence: 'weekly', days: [5], time: '07:00', timeZone: 'Europe/London' })],
    ['digest add building 71 building 118 weekly', draft({ cadence: 'weekly', days: [1], buildingIds: [71, 118] })],
    ['digest add building 71 on tuesday weekly', draft({ cadence: 'weekly', days: [2] })],
    ['digest add building 71 daily', draft({ days: [1, 2, 3, 4, 5, 6, 7] })],
    ['digest add building 71 #Facilities', draft({ channel: { kind: 'name', name: 'facilities' } })],
    ['digest add building 71 <#C123ABC|facilities>', draft({ channel: { kind: 'id', id: 'C123ABC', name: 'facilities' } })],
    ['digest add building 71 <#C123ABC>', draft({ channel: { kind: 'id', id: 'C123ABC', name: null } })],
    ['digest add building 71 <#C123ABC|>', draft({ channel: { kind: 'id', id: 'C123ABC', name: null } })],
    [
      'digest add building 71 building 12 at 8:30 mon,wed,fri in Asia/Kolkata <#C0FACILITY|facilities>',
      draft({ buildingIds: [71, 12], time: '08:30', days: [1, 3, 5], timeZone: 'Asia/Kolkata', channel: { kind: 'id', id: 'C0FACILITY', name: 'facilities' } }),
    ],
  ];

  it.each(valid)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  const ADD_HELP = 'The form is `digest add building 71 [building 12] [at 08:00] [daily|weekdays|mon,wed,fri|weekly on monday] [in Europe/London] [group Sales] [#channel]`.';
  const invalid: [string, string, string][] = [
    ['digest frobnicate', 'unexpected_argument', 'I didn\'t understand "frobnicate" after `digest`. Use `add`, `list`, `remove`, `pause`, `resume`, `send`, `history` or `preview`, or just `/occupancy digest` to open the form.'],
    ['digest remove', 'missing_argument', '`/occupancy digest remove` needs a digest number, e.g. `/occupancy digest remove 3`. `/occupancy digest list` shows this channel\'s digests.'],
    ['digest pause -3', 'negative', '"-3" isn\'t a digest id: ids are positive whole numbers. `/occupancy digest list` shows this channel\'s digests.'],
    ['digest send 3 4', 'unexpected_argument', 'I didn\'t understand "4" after `digest send 3`. Give one digest number at a time.'],
    ['digest history', 'missing_argument', expect.stringContaining('`/occupancy digest history` needs a digest number, e.g. `/occupancy digest history 3`.')],
    ['digest preview 3 today', 'unexpected_argument', 'I didn\'t understand "today" after `digest preview 3`. Give one digest number at a time.'],
    ['digest list now', 'unexpected_argument', 'I didn\'t understand "now" after `digest list`. `/occupancy digest list` takes nothing after it.'],
    ['digest add', 'missing_argument', 'Say which buildings the digest covers, e.g. `/occupancy digest add building 71 at 08:00`. `/occupancy buildings` lists the ones you can see.'],
    ['digest add at 08:00', 'missing_argument', 'Say which buildings the digest covers, e.g. `/occupancy digest add building 71 at 08:00`. `/occupancy buildings` lists the ones you can see.'],
    ['digest add building', 'missing_argument', 'Say which buildings the digest covers, e.g. `/occupancy digest add building 71 at 08:00`. `/occupancy buildings` lists the ones you can see.'],
    ['digest add building 7.5', 'not_whole', '"7.5" isn\'t a building id: ids are whole numbers. `/occupancy buildings` lists the ones you can see.'],
    ['digest add building 71 ٣', 'non_ascii_digits', '"٣" isn\'t a building id: please type it with the digits 0–9. `/occupancy buildings` lists the ones you can see.'],
    ['digest add building 71 at 25:00', 'bad_time', '"25:00" isn\'t a time I understand. Use 24-hour `08:00`, or `8am` / `8:30pm`.'],
    ['digest add building 71 at 13pm', 'bad_time', '"13pm" isn\'t a time I understand. Use 24-hour `08:00`, or `8am` / `8:30pm`.'],
    ['digest add building 71 at noon', 'bad_time', '"noon" isn\'t a time I understand. Use 24-hour `08:00`, or `8am` / `8:30pm`.'],
    ['digest add building 71 at', 'bad_time', 'Say what time after `at`, e.g. `at 08:00` or `at 8am`.'],
    ['digest add building 71 at 8:00 at 9:00', 'duplicate_argument', 'You gave two times ("8:00" and "9:00"). Give one time, e.g. `at 08:00`.'],
    ['digest add building 71 mon,funday', 'bad_days', '"mon,funday" isn\'t a set of days I understand. Use `daily`, `weekdays`, `weekends` or days like `mon,wed,fri`.'],
    ['digest add building 71 daily weekends', 'duplicate_argument', 'You gave two sets of days ("daily" and "weekends"). Give one, e.g. `weekdays` or `mon,wed,fri`.'],
    ['digest add building 71 weekly on mon,thu', 'bad_days', '"mon,thu" is more than one day. A weekly digest sends last week’s summary on one day of the week: say which, e.g. `weekly on monday`.'],
    ['digest add building 71 weekly weekdays', 'bad_days', '"weekdays" is more than one day. A weekly digest sends last week’s summary on one day of the week: say which, e.g. `weekly on monday`.'],
    ['digest add building 71 weekly weekly', 'duplicate_argument', 'You gave two cadences ("weekly" and "weekly"). Say `weekly` once, e.g. `weekly on monday`.'],
    ['digest add building 71 weekly on funday', 'unexpected_argument', `I didn't understand "funday" after \`digest add\`. ${ADD_HELP}`],
    ['digest add building 71 in Mars/Olympus', 'bad_zone', '"Mars/Olympus" isn\'t a time zone I know. Use an IANA name such as `America/Toronto` or `Europe/London`.'],
    ['digest add building 71 in <!channel>', 'bad_zone', '"&lt;!channel&gt;" isn\'t a time zone I know. Use an IANA name such as `America/Toronto` or `Europe/London`.'],
    ['digest add building 71 in', 'bad_zone', 'Say which time zone after `in`, e.g. `in Europe/London`.'],
    ['digest add building 71 #', 'bad_channel', '"#" isn\'t a channel I can use. Pick one with `#` so Slack links it, e.g. `#facilities`.'],
    ['digest add building 71 #a #b', 'duplicate_argument', 'You gave two channels ("#a" and "#b"). A digest posts to one channel.'],
    ['digest add building 71 <!here>', 'unexpected_argument', `I didn't understand "&lt;!here&gt;" after \`digest add\`. ${ADD_HELP}`],
    [
      `digest add building ${Array.from({ length: 26 }, (_, i) => i + 1).join(',')}`,
      'too_many',
      'A digest can cover up to 25 buildings. Split them across two digests.',
    ],
  ];

  it.each(invalid)('%j -> %s', (text, reason, message) => {
    expect(parseCommand(text)).toEqual({ kind: 'error', reason, message });
  });
});

describe('schedule words', () => {
  it.each([
    ['08:00', '08:00'],
    ['8:05', '08:05'],
    ['23:59', '23:59'],
    ['8am', '08:00'],
    ['8a.m.', '08:00'],
    ['11:45PM', '23:45'],
    ['24:00', 'invalid'],
    ['8:60', 'invalid'],
    ['0am', 'invalid'],
    ['８:００', 'invalid'],
    ['building', null],
    ['71', null],
  ])('parseTime(%j) = %j', (token, expected) => {
    expect(parseTime(token)).toBe(expected);
  });

  it.each([
    ['weekdays', [1, 2, 3, 4, 5]],
    ['SAT,sun', [6, 7]],
    ['tue', [2]],
    ['wed,wed,mon', [1, 3]],
    ['mon,,', 'invalid'],
    ['x,y', 'invalid'],
    ['at', null],
  ])('parseDays(%j) = %j', (token, expected) => {
    expect(parseDays(token)).toEqual(expected);
  });

  it('canonicalises valid IANA zones and refuses offsets and names it does not know', () => {
    expect(parseZone('america/new_york')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseZone('Australia/Lord_Howe')).toEqual({ ok: true, value: 'Australia/Lord_Howe' });
    expect(parseZone('Nowhere/Land').ok).toBe(false);
    expect(parseZone('').ok).toBe(false);
  });
});

describe('parseZone spelling', () => {
  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['america/port-au-prince', 'America/Port-au-Prince'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['etc/utc', 'Etc/UTC'],
  ])('%j -> %j', (token, expected) => {
    expect(parseZone(token)).toEqual({ ok: true, value: expected });
  });
});
