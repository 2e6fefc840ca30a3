/**
 * `/occupancy subscribe …`: open the form, or the text form
 * `subscribe building 71 above 120 [for 2h] [recover below 100] [#channel|me] [daily]`, where a
 * level may also be a share of the usual level: `above 130% of usual` (domain/baseline).
 */
import { echoQuoted, formatLevel } from '../blocks/mrkdwn';
import { ID_HINTS, badChannel, classifyChannel, classifyGranularity, duplicate, err, fail, ok, parseId, unexpected, type Parsed } from './args';
import type { ParsedCommand } from './types';
import { readGroup, type GroupArg } from './group';
import { subscribeWord } from './names';
import { defaultRecovery, type AlertGranularity } from '../../domain/subscription';
import type { Destination, MinDuration } from '../../domain/drafts';

export const MAX_THRESHOLD_PEOPLE = 1_000_000;
export const MAX_THRESHOLD_PERCENT = 1000;
export const MAX_DURATION_MINUTES = 7 * 24 * 60;
export const MAX_DURATION_BUCKETS = 168;

const FORM_HELP = 'The form is `subscribe building 71 above 120 [for 2h] [recover below 100] [#channel|me] [daily] [group Sales]`.';
const DURATION_HELP = 'Use minutes, hours or buckets, e.g. `for 90m`, `for 2h` or `for 3 buckets`.';
const THRESHOLD_HELP = 'Give a positive number of people, e.g. `above 120`, a share of capacity, e.g. `above 80%`, or a share of the usual level, e.g. `above 130% of usual`.';


interface Level {
  readonly value: number;
  readonly percent: boolean;
  /** "130% of usual": a share of the usual level, not of capacity. */
  readonly relative: boolean;
  readonly consumed: number;
  readonly text: string;
}

/** A level: "120", "80%", "80 %", "80 percent", "120 people", "130% of usual"; reads one to four words. */
function readLevel(tokens: readonly string[], at: number, reason: 'bad_threshold' | 'bad_recovery'): Parsed<Level> {
  const first = tokens[at];
  if (first === undefined) return err(reason, `Say the level after ${reason === 'bad_threshold' ? '`above` or `below`' : '`recover`'}. ${THRESHOLD_HELP}`);
  const m = /^(\d{1,9}(?:\.\d{1,3})?)(%?)$/.exec(first);
  if (!m) return err(reason, `${echoQuoted(first)} isn't a level I understand. ${THRESHOLD_HELP}`);
  const unit = tokens[at + 1]?.toLowerCase();
  const unitPercent = unit === '%' || unit === 'percent';
  const unitPeople = unit === 'people' || unit === 'persons' || unit === 'person';
  const percent = m[2] === '%' || unitPercent;
  const value = Number(m[1]);
  const max = percent ? MAX_THRESHOLD_PERCENT : MAX_THRESHOLD_PEOPLE;
  if (!Number.isFinite(value) || value <= 0 || value > max) {
    return err(reason, `${echoQuoted(first)} is out of range: levels are above 0 and at most ${max.toLocaleString('en-US')}${percent ? '%' : ''}. ${THRESHOLD_HELP}`);
  }
  const consumed = unitPercent || unitPeople ? 2 : 1;
  const relative = tokens[at + consumed]?.toLowerCase() === 'of' && tokens[at + consumed + 1]?.toLowerCase() === 'usual';
  if (relative && !percent) {
    return err(reason, `A level relative to usual is a percentage: say \`${formatLevel(value)}% of usual\`. ${THRESHOLD_HELP}`);
  }
  return ok({ value, percent, relative, consumed: consumed + (relative ? 2 : 0), text: relative ? `${first}${consumed === 2 ? ` ${tokens[at + 1] ?? ''}` : ''} of usual` : first });
}

const UNIT_MINUTES: Readonly<Record<string, number>> = {
  m: 1, min: 1, mins: 1, minute: 1, minutes: 1,
  h: 60, hr: 60, hrs: 60, hour: 60, hours: 60,
  d: 1440, day: 1440, days: 1440,
};

