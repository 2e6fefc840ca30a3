import type { SubscriptionDraft } from '../../../../src/domain/drafts';
import { parseCommand, type ParsedCommand } from '../../../../src/slack/parser';
import { minDurationBuckets } from '../../../../src/domain/subscription';

function rule(overrides: Partial<SubscriptionDraft>): ParsedCommand {
  return {
    kind: 'subscribe',
    action: 'add',
    draft: {
      scope: { kind: 'building', id: 71 },
      measure: 'people',
      direction: 'above',
      threshold: 120,
      recovery: 108,
      minDuration: { unit: 'buckets', count: 1 },
      granularity: 'PT1H',
      destination: { kind: 'dm' },
      quietHours: null,
      renotifyMinutes: null,
      ...overrides,
    },
  };
}

describe('parseCommand: subscribe', () => {
  const valid: [string, ParsedCommand][] = [
    ['subscribe', { kind: 'subscribe', action: 'modal' }],
    ['subscribe list', { kind: 'subscriptions' }],
    ['subscribe building 71 above 120', rule({})],
    ['subscribe building 71 above 120 people', rule({})],
    ['subscribe building 71 above 110', rule({ threshold: 110, recovery: 99 })],
    ['subscribe building 71 above 12.5', rule({ threshold: 12.5, recovery: 11.25 })],
    ['subscribe zone 5 below 10', rule({ scope: { kind: 'zone', id: 5 }, direction: 'below', threshold: 10, recovery: 11 })],
    ['subscribe building 71 above 80%', rule({ measure: 'percent', threshold: 80, recovery: 72 })],
    ['subscribe building 71 above 80 percent recover below 70%', rule({ measure: 'percent', threshold: 80, recovery: 70 })],
    ['subscribe building 71 above 120 for 2h', rule({ minDuration: { unit: 'minutes', minutes: 120 } })],
    ['subscribe building 71 above 120 for 90m', rule({ minDuration: { unit: 'minutes', minutes: 90 } })],
    ['subscribe building 71 above 120 for 2 hours', rule({ minDuration: { unit: 'minutes', minutes: 120 } })],
    ['subscribe building 71 above 120 for 3 buckets', rule({ minDuration: { unit: 'buckets', count: 3 } })],
    ['subscribe building 71 above 120 recover below 100', rule({ recovery: 100 })],
    ['subscribe building 71 above 120 recover 100', rule({ recovery: 100 })],
    ['subscribe building 71 above 120 me', rule({})],
    ['subscribe building 71 above 120 #facilities', rule({ destination: { kind: 'channel', channel: { kind: 'name', name: 'facilities' } } })],
    [
      'subscribe building 71 above 120 <#C0FACILITY|facilities>',
      rule({ destination: { kind: 'channel', channel: { kind: 'id', id: 'C0FACILITY', name: 'facilities' } } }),
    ],
    ['subscribe building 71 above 120 daily', rule({ granularity: 'P1D' })],
    ['subscribe building 71 above 120 P1D', rule({ granularity: 'P1D' })],
    [
      'subscribe building 71 above 120 for 2h recover below 100 #facilities daily',
      rule({ recovery: 100, minDuration: { unit: 'minutes', minutes: 120 }, granularity: 'P1D', destination: { kind: 'channel', channel: { kind: 'name', name: 'facilities' } } }),
    ],
    ['subscribe zone 5 below 10 recover above 15 for 1 bucket', rule({ scope: { kind: 'zone', id: 5 }, direction: 'below', threshold: 10, recovery: 15 })],
    // Relative to usual: people counted, levels are % of the usual level.
    ['subscribe building 71 above 130% of usual', rule({ thresholdKind: 'relative', threshold: 130, recovery: 117 })],
    ['subscribe building 71 above 130 % of usual for 2h', rule({ thresholdKind: 'relative', threshold: 130, recovery: 117, minDuration: { unit: 'minutes', minutes: 120 } })],
    ['subscribe building 71 above 130 percent OF USUAL', rule({ thresholdKind: 'relative', threshold: 130, recovery: 117 })],
    ['subscribe zone 5 below 70% of usual daily', rule({ scope: { kind: 'zone', id: 5 }, thresholdKind: 'relative', direction: 'below', threshold: 70, recovery: 77, granularity: 'P1D' })],
    ['subscribe building 71 above 130% of usual recover below 110%', rule({ thresholdKind: 'relative', threshold: 130, recovery: 110 })],
    ['subscribe building 71 above 130% of usual recover below 110% of usual #facilities', rule({
      thresholdKind: 'relative', threshold: 130, recovery: 110, destination: { kind: 'channel', channel: { kind: 'name', name: 'facilities' } },
    })],
  ];

  it.each(valid)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  const FORM = 'The form is `subscribe building 71 above 120 [for 2h] [recover below 100] [#channel|me] [daily] [group Sales]`.';
  const LEVEL_HELP =
    'Give a positive number of people, e.g. `above 120`, a share of capacity, e.g. `above 80%`, or a share of the usual level, e.g. `above 130% of usual`.';
  const DURATION_HELP = 'Use minutes, hours or buckets, e.g. `for 90m`, `for 2h` or `for 3 buckets`.';
  const invalid: [string, string, string][] = [
    ['subscribe floor 3 above 10', 'unexpected_argument', `I didn't understand "floor" after \`subscribe\`. ${FORM}`],
    ['subscribe building', 'missing_argument', 'Say which building, e.g. `/occupancy subscribe building 71 above 120`. `/occupancy buildings` lists the ones you can see.'],
    ['subscribe building ٧١ above 10', 'non_ascii_digits', '"٧١" isn\'t a building id: please type it with the digits 0–9. `/occupancy buildings` lists the ones you can see.'],
    ['subscribe building 71', 'missing_argument', 'Say when to alert, e.g. `/occupancy subscribe building 71 above 120` or `… below 10`.'],
    ['subscribe building 71 above', 'bad_threshold', `Say the level after \`above\` or \`below\`. ${LEVEL_HELP}`],
    ['subscribe building 71 above lots', 'bad_threshold', `"lots" isn't a level I understand. ${LEVEL_HELP}`],
    ['subscribe building 71 above -5', 'bad_threshold', `"-5" isn't a level I understand. ${LEVEL_HELP}`],
    ['subscribe building 71 above 0', 'bad_threshold', `"0" is out of range: levels are above 0 and at most 1,000,000. ${LEVEL_HELP}`],
    ['subscribe building 71 above 2000%', 'bad_threshold', `"2000%" is out of range: levels are above 0 and at most 1,000%. ${LEVEL_HELP}`],
    ['subscribe building 71 above 1e309', 'bad_threshold', `"1e309" isn't a level I understand. ${LEVEL_HELP}`],
    ['subscribe building 71 above 120 below 10', 'duplicate_argument', 'You gave two levels ("above 120" and "below 10"). A rule has one threshold.'],
    [
      'subscribe building 71 above 120 recover below 130',
      'bad_recovery',
      'The recovery level (130) must be below the threshold (120), or the alert could never end. Try `recover below 108`, or leave it out.',
    ],
    [
      'subscribe building 71 above 120 recover below 120',
      'bad_recovery',
      'The recovery level (120) must be below the threshold (120), or the alert could never end. Try `recover below 108`, or leave it out.',
    ],
    [
      'subscribe zone 5 below 10 recover above 5',
      'bad_recovery',
      'The recovery level (5) must be above the threshold (10), or the alert could never end. Try `recover above 11`, or leave it out.',
    ],
    [
      'subscribe building 71 above 120 recover above 100',
      'bad_recovery',
      'A rule that alerts above a level recovers below it, not above. Try `recover below 108`.',
    ],
    [
      'subscribe building 71 above 80% recover below 70',
      'bad_recovery',
      'The recovery level must use the same unit as the threshold (% of capacity). Try `recover below 72%`.',
    ],
    ['subscribe building 71 above 120 recover', 'bad_recovery', `Say the level after \`recover\`. ${LEVEL_HELP}`],
    ['subscribe building 71 above 130 of usual', 'bad_threshold', `A level relative to usual is a percentage: say \`130% of usual\`. ${LEVEL_HELP}`],
    ['subscribe building 71 above 2000% of usual', 'bad_threshold', `"2000%" is out of range: levels are above 0 and at most 1,000%. ${LEVEL_HELP}`],
    [
      'subscribe building 71 above 130% of usual recover below 100',
      'bad_recovery',
      'The recovery level must use the same unit as the threshold (% of usual). Try `recover below 117% of usual`.',
    ],
    [
      'subscribe building 71 above 80% recover below 70% of usual',
      'bad_recovery',
      'The recovery level must use the same unit as the threshold (% of capacity). Try `recover below 72%`.',
    ],
    [
      'subscribe building 71 above 130% of usual recover below 140%',
      'bad_recovery',
      'The recovery level (140% of usual) must be below the threshold (130% of usual), or the alert could never end. Try `recover below 117% of usual`, or leave it out.',
    ],
    ['subscribe building 71 above 130% of usual below 70% of usual', 'duplicate_argument', 'You gave two levels ("above 130% of usual" and "below 70% of usual"). A rule has one threshold.'],
    ['subscribe building 71 above 120 for', 'bad_duration', `Say how long after \`for\`. ${DURATION_HELP}`],
    ['subscribe building 71 above 120 for ever', 'bad_duration', `"ever" isn't a duration I understand. ${DURATION_HELP}`],
    ['subscribe building 71 above 120 for 2 fortnights', 'bad_duration', `"2 fortnights" isn't a duration I understand. ${DURATION_HELP}`],
    ['subscribe building 71 above 120 for 0h', 'bad_duration', `"0h" is out of range: from 1 minute to 1 week. ${DURATION_HELP}`],
    ['subscribe building 71 above 120 for 8d', 'bad_duration', `"8d" is out of range: from 1 minute to 1 week. ${DURATION_HELP}`],
    ['subscribe building 71 above 120 for 500 buckets', 'bad_duration', `"500 buckets" is out of range: from 1 to 168 buckets. ${DURATION_HELP}`],
    [
      'subscribe building 71 above 120 PT15M',
      'bad_granularity',
      'Alerts are checked on hourly (`PT1H`, the default) or daily (`daily`) data, not "PT15M". Leave it out or say `daily`.',
    ],
    ['subscribe building 71 above 120 me #ops', 'duplicate_argument', 'You gave two destinations ("me" and "#ops"). Say `me` or one channel.'],
    ['subscribe building 71 above 120 <@U123>', 'unexpected_argument', `I didn't understand "&lt;@U123&gt;" after \`subscribe building 71\`. ${FORM}`],
    ['subscribe building 71 above 120 #', 'bad_channel', '"#" isn\'t a channel I can use. Pick one with `#` so Slack links it, e.g. `#facilities`.'],
  ];

  it.each(invalid)('%j -> %s', (text, reason, message) => {
    expect(parseCommand(text)).toEqual({ kind: 'error', reason, message });
  });
});

describe('minDurationBuckets', () => {
  it.each([
    [{ unit: 'buckets', count: 3 } as const, 'PT1H' as const, 3],
    [{ unit: 'minutes', minutes: 120 } as const, 'PT1H' as const, 2],
    [{ unit: 'minutes', minutes: 90 } as const, 'PT1H' as const, 2],
    [{ unit: 'minutes', minutes: 30 } as const, 'PT1H' as const, 1],
    [{ unit: 'minutes', minutes: 120 } as const, 'P1D' as const, 1],
    [{ unit: 'minutes', minutes: 2880 } as const, 'P1D' as const, 2],
  ])('%j at %s = %d', (duration, granularity, expected) => {
    expect(minDurationBuckets(duration, granularity)).toBe(expected);
  });
});
