/**
 * The one place where error codes become words: what went wrong, then what to do. Never a
 * stack trace or an upstream message; the code itself only as a small line for support.
 */
import { formatDay, parseIsoDate, type IsoDate } from '../../domain/time';
import type { ErrorCode } from '../../errors';
import { context, message, section, type KnownBlock, type SlackMessage } from './kit';
import { channelMention, echoQuoted } from './mrkdwn';

export type ErrorSubjectKind = 'building' | 'zone' | 'zones' | 'buildings' | 'digest' | 'subscription';

/** What the user was doing; AppError.details with the same names take precedence. */
export interface ErrorContext {
  readonly kind?: ErrorSubjectKind;
  readonly id?: number;
  /** The day asked about. */
  readonly date?: IsoDate;
  /** The latest published day, for NO_DATA. */
  readonly dataThrough?: IsoDate;
  readonly channelId?: string;
  /** Slack's `error` string for SLACK_API (not_in_channel, channel_not_found, is_archived…). */
  readonly slackError?: string;
  /** For BAD_INPUT from domain/time parseDateArg: its reason and the word typed. */
  readonly reason?: string;
  readonly input?: string;
}

export interface ErrorLike {
  readonly code: ErrorCode;
  readonly details?: Readonly<Record<string, unknown>>;
}

const KINDS: readonly ErrorSubjectKind[] = ['building', 'zone', 'zones', 'buildings', 'digest', 'subscription'];
const SUPPORT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UPSTREAM_AUTH', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_RATE_LIMITED', 'UPSTREAM_BAD_REQUEST',
  'UPSTREAM_GRAPHQL', 'UPSTREAM_BAD_DATA', 'SLACK_API', 'STORAGE', 'CONFLICT', 'INTERNAL', 'CONFIG_INVALID',
]);

/** Details are untyped facts from wherever the error was thrown: read each one defensively. */
function readContext(details: Readonly<Record<string, unknown>> | undefined, fallback: ErrorContext): ErrorContext {
  const d = details ?? {};
  const str = (v: unknown, f?: string) => (typeof v === 'string' && v.length > 0 ? v : f);
  const kind = KINDS.find((k) => k === d.kind) ?? fallback.kind;
  const id = typeof d.id === 'number' && Number.isSafeInteger(d.id) && d.id > 0 ? d.id : fallback.id;
  const date = str(d.date, fallback.date);
  const dataThrough = str(d.dataThrough, fallback.dataThrough);
  return {
    kind,
    id,
    date: date !== undefined && parseIsoDate(date) !== null ? date : undefined,
    dataThrough: dataThrough !== undefined && parseIsoDate(dataThrough) !== null ? dataThrough : undefined,
    channelId: str(d.channelId, fallback.channelId),
    slackError: str(d.slackError, fallback.slackError),
    reason: str(d.reason, fallback.reason),
    input: str(d.input, fallback.input),
  };
}

function subject(ctx: ErrorContext): string {
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
    case 'digest':
      return id === undefined ? 'that digest' : `digest #${id}`;
    case 'subscription':
      return id === undefined ? 'that subscription' : `subscription #${id}`;
    default:
      return 'that';
  }
}

/** "look up building 71", "prepare digest #3", "check subscription #7", or "finish that". */
function task(ctx: ErrorContext): string {
  if (ctx.kind === undefined) return 'finish that';
  if (ctx.kind === 'digest') return `prepare ${subject(ctx)}`;
  if (ctx.kind === 'subscription') return `check ${subject(ctx)}`;
  return `look up ${subject(ctx)}`;
}

function notFound(ctx: ErrorContext): string {
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

function retryCommand(ctx: ErrorContext, date: IsoDate): string | null {
  if (ctx.id === undefined) return null;
  if (ctx.kind === 'building' || ctx.kind === 'zone') return `\`/occupancy ${ctx.kind} ${ctx.id} ${date}\``;
  if (ctx.kind === 'zones') return `\`/occupancy zones ${ctx.id} ${date}\``;
  return null;
}

function noData(ctx: ErrorContext): string {
  const what = ctx.date ? `for ${subject(ctx)} on ${formatDay(ctx.date)}` : `for ${subject(ctx)} yet`;
  const retry = ctx.dataThrough ? retryCommand(ctx, ctx.dataThrough) : null;
  const next =
    ctx.dataThrough && retry
      ? `The latest published day is ${formatDay(ctx.dataThrough)}: try ${retry}.`
      : 'Data is published nightly; try an earlier day, such as `yesterday` or `2025-11-20`.';
  return `No occupancy data was published ${what}. ${next}`;
}

function badInput(ctx: ErrorContext): string {
  const word = ctx.input ? echoQuoted(ctx.input) : 'That date';
  switch (ctx.reason) {
    case 'future':
      return `${word} hasn't been published yet: data arrives nightly. Try \`yesterday\` or an earlier date.`;
    case 'too_old':
      return `${word} is before any data I can look up. Try a date from this year, such as \`2025-11-20\`.`;
    case 'invalid_date':
    case 'unrecognised':
      return `${word} isn't a date I understand. Try \`yesterday\`, \`monday\` or \`2025-11-20\`.`;
    default:
      return "Something in that request isn't valid. `/occupancy help` shows what works.";
  }
}

function slackApi(ctx: ErrorContext): string {
  const where = ctx.channelId ? channelMention(ctx.channelId) : 'that channel';
  switch (ctx.slackError) {
    case 'not_in_channel':
      return `I'm not a member of ${where}, so I can't post there. Invite me with \`/invite @occupancy\` and try again.`;
    case 'channel_not_found':
      return `I can't see ${where}: it may be private or deleted. Invite me to it with \`/invite @occupancy\`, or pick another channel.`;
    case 'is_archived':
      return `${where} is archived, so I can't post there. Unarchive it or pick another channel.`;
    default:
      return "Slack didn't accept my message. Try again in a minute; if it keeps happening, tell whoever runs this bot.";
  }
}

/** The two sentences for an error, as escaped mrkdwn. */
export function errorWords(error: ErrorLike, fallback: ErrorContext = {}): string {
  const ctx = readContext(error.details, fallback);
  switch (error.code) {
    case 'NOT_FOUND':
      return notFound(ctx);
    case 'NO_DATA':
      return noData(ctx);
    case 'BAD_INPUT':
      return badInput(ctx);
    case 'FORBIDDEN':
      return ctx.channelId
        ? `Only members of ${channelMention(ctx.channelId)} or an admin can manage its digests and alerts. Ask someone in that channel, or an admin of this bot.`
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
export function buildErrorMessage(error: ErrorLike, fallback: ErrorContext = {}): SlackMessage {
  const words = errorWords(error, fallback);
  const blocks: KnownBlock[] = [section(words)];
  if (SUPPORT_CODES.has(error.code)) blocks.push(context([`Error code: ${error.code}`]));
  return message(words, blocks);
}

/** A command the parser refused: its words, already escaped. */
export function buildInputErrorMessage(parsed: { readonly message: string }): SlackMessage {
  return message(parsed.message, [section(parsed.message)]);
}