function readDuration(tokens: readonly string[], at: number): Parsed<{ duration: MinDuration; consumed: number }> {
  const first = tokens[at];
  if (first === undefined) return err('bad_duration', `Say how long after \`for\`. ${DURATION_HELP}`);
  const joined = /^(\d{1,5})([a-z]+)$/i.exec(first);
  const separate = /^\d{1,5}$/.test(first) ? tokens[at + 1] : undefined;
  const amount = Number(joined ? joined[1] : first);
  const unit = (joined ? joined[2] : separate)?.toLowerCase();
  const consumed = joined ? 1 : 2;
  const shown = joined ? first : `${first} ${separate ?? ''}`.trim();
  if (unit === undefined || !Number.isInteger(amount)) return err('bad_duration', `${echoQuoted(shown)} isn't a duration I understand. ${DURATION_HELP}`);
  if (unit === 'bucket' || unit === 'buckets') {
    if (amount < 1 || amount > MAX_DURATION_BUCKETS) {
      return err('bad_duration', `${echoQuoted(shown)} is out of range: from 1 to ${MAX_DURATION_BUCKETS} buckets. ${DURATION_HELP}`);
    }
    return ok({ duration: { unit: 'buckets', count: amount }, consumed });
  }
  const factor = UNIT_MINUTES[unit];
  if (factor === undefined) return err('bad_duration', `${echoQuoted(shown)} isn't a duration I understand. ${DURATION_HELP}`);
  const minutes = amount * factor;
  if (minutes < 1 || minutes > MAX_DURATION_MINUTES) {
    return err('bad_duration', `${echoQuoted(shown)} is out of range: from 1 minute to 1 week. ${DURATION_HELP}`);
  }
  return ok({ duration: { unit: 'minutes', minutes }, consumed });
}

