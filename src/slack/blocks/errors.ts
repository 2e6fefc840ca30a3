/**
 * The one place where errors become words: what went wrong, then what to do. It reads the typed
 * errors of src/errors and what the user was asking about; never a stack trace or an upstream
 * message, the code itself only as a small line for support. Alerts, digest commands and the
 * digest form have a few refusals of their own, worded here too.
 */
import { formatDay, parseIsoDate, type IsoDate } from '../../domain/time';
import {
  BadInputError,
  CannotPostError,
  ChannelNameError,
  DateInputError,
  GroupInputError,
  ForbiddenError,
  NoCapacityError,
  NoDataError,
  NotFoundError,
  OwnerPresentError,
  CompareMixError,
  RangeInputError,
  RangeNoDataError,
  SlackCallError,
  StaleFormError,
  SubscriptionRemovedError,
  type AppError,
  type ErrorCode,
  type SlackFailureKind,
} from '../../errors';
import { DIGEST_FIELDS } from './ids';
import { context, message, section, type KnownBlock, type SlackMessage } from './kit';
import { refusalReason } from './refusal-words';
import { OUTCOME_UNKNOWN_ERRORS, refusalReach } from '../../services/refusals';
import { channelMention, echoCode, echoQuoted, escapeMrkdwn, readerDate, safeName, userMention } from './mrkdwn';
import { dayTimeOf } from './format';

export type ErrorSubjectKind = 'building' | 'zone' | 'zones' | 'buildings' | 'groups' | 'digest' | 'subscription';

/** The kind of conversation a slash command came from, as its `channel_name` tells. */
export type ConversationKind = 'channel' | 'dm' | 'group_dm';

/** What the user was asking about; what the error itself says about its subject comes first. */
export interface ErrorContext {
  readonly kind?: ErrorSubjectKind;
  readonly id?: number;
  /** The channel concerned, for errors that do not name one. */
  readonly channelId?: string;
  /** The conversation the request came from. */
  readonly origin?: { readonly channelId: string; readonly conversation: ConversationKind };
}

/** What the words depend on: the error's typed fields over the context. */
interface Facts extends ErrorContext {
  /** NO_DATA: the day asked about and the latest published day. */
  readonly date?: IsoDate;
  readonly dataThrough?: IsoDate;
  /** NO_DATA: the day is after the latest published one. */
  readonly notPublishedYet?: boolean;
  /** FORBIDDEN: who set the thing up. */
  readonly ownerId?: string;
  /** FORBIDDEN: a take-over refused because that person is still in the workspace. */
  readonly ownerPresent?: boolean;
  /** NO_DATA: the day asked about is today, still under way. */
  readonly isToday?: boolean;
  /** SLACK_API: Slack's `error` string (not_in_channel, channel_not_found, is_archived…). */
  readonly slackError?: string;
  /** SLACK_API: whether Slack refused, asked to slow down, or left the outcome unknown. */
  readonly slackKind?: SlackFailureKind;
}

const SUPPORT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UPSTREAM_AUTH', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_BAD_REQUEST',
  'UPSTREAM_GRAPHQL', 'UPSTREAM_BAD_DATA', 'SLACK_API', 'STORAGE', 'CONFLICT', 'INTERNAL', 'CONFIG_INVALID',
]);

function factsOf(error: AppError, ctx: ErrorContext): Facts {
  if (error instanceof NotFoundError) return { ...ctx, kind: error.kind ?? ctx.kind, id: error.id ?? ctx.id };
  if (error instanceof NoDataError) {
    const dataThrough = error.dataThrough === null ? undefined : calendarDay(error.dataThrough);
    return { ...ctx, kind: error.kind, id: error.id, date: calendarDay(error.date), dataThrough, notPublishedYet: error.notPublishedYet, isToday: error.isToday };
  }
  if (error instanceof OwnerPresentError) return { ...ctx, ownerId: error.ownerId, ownerPresent: true };
  if (error instanceof ForbiddenError) return { ...ctx, channelId: error.channelId ?? ctx.channelId, ...(error.ownerId ? { ownerId: error.ownerId } : {}) };
  if (error instanceof CannotPostError) return { ...ctx, channelId: error.channelId, slackError: error.slackError };
  if (error instanceof SlackCallError) return { ...ctx, slackError: error.slackError ?? undefined, slackKind: error.kind };
  return ctx;
}

