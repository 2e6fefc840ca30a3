import { MAX_COMMAND_LENGTH, parseCommand, tokenize, type ParsedCommand } from '../../../../src/slack/parser';

const BUILDINGS_HINT = '`/occupancy buildings` lists the ones you can see.';

describe('parseCommand: the look-up subcommands', () => {
  const valid: [string, ParsedCommand][] = [
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['buildings', { kind: 'buildings' }],
    ['building 71', { kind: 'building', id: 71, date: null, granularity: 'PT1H' }],
    ['  building   71  ', { kind: 'building', id: 71, date: null, granularity: 'PT1H' }],
    ['Building 071', { kind: 'building', id: 71, date: null, granularity: 'PT1H' }],
    ['building 71 yesterday', { kind: 'building', id: 71, date: { form: 'yesterday', text: 'yesterday' }, granularity: 'PT1H' }],
    ['building 71 today p1d', { kind: 'building', id: 71, date: { form: 'today', text: 'today' }, granularity: 'P1D' }],
    ['building 71 pt15m 2025-11-20', { kind: 'building', id: 71, date: { form: 'iso', text: '2025-11-20' }, granularity: 'PT15M' }],
    ['building 71 Mon', { kind: 'building', id: 71, date: { form: 'weekday', text: 'monday', weekday: 1 }, granularity: 'PT1H' }],
    ['building 71 thursday PT1H', { kind: 'building', id: 71, date: { form: 'weekday', text: 'thursday', weekday: 4 }, granularity: 'PT1H' }],
    ['building 2147483647', { kind: 'building', id: 2147483647, date: null, granularity: 'PT1H' }],
    ['zone 5', { kind: 'zone', id: 5, date: null, granularity: 'PT1H' }],
    ['zone 5 sun', { kind: 'zone', id: 5, date: { form: 'weekday', text: 'sunday', weekday: 7 }, granularity: 'PT1H' }],
    ['zones 71', { kind: 'zones', buildingId: 71, date: null }],
    ['zones 71 2025-02-28', { kind: 'zones', buildingId: 71, date: { form: 'iso', text: '2025-02-28' } }],
    ['subscriptions', { kind: 'subscriptions' }],
    ['unsubscribe 7', { kind: 'unsubscribe', id: 7 }],
    ['unsubscribe #7', { kind: 'unsubscribe', id: 7 }],
  ];

  it.each(valid)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('parseCommand: the bad-input table', () => {
  const invalid: [string, string, string][] = [
    ['building', 'missing_argument', `\`/occupancy building\` needs a building id, e.g. \`/occupancy building 71\`. ${BUILDINGS_HINT}`],
    ['building abc', 'not_a_number', `"abc" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`],
    ['building -5', 'negative', `"-5" isn't a building id: ids are positive whole numbers. ${BUILDINGS_HINT}`],
    ['building 0', 'zero', `"0" isn't a building id: ids start at 1. ${BUILDINGS_HINT}`],
    ['building 000', 'zero', `"000" isn't a building id: ids start at 1. ${BUILDINGS_HINT}`],
    ['building 7.5', 'not_whole', `"7.5" isn't a building id: ids are whole numbers. ${BUILDINGS_HINT}`],
    ['building 1e3', 'not_whole', `"1e3" isn't a building id: ids are whole numbers. ${BUILDINGS_HINT}`],
    ['building 1234567890123', 'too_large', `"1234567890123" isn't a building id: that is longer than any id (12 digits at most). ${BUILDINGS_HINT}`],
    ['building 99999999999999999999999', 'too_large', `"99999999999999999999999" isn't a building id: that is longer than any id (12 digits at most). ${BUILDINGS_HINT}`],
    ['building 2147483648', 'too_large', `"2147483648" isn't a building id: InnerSpace ids go up to 2147483647. ${BUILDINGS_HINT}`],
    ['zone 999999999999', 'too_large', `"999999999999" isn't a zone id: InnerSpace ids go up to 2147483647. \`/occupancy zones &lt;building id&gt;\` lists the zones of a building.`],
    ['building ٧١', 'non_ascii_digits', `"٧١" isn't a building id: please type it with the digits 0–9. ${BUILDINGS_HINT}`],
    ['building ７１', 'non_ascii_digits', `"７１" isn't a building id: please type it with the digits 0–9. ${BUILDINGS_HINT}`],
    ['building <!channel>', 'not_a_number', `"&lt;!channel&gt;" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`],
    ['building &lt;!channel&gt;', 'not_a_number', `"&lt;!channel&gt;" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`],
    ['building <https://x|y>', 'not_a_number', `"&lt;https://x|y&gt;" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`],
    ['building <https://evil.example|click here>', 'not_a_number', `"&lt;https://evil.example|click here&gt;" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`],
    ['building 71 2025-13-40', 'bad_date', '"2025-13-40" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['building 71 2025-02-30', 'bad_date', '"2025-02-30" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['building 71 25/11/2025', 'bad_date', '"25/11/2025" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['building 71 tomorrow', 'bad_date', '"tomorrow" isn\'t a date I understand. Try `yesterday`, `monday` or `2025-11-20`.'],
    ['building 71 PT5M', 'bad_granularity', '"PT5M" isn\'t a granularity I know. Use `PT15M`, `PT1H` (the default) or `P1D`.'],
    ['building 71 P1W', 'bad_granularity', '"P1W" isn\'t a granularity I know. Use `PT15M`, `PT1H` (the default) or `P1D`.'],
    [
      'building 71 <!here>',
      'unexpected_argument',
      'I didn\'t understand "&lt;!here&gt;" after `building 71`. Add a date (`yesterday`, `monday`, `2025-11-20`) and, if you like, a granularity (`PT15M`, `PT1H`, `P1D`).',
    ],
    ['building 71 monday tuesday', 'duplicate_argument', 'You gave two dates ("monday" and "tuesday"). Give one date, e.g. `/occupancy building 71 yesterday`.'],
    ['building 71 PT1H P1D', 'duplicate_argument', 'You gave two granularities ("PT1H" and "P1D"). Give one, e.g. `/occupancy building 71 yesterday PT15M`.'],
    ['zone', 'missing_argument', '`/occupancy zone` needs a zone id, e.g. `/occupancy zone 5`. `/occupancy zones &lt;building id&gt;` lists the zones of a building.'],
    ['zones 71 PT15M', 'unexpected_argument', 'I didn\'t understand "PT15M" after `zones 71`. Add a date if you like: `yesterday`, `monday` or `2025-11-20`.'],
    ['buildings 71', 'unexpected_argument', 'I didn\'t understand "71" after `buildings`. `/occupancy buildings` takes nothing after it.'],
    ['unsubscribe', 'missing_argument', '`/occupancy unsubscribe` needs a subscription number, e.g. `/occupancy unsubscribe 7`. `/occupancy subscriptions` lists yours.'],
    ['unsubscribe #x', 'not_a_number', '"#x" isn\'t a subscription id: ids are whole numbers like 71. `/occupancy subscriptions` lists yours.'],
  ];

  it.each(invalid)('%j -> %s', (text, reason, message) => {
    expect(parseCommand(text)).toEqual({ kind: 'error', reason, message });
  });

  it('refuses 10,000 characters without echoing them', () => {
    const result = parseCommand('building ' + '7'.repeat(9991));
    expect(result).toEqual({
      kind: 'error',
      reason: 'too_long',
      message: 'That command is 10,000 characters long, more than the 500 I read. `/occupancy help` shows the short forms that work.',
    });
  });

  it('reads text of exactly the maximum length', () => {
    const text = `building 71${' '.repeat(MAX_COMMAND_LENGTH - 11)}`;
    expect(text).toHaveLength(MAX_COMMAND_LENGTH);
    expect(parseCommand(text)).toEqual({ kind: 'building', id: 71, date: null, granularity: 'PT1H' });
  });

  it('cuts a long echoed token to 40 characters', () => {
    const result = parseCommand(`building &amp;&amp;${'x'.repeat(100)}`);
    expect(result).toEqual({
      kind: 'error',
      reason: 'not_a_number',
      message: `"&amp;&amp;${'x'.repeat(37)}…" isn't a building id: ids are whole numbers like 71. ${BUILDINGS_HINT}`,
    });
  });

  it('never lets a backtick close the code span of an unknown word', () => {
    expect(parseCommand('fo`o <@U1>')).toEqual({ kind: 'unknown', word: 'fo`o', message: "I didn't understand `fo'o`." });
  });
});

describe('parseCommand: unknown subcommands', () => {
  it.each([
    ['foo', { kind: 'unknown', word: 'foo', message: "I didn't understand `foo`." }],
    ['buidling 71', { kind: 'unknown', word: 'buidling', message: "I didn't understand `buidling`. Did you mean `building`?", suggestion: 'building 71' }],
    // The nearest, not the first within reach: `buildings` is two edits away, `building` one.
    ['buildng 71', { kind: 'unknown', word: 'buildng', message: "I didn't understand `buildng`. Did you mean `building`?", suggestion: 'building 71' }],
    ['zoness 71 yesterday', { kind: 'unknown', word: 'zoness', message: "I didn't understand `zoness`. Did you mean `zones`?", suggestion: 'zones 71 yesterday' }],
    ['<!channel>', { kind: 'unknown', word: '<!channel>', message: "I didn't understand `&lt;!channel&gt;`." }],
    ['&lt;!channel&gt;', { kind: 'unknown', word: '&lt;!channel&gt;', message: "I didn't understand `&lt;!channel&gt;`." }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe('tokenize', () => {
  it('keeps Slack mentions and links whole and joins comma lists', () => {
    expect(tokenize('digest add <#C1|general> <https://x|y z> mon, wed ,fri')).toEqual([
      'digest',
      'add',
      '<#C1|general>',
      '<https://x|y z>',
      'mon,wed,fri',
    ]);
  });
});