export function parseSubscribe(rest: readonly string[]): ParsedCommand {
  const [scopeToken, idToken, ...clauses] = rest;
  if (scopeToken === undefined) return { kind: 'subscribe', action: 'modal' };
  const scope = scopeToken.toLowerCase();
  if (scope === 'list') return idToken === undefined ? { kind: 'subscriptions' } : unexpected(idToken, 'subscribe list', 'It takes nothing after it.');
  if (scope !== 'building' && scope !== 'zone') return unexpected(scopeToken, 'subscribe', FORM_HELP);
  if (idToken === undefined) {
    return fail('missing_argument', `Say which ${scope}, e.g. \`/occupancy subscribe ${scope} ${scope === 'building' ? 71 : 5} above 120\`. ${ID_HINTS[scope]}`);
  }
  const id = parseId(idToken, scope);
  if (!id.ok) return id.error;

  let level: (Level & { direction: 'above' | 'below' }) | null = null;
  let recovery: (Level & { direction: 'above' | 'below' | null }) | null = null;
  let minDuration: MinDuration | null = null;
  let granularity: AlertGranularity | null = null;
  let destination: Destination | null = null;
  let destinationToken = '';
  let group: GroupArg | null = null;
  for (let i = 0; i < clauses.length; i += 1) {
    const token = clauses[i] ?? '';
    const word = token.toLowerCase();
    const gr = readGroup(clauses.slice(i), subscribeWord);
    if (gr !== null) {
      if ('kind' in gr) return gr;
      if (group !== null) return duplicate('groups', group.text, gr.group.text, 'A rule watches one group.');
      group = gr.group;
      i += gr.used - 1;
    } else if (word === 'above' || word === 'below') {
      const read = readLevel(clauses, i + 1, 'bad_threshold');
      if (!read.ok) return read.error;
      if (level !== null) return duplicate('levels', `${level.direction} ${level.text}`, `${word} ${read.value.text}`, 'A rule has one threshold.');
      level = { ...read.value, direction: word };
      i += read.value.consumed;
    } else if (word === 'recover' || word === 'recovers' || word === 'recovery') {
      const dirWord = clauses[i + 1]?.toLowerCase();
      const direction = dirWord === 'above' || dirWord === 'below' ? dirWord : null;
      const read = readLevel(clauses, i + 1 + (direction ? 1 : 0), 'bad_recovery');
      if (!read.ok) return read.error;
      recovery = { ...read.value, direction };
      i += read.value.consumed + (direction ? 1 : 0);
    } else if (word === 'for') {
      const read = readDuration(clauses, i + 1);
      if (!read.ok) return read.error;
      minDuration = read.value.duration;
      i += read.value.consumed;
    } else if (word === 'daily' || word === 'hourly' || classifyGranularity(token) !== null) {
      const g = word === 'daily' ? 'P1D' : word === 'hourly' ? 'PT1H' : classifyGranularity(token);
      if (g !== 'PT1H' && g !== 'P1D') {
        return fail('bad_granularity', `Alerts are checked on hourly (\`PT1H\`, the default) or daily (\`daily\`) data, not ${echoQuoted(token)}. Leave it out or say \`daily\`.`);
      }
      granularity = g;
    } else if (word === 'me' || word === 'dm') {
      if (destination !== null) return duplicate('destinations', destinationToken, token, 'Say `me` or one channel.');
      destination = { kind: 'dm' };
      destinationToken = token;
    } else {
      const ch = classifyChannel(token);
      if (ch === 'invalid') return badChannel(token);
      if (ch === null) return unexpected(token, `subscribe ${scope} ${id.value}`, FORM_HELP);
      if (destination !== null) return duplicate('destinations', destinationToken, token, 'Say `me` or one channel.');
      destination = { kind: 'channel', channel: ch };
      destinationToken = token;
    }
  }

  if (level === null) {
    return fail('missing_argument', `Say when to alert, e.g. \`/occupancy subscribe ${scope} ${id.value} above 120\` or \`… below 10\`.`);
  }
  const safeSide = level.direction === 'above' ? 'below' : 'above';
  // A relative rule counts people and compares them with the usual number: its levels are % of usual.
  const measure = level.percent && !level.relative ? 'percent' : 'people';
  const unitWords = level.relative ? '% of usual' : level.percent ? '% of capacity' : 'people';
  let recoveryValue = defaultRecovery(level.value, level.direction);
  if (recovery !== null) {
    const example = `\`recover ${safeSide} ${Math.round(defaultRecovery(level.value, level.direction))}${level.percent ? '%' : ''}${level.relative ? ' of usual' : ''}\``;
    if (recovery.direction !== null && recovery.direction !== safeSide) {
      return fail('bad_recovery', `A rule that alerts ${level.direction} a level recovers ${safeSide} it, not ${recovery.direction}. Try ${example}.`);
    }
    // "recover below 117%" after "above 130% of usual" means 117% of usual: the unit is the threshold's.
    if (recovery.percent !== level.percent || (recovery.relative && !level.relative)) {
      return fail('bad_recovery', `The recovery level must use the same unit as the threshold (${unitWords}). Try ${example}.`);
    }
    const safe = level.direction === 'above' ? recovery.value < level.value : recovery.value > level.value;
    if (!safe) {
      const unit = level.relative ? '% of usual' : level.percent ? '%' : '';
      return fail(
        'bad_recovery',
        `The recovery level (${formatLevel(recovery.value)}${unit}) must be ${safeSide} the threshold (${formatLevel(level.value)}${unit}), or the alert could never end. Try ${example}, or leave it out.`,
      );
    }
    recoveryValue = recovery.value;
  }
  return {
    kind: 'subscribe',
    action: 'add',
    draft: {
      scope: { kind: scope, id: id.value },
      measure,
      direction: level.direction,
      ...(level.relative ? { thresholdKind: 'relative' as const } : {}),
      threshold: level.value,
      recovery: recoveryValue,
      minDuration: minDuration ?? { unit: 'buckets', count: 1 },
      granularity: granularity ?? 'PT1H',
      destination: destination ?? { kind: 'dm' },
      quietHours: null,
      renotifyMinutes: null,
      ...(group !== null ? { group: group.text } : {}),
    },
  };
}