/** A day that is not a calendar date is left unsaid rather than misprinted. */
function calendarDay(date: IsoDate): IsoDate | undefined {
  return parseIsoDate(date) === null ? undefined : date;
}

function subject(ctx: Facts): string {
  const id = ctx.id;
  switch (ctx.kind) {
    case 'building':
      return id === undefined ? 'that building' : `building ${id}`;
    case 'zone':
      return id === undefined ? 'that zone' : `zone ${id}`;
    case 'zones':
      return id === undefined ? 'those zones' : `the zones of building ${id}`;
    case 'buildings':
      return 'your buildings';
    case 'groups':
      return 'the groups';
    case 'digest':
      return id === undefined ? 'that digest' : `digest #${id}`;
    case 'subscription':
      return id === undefined ? 'that subscription' : `subscription #${id}`;
    default:
      return 'that';
  }
}

/** "look up building 71", "prepare digest #3", "check subscription #7", or "finish that". */
function task(ctx: Facts): string {
  if (ctx.kind === undefined) return 'finish that';
  if (ctx.kind === 'digest') return `prepare ${subject(ctx)}`;
  if (ctx.kind === 'subscription') return `check ${subject(ctx)}`;
  return `look up ${subject(ctx)}`;
}

function notFound(ctx: Facts): string {
  switch (ctx.kind) {
    case 'building':
    case 'zones':
      return `I couldn't find ${ctx.id === undefined ? 'that building' : `building ${ctx.id}`}. \`/occupancy buildings\` lists the ones you can see.`;
    case 'zone':
      return `I couldn't find ${subject(ctx)}. \`/occupancy zones &lt;building id&gt;\` lists the zones of a building.`;
    case 'digest':
      return `I couldn't find ${subject(ctx)}. \`/occupancy digest list\` shows this channel's digests.`;
    case 'subscription':
      return `I couldn't find ${subject(ctx)}. \`/occupancy subscriptions\` lists yours.`;
    default:
      return "I couldn't find that. `/occupancy help` shows what you can ask.";
  }
}

function removedSubscription(error: SubscriptionRemovedError): string {
  const when = readerDate(error.removedAt, `${dayTimeOf(error.removedAt, 'UTC')} UTC`);
  return `Rule #${error.id ?? ''} was deleted by ${userMention(error.removedBy)} on ${when}, so there is nothing left to change. \`/occupancy subscriptions\` lists the alerts you have.`;
}

function retryCommand(ctx: Facts, date: IsoDate): string | null {
  if (ctx.id === undefined) return null;
  if (ctx.kind === 'building' || ctx.kind === 'zone') return `\`/occupancy ${ctx.kind} ${ctx.id} ${date}\``;
  if (ctx.kind === 'zones') return `\`/occupancy zones ${ctx.id} ${date}\``;
  return null;
}

function noData(ctx: Facts): string {
  // The latest published day is named only when it is another day than the one asked about,
  // so the two sentences never contradict each other.
  const latest = ctx.dataThrough && ctx.dataThrough !== ctx.date ? ctx.dataThrough : undefined;
  const retry = latest ? retryCommand(ctx, latest) : null;
  const next =
    latest && retry
      ? `The latest published day is ${formatDay(latest)}: try ${retry}.`
      : 'Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.';
  if (ctx.isToday && ctx.date) {
    // The first thing people ask; "no data" would read as a fault. Say how publishing works.
    return `Today (${formatDay(ctx.date)}) isn't published yet for ${subject(ctx)}: InnerSpace publishes each day's occupancy overnight, once the day is over in the building's time zone. ${next}`;
  }
  if (ctx.notPublishedYet && ctx.date) return `${formatDay(ctx.date)} is not published yet for ${subject(ctx)}. ${next}`;
  const what = ctx.date ? `for ${subject(ctx)} on ${formatDay(ctx.date)}` : `for ${subject(ctx)} yet`;
  return `No occupancy data was published ${what}. ${next}`;
}

/** A name after `group` that fits none (every group listed) or several (the candidates). */
function groupInput(error: GroupInputError): string {
  const names = error.choices.slice(0, 40).map((g) => `*${safeName(g.name, 60)}*`);
  const list = names.length > 0 ? names.join(', ') : 'none';
  if (error.reason === 'ambiguous') {
    const more = error.total > error.choices.length ? `, and ${error.total - error.choices.length} more` : '';
    const first = error.choices[0]?.name ?? '';
    const example = escapeMrkdwn(first.includes(' ') ? `"${first}"` : first);
    return `The group ${echoQuoted(error.input)} fits several: ${list}${more}. Say which, e.g. \`group ${example}\`.`;
  }
  return `I couldn't find a group called ${echoQuoted(error.input)}. The groups are: ${list}. \`/occupancy groups\` lists them.`;
}

function badInput(error: AppError): string {
  if (error instanceof GroupInputError) return groupInput(error);
  if (!(error instanceof DateInputError)) return "Something in that request isn't valid. `/occupancy help` shows what works.";
  const word = error.input ? echoQuoted(error.input) : 'That date';
  switch (error.reason) {
    case 'future':
      return `${word} hasn't been published yet: data arrives nightly. Try \`yesterday\` or an earlier date.`;
    case 'too_old':
      return `${word} is before any data I can look up. Try a date from this year, such as \`2025-11-20\`.`;
    case 'invalid_date':
    case 'unrecognised':
      return `${word} isn't a date I understand. Try \`yesterday\`, \`monday\` or \`2025-11-20\`.`;
  }
}

/** "Mon 16 – Sun 22 Nov" for the words of range errors. */
function spanWords(from: IsoDate, to: IsoDate): string {
  return from === to ? formatDay(from) : `${formatDay(from)} – ${formatDay(to)}`;
}

function rangeNoData(error: RangeNoDataError): string {
  const who = `${error.kind} ${error.id}`;
  const asked = error.words ? `${echoCode(error.words)} (${spanWords(error.from, error.to)})` : spanWords(error.from, error.to);
  const latest = error.dataThrough !== null && parseIsoDate(error.dataThrough) !== null ? error.dataThrough : null;
  const next = latest
    ? `The latest published day is ${formatDay(latest)}: try \`/occupancy ${who} last 7 days\` or \`/occupancy ${who} ${latest}\`.`
    : 'Data is published nightly; try an earlier range, such as `last month`.';
  if (error.notPublishedYet) return `No day of ${asked} is published yet for ${who}. ${next}`;
  return `No occupancy data was published for ${who} in ${asked}. ${next}`;
}

function rangeInput(error: RangeInputError): string {
  const word = echoQuoted(error.input);
  return error.reason === 'future'
    ? `${word} ends in the future: data is published nightly, so a range can't end after today. Give an earlier end date, or try \`last 4 weeks\`.`
    : `${word} starts before any data I can look up. Try a later start, or \`last month\`.`;
}

function compareMix(error: CompareMixError): string {
  const list = (ids: readonly number[]) => ids.join(', ');
  const zones = error.zoneIds.length === 1 ? `zone ${error.zoneIds[0]}` : `zones ${list(error.zoneIds)}`;
  const buildings = error.buildingIds.length === 1 ? `building ${error.buildingIds[0]}` : `buildings ${list(error.buildingIds)}`;
  return `I compare buildings with buildings and zones with zones, and that names ${buildings} and ${zones}. Try \`/occupancy compare ${list(error.buildingIds)} …\` or \`/occupancy compare zones ${list(error.zoneIds)} …\` with at least two of one kind.`;
}

function slackApi(ctx: Facts): string {
  const where = ctx.channelId ? channelMention(ctx.channelId) : 'that channel';
  const here = ctx.origin && ctx.origin.channelId === ctx.channelId ? ctx.origin.conversation : 'channel';
  if (here !== 'channel' && (ctx.slackError === 'channel_not_found' || ctx.slackError === 'not_in_channel')) {
    return here === 'dm'
      ? "I can't post in a direct message between other people. Set this up in a channel (name it, like `#facilities`) or in your direct messages with me."
      : "I'm not part of this group DM, so I can't post here. Set this up in a channel (name it, like `#facilities`) or in your direct messages with me.";
  }
  switch (ctx.slackError) {
    case 'not_in_channel':
      return `I'm not a member of ${where}, so I can't post there. Invite me with \`/invite @occupancy\` and try again.`;
    case 'channel_not_found':
      return `I can't see ${where}: it may be private or deleted. Invite me to it with \`/invite @occupancy\`, or pick another channel.`;
    case 'is_archived':
      return `${where} is archived, so I can't post there. Unarchive it or pick another channel.`;
  }
  if (ctx.slackError === 'expired_url') {
    return "Slack no longer takes answers to that message: its reply link lasts 30 minutes and 5 uses. Ask again with `/occupancy`.";
  }
  if (ctx.slackError === 'expired_trigger_id' || ctx.slackError === 'exchanged_trigger_id' || ctx.slackError === 'invalid_trigger_id') {
    return "The form didn't open: Slack gives me three seconds for that and the moment passed. Try again.";
  }
  if (ctx.slackKind === 'rate_limited') return 'Slack asked me to slow down. Try again in a minute.';
  // fatal_error and internal_error: Slack says part of the call may have succeeded, whoever reports it.
  if (ctx.slackKind === 'unknown' || ctx.slackError === undefined || OUTCOME_UNKNOWN_ERRORS.has(ctx.slackError)) {
    return "Slack didn't confirm that (no answer in time, or an error on its side), so it may have gone through. Check before trying again; if it keeps happening, tell whoever runs this bot.";
  }
  if (refusalReach(ctx.slackError) === 'transient') return "Slack couldn't take my message just now. Try again in a minute.";
  // A refusal that a retry cannot fix: what to do instead, never "try again".
  return `I can't do that: ${refusalReason(ctx.slackError, where, 'pick another channel')}.`;
}

/** The two sentences for an error, as escaped mrkdwn. */
export function errorWords(error: AppError, about: ErrorContext = {}): string {
  const ctx = factsOf(error, about);
  switch (error.code) {
    case 'NOT_FOUND':
      return error instanceof SubscriptionRemovedError ? removedSubscription(error) : notFound(ctx);
    case 'NO_DATA':
      return error instanceof RangeNoDataError ? rangeNoData(error) : noData(ctx);
    case 'BAD_INPUT':
      if (error instanceof CompareMixError) return compareMix(error);
      return error instanceof RangeInputError ? rangeInput(error) : badInput(error);
    case 'FORBIDDEN':
      if (ctx.ownerPresent && ctx.ownerId) {
        return `${userMention(ctx.ownerId)} is still in this workspace, so it stays theirs. Ask them, or, as an admin, edit or delete it yourself.`;
      }
      return ctx.channelId
        ? `Only members of ${channelMention(ctx.channelId)} or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.`
        : ctx.ownerId
          ? `Only ${userMention(ctx.ownerId)}, who set this up, or an admin can change it. Ask them, or an admin of this bot.`
          : 'Only the person who set this up, or an admin, can change it. Ask them, or an admin of this bot.';
    case 'CONFLICT':
      return 'Someone changed that at the same moment. Try again.';
    case 'UPSTREAM_TIMEOUT':
      return `InnerSpace took too long to answer, so I couldn't ${task(ctx)}. Try again in a minute; if this persists, check the status of the InnerSpace API.`;
    case 'UPSTREAM_UNAVAILABLE':
      return `InnerSpace isn't answering right now, so I can't ${task(ctx)}. Try again in a few minutes; if this persists, check the status of the InnerSpace API.`;
    case 'UPSTREAM_RATE_LIMITED':
      return `InnerSpace is asking me to slow down, so I can't ${task(ctx)} right now. Try again in a minute.`;
    case 'UPSTREAM_AUTH':
      return `InnerSpace turned down this bot's credentials, so I can't ${task(ctx)}. Ask whoever runs the bot to check its InnerSpace client id and secret.`;
    case 'UPSTREAM_BAD_REQUEST':
    case 'UPSTREAM_GRAPHQL':
      return `InnerSpace couldn't answer that question${ctx.kind ? ` about ${subject(ctx)}` : ''}. Try another day or granularity; if it keeps failing, tell whoever runs this bot.`;
    case 'UPSTREAM_BAD_DATA':
      return `InnerSpace sent data${ctx.kind ? ` about ${subject(ctx)}` : ''} that I couldn't read. Try again later; if it keeps happening, tell whoever runs this bot.`;
    case 'SLACK_API':
      return slackApi(ctx);
    case 'STORAGE':
    case 'INTERNAL':
    case 'CONFIG_INVALID':
      return `Something went wrong on my side, so I couldn't ${task(ctx)}. Try again in a minute; if it keeps happening, tell whoever runs this bot.`;
  }
}

/** An ephemeral error message; a small context line carries the code when it helps support. */
export function buildErrorMessage(error: AppError, about: ErrorContext = {}): SlackMessage {
  const words = errorWords(error, about);
  const blocks: KnownBlock[] = [section(words)];
  if (SUPPORT_CODES.has(error.code)) blocks.push(context([`Error code: ${error.code}`]));
  return message(words, blocks);
}

/** Share in channel did not reach the channel; the private answer stays where it was. */
export function buildShareFailedMessage(error: AppError): SlackMessage {
  return plain(`I couldn't share that in the channel. ${errorWords(error)}`);
}

/** A command the parser refused: its words, already escaped. */
export function buildInputErrorMessage(parsed: { readonly message: string }): SlackMessage {
  return plain(parsed.message);
}

/**
 * Too much is waiting to be answered: this request was not taken on (nothing was looked up or
 * changed), so asking again is safe.
 */
export function buildBusyMessage(): SlackMessage {
  return plain(BUSY_TEXT);
}

export const BUSY_TEXT = "I'm answering a lot of requests right now and yours would wait too long, so I didn't start it. Nothing was changed: ask again in a minute.";

function plain(words: string): SlackMessage {
  return message(words, [section(words)]);
}

// --- Alerts and digests: their own refusals first, then the shared words ---------------------

function channelName(name: string, orElse: string): string {
  return `I can't tell which channel ${echoCode(`#${name}`)} is. Pick it from Slack's list as you type \`#\`, or ${orElse}.`;
}

function alertRefusal(error: AppError): string | null {
  if (error instanceof NoCapacityError) {
    return `InnerSpace doesn't know the capacity of ${error.kind} ${error.id}, so I can't alert on a percentage of it. Use a number of people instead, e.g. \`above 120\`.`;
  }
  if (error instanceof ChannelNameError) return channelName(error.channelName, 'use the form: `/occupancy subscribe`');
  return null;
}

export function alertErrorWords(error: AppError, about: ErrorContext = {}): string {
  return alertRefusal(error) ?? errorWords(error, about);
}

export function buildAlertErrorMessage(error: AppError, about: ErrorContext = {}): SlackMessage {
  const own = alertRefusal(error);
  return own === null ? buildErrorMessage(error, about) : plain(own);
}

export function buildDigestErrorMessage(error: AppError, about: ErrorContext = {}): SlackMessage {
  return error instanceof ChannelNameError ? plain(channelName(error.channelName, 'run the command in that channel')) : buildErrorMessage(error, about);
}

const FORM_SLACK_WORDS: ReadonlyMap<string, string> = new Map([
  ['not_in_channel', "I'm not in that channel. Invite me there with /invite @occupancy, then try again."],
  ['channel_not_found', "I can't see that channel: it may be private. Invite me with /invite @occupancy, or pick another one."],
  ['is_archived', 'That channel is archived. Pick another one.'],
  ['missing_scope', "I'm missing a Slack permission to use that channel. Ask whoever installed the bot to reinstall it from the current manifest."],
]);

/**
 * A channel check Slack refused, in plain text: "try again" only where trying again can help.
 * The form's Slack calls only read the channel (and join it), and nothing is saved when one
 * fails, so even an unanswered check leaves nothing to look for before trying again.
 */
function formSlackWords(error: SlackCallError | CannotPostError): string {
  const known = FORM_SLACK_WORDS.get(error.slackError ?? '');
  if (known) return known;
  const refused = error instanceof CannotPostError || error.kind === 'refused';
  const reach = refused && error.slackError && !OUTCOME_UNKNOWN_ERRORS.has(error.slackError) ? refusalReach(error.slackError) : null;
  if (reach === 'team') return "Slack no longer accepts this workspace's token for me, so the digest is not saved. Ask whoever installed the bot to reinstall it.";
  if (reach === 'repeats') return `Slack refused that channel (${error.slackError}). Pick another one, or tell whoever runs this bot.`;
  return "Slack didn't let me check that channel just now, so the digest is not saved. Try again in a minute.";
}

/** InnerSpace's failures while the form is saved (its buildings are checked there), in plain text. */
const FORM_UPSTREAM_WORDS: Partial<Record<ErrorCode, string>> = {
  UPSTREAM_AUTH: "InnerSpace turned down this bot's credentials, so I couldn't check the buildings and the digest is not saved. Ask whoever runs the bot to check its InnerSpace client id and secret.",
  UPSTREAM_TIMEOUT: "InnerSpace took too long to answer, so I couldn't check the buildings and the digest is not saved. Try again in a minute.",
  UPSTREAM_UNAVAILABLE: "InnerSpace isn't answering right now, so I couldn't check the buildings and the digest is not saved. Try again in a few minutes.",
  UPSTREAM_RATE_LIMITED: "InnerSpace is asking me to slow down, so I couldn't check the buildings and the digest is not saved. Try again in a minute.",
};

/**
 * The digest form's errors for `response_action: errors`, keyed by block: why the digest could
 * not be saved, in plain text (modal errors do not render mrkdwn).
 */
export function digestFormErrors(error: AppError): Record<string, string> {
  const channel = DIGEST_FIELDS.channel.blockId;
  if (error instanceof ForbiddenError) {
    return {
      [channel]: error.channelId !== undefined
        ? 'Only members of that channel, or an admin, can set up its digests.'
        : 'Only the person who set this digest up, or an admin, can change it.',
    };
  }
  if (error instanceof SlackCallError || error instanceof CannotPostError) {
    return { [channel]: formSlackWords(error) };
  }
  if (error instanceof NotFoundError) {
    return error.kind === 'building' && error.id !== null
      ? { [DIGEST_FIELDS.buildings.blockId]: `I couldn't find building ${error.id}. /occupancy buildings lists the ones you can see.` }
      : { [channel]: 'That digest no longer exists. Close this form and set up a new one.' };
  }
  if (error instanceof StaleFormError) return { [channel]: 'This form is out of date. Close it and run /occupancy digest again.' };
  if (error instanceof BadInputError) return { [channel]: 'Pick the channel the digest goes to.' };
  const upstream = FORM_UPSTREAM_WORDS[error.code];
  if (upstream) return { [channel]: upstream };
  return { [channel]: 'Something went wrong on my side, so the digest is not saved. Try again in a minute.' };
}
