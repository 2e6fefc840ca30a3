/**
 * What every listener shares: its dependencies, who asked and where, how an answer reaches
 * them, and how a failure becomes words (through src/slack/blocks/errors.ts, the one module
 * that words errors).
 */
import type { FormViews } from './form-views';
import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockElementAction,
  RespondArguments,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackOptionsMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { toAppError, type ErrorCode } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { ChatGateway } from '../../ports/chat';
import type { HomeService, RuleChecks, SubscriptionService } from '../../services/alerts';
import type { DigestService } from '../../services/digests';
import type { NameDirectory } from '../../services/names';
import type { ReportService } from '../../services/report';
import { buildAlertErrorMessage, buildDigestErrorMessage, buildErrorMessage, type ConversationKind, type ErrorSubjectKind } from '../blocks/errors';
import { sentByDirectMessage } from '../blocks/delivery-notes';
import type { SlackMessage } from '../blocks/kit';
import type { InFlight } from '../inflight';
import type { Respond, ResponseUrlPoster } from '../response-url';

/** Everything the listeners are given, once, by the composition root. */
export interface ListenerDeps {
  readonly logger: Logger;
  readonly inflight: InFlight;
  readonly reports: Pick<ReportService, 'buildings' | 'building' | 'zone' | 'zones' | 'range' | 'compare' | 'groupList' | 'groups'>;
  /** Buildings and zones by name, from the cached directory. */
  readonly names: Pick<NameDirectory, 'resolve' | 'search' | 'named'>;
  readonly digests: Pick<DigestService, 'add' | 'submit' | 'list' | 'remove' | 'pause' | 'resume' | 'sendNow' | 'history' | 'preview' | 'form' | 'takeOver'>;
  readonly alerts: {
    readonly subscriptions: Pick<SubscriptionService, 'create' | 'update' | 'owned' | 'remove' | 'snooze' | 'mute' | 'unmute' | 'summaries' | 'takeOver' | 'testAlert'>;
    readonly rules: Pick<RuleChecks, 'backtest'>;
    readonly home: Pick<HomeService, 'view'>;
  };
  readonly chat: ChatGateway;
  /** Where answers through a response_url are posted. */
  readonly responseUrls: Pick<ResponseUrlPoster, 'respondFor'>;
  /** Open forms and their newest input, kept in the store so any replica draws the newest. */
  readonly forms: FormViews;
  /** How long a command's answer may take before a "Looking up…" notice goes first (slow-notice.ts's default otherwise). */
  readonly slowNoticeMs?: number;
}

/** Bolt's arguments, with `respond` posting by the app's poster (../response-url.ts). */
type OwnRespond<A> = Omit<A, 'respond'> & { readonly respond: Respond };
/** What Bolt hands over for each kind, before the registry binds `respond` (./index.ts). */
export type BoltCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type BoltActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
export type BoltViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type CommandArgs = OwnRespond<BoltCommandArgs>;
export type ActionArgs = OwnRespond<BoltActionArgs>;
export type ViewArgs = OwnRespond<BoltViewArgs>;
/** A menu's request for options (block_suggestion): what the person typed, answered in the ack. */
export type OptionsArgs = SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs;
export type HomeOpenedArgs = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** A listener, given the deps: what Bolt calls for one command, action id, callback id or event. */
export type Listener<Args> = (deps: ListenerDeps) => (args: Args) => Promise<void>;

/** What one feature folder listens to, keyed by the id Bolt routes on. */
export interface FeatureListeners {
  readonly commands?: Readonly<Record<string, Listener<CommandArgs>>>;
  readonly actions?: Readonly<Record<string, Listener<ActionArgs>>>;
  readonly views?: Readonly<Record<string, Listener<ViewArgs>>>;
  /** External selects, by action id: their options as the person types. */
  readonly options?: Readonly<Record<string, Listener<OptionsArgs>>>;
  readonly events?: { readonly app_home_opened?: Listener<HomeOpenedArgs> };
}

/** Who asked, and where: the same facts from a command, an action, a form or an event. */
export interface Requester {
  readonly teamId: string;
  readonly userId: string;
  /** The conversation the request came from; null on App Home and for forms. */
  readonly channelId: string | null;
  /** What kind of conversation that is, when Slack says (slash commands): DMs and group DMs may not have the bot in them. */
  readonly conversation: ConversationKind | null;
  readonly triggerId: string | null;
}

/** The person acting, as services know them. */
export interface Actor {
  readonly teamId: string;
  readonly userId: string;
}

export function actorOf(r: Requester): Actor {
  return { teamId: r.teamId, userId: r.userId };
}

/** The fields the request bodies Bolt hands us (command, block_actions, view_submission, event envelope) may carry. */
interface RequestBody {
  readonly team?: { readonly id: string } | null;
  readonly team_id?: string;
  readonly user?: { readonly id: string; readonly team_id?: string } | string;
  readonly user_id?: string;
  readonly view?: { readonly team_id?: string };
  readonly channel?: { readonly id: string } | string;
  readonly channel_id?: string;
  readonly channel_name?: string;
  readonly trigger_id?: string;
  readonly event?: { readonly user?: string };
}

export function requesterOf(body: RequestBody): Requester {
  const user = typeof body.user === 'object' ? body.user : undefined;
  const channel = typeof body.channel === 'object' ? body.channel.id : undefined;
  return {
    teamId: body.team?.id ?? body.team_id ?? user?.team_id ?? body.view?.team_id ?? '',
    userId: body.user_id ?? user?.id ?? body.event?.user ?? '',
    channelId: body.channel_id ?? channel ?? null,
    conversation: conversationKind(body.channel_name),
    triggerId: body.trigger_id ?? null,
  };
}

/** A slash command's `channel_name`: `directmessage` for any DM, `mpdm-…` for a group DM. */
function conversationKind(name: string | undefined): ConversationKind | null {
  if (name === undefined) return null;
  if (name === 'directmessage') return 'dm';
  return name.startsWith('mpdm-') ? 'group_dm' : 'channel';
}

/** A slash command's requester: it always comes from a conversation, with a trigger. */
export interface CommandRequester extends Requester {
  readonly channelId: string;
}

/**
 * A subcommand of `/occupancy` answered by another feature (`digest …`, `subscribe …`): called
 * after the ack, with the parsed command, to answer through `reply`.
 */
export type Subcommand<Command> = (deps: ListenerDeps, command: Command, who: CommandRequester, reply: Responder) => Promise<void>;

/** The value a button or a menu option carries. */
export function actionValue(action: BlockElementAction): string | undefined {
  if ('selected_option' in action && action.selected_option) return action.selected_option.value;
  return 'value' in action && typeof action.value === 'string' ? action.value : undefined;
}

/**
 * Whether there is room to take on more answer work; when not, the refusal is counted and
 * logged (at most every 10 s) and the caller tells the user the bot is busy.
 */
export function roomForAnswer(deps: Pick<ListenerDeps, 'inflight'>, log: Logger): boolean {
  if (deps.inflight.hasRoom()) return true;
  const turnedAway = deps.inflight.noteBusy();
  if (turnedAway !== null) log.warn({ turnedAway, tracked: deps.inflight.size }, 'too much work waiting; told users to ask again');
  return false;
}

/** Answers through a response_url: ephemeral unless said otherwise. */
export type Responder = (msg: SlackMessage & Omit<RespondArguments, 'text' | 'blocks'>) => Promise<unknown>;

/**
 * Its charts go the way every message's do: the gateway's chart delivery decides. Posting
 * waits for a turn first, so requests read meanwhile are acked before it takes the loop.
 */
export function responder(deps: Pick<ListenerDeps, 'chat' | 'inflight'>, respond: Respond): Responder {
  return async ({ text, blocks, charts, ...rest }) => {
    await deps.inflight.turn();
    return deps.chat.deliver({ text, blocks, ...(charts ? { charts } : {}) }, (content) =>
      respond({ response_type: 'ephemeral', ...rest, text: content.text, blocks: content.blocks } as RespondArguments),
    );
  };
}

/**
 * An ephemeral message where the user is, or a direct message when that is not possible (no
 * conversation, a direct message, or the bot not in the channel: Slack needs the bot in the
 * conversation for an ephemeral, whatever its scopes); the DM then says why. Never throws.
 */
export async function tellUser(deps: Pick<ListenerDeps, 'chat' | 'logger'>, userId: string, channel: string | null, msg: SlackMessage): Promise<void> {
  let dmMessage = msg;
  if (channel && !channel.startsWith('D')) {
    try {
      await deps.chat.postEphemeral(channel, userId, msg);
      return;
    } catch (err) {
      deps.logger.debug({ err, channel }, 'ephemeral answer not possible; sending a direct message');
      dmMessage = sentByDirectMessage(msg, channel, err);
    }
  }
  try {
    await deps.chat.postMessage(await deps.chat.openDm(userId), dmMessage);
  } catch (err) {
    deps.logger.warn({ err, user: userId }, 'could not tell the user');
  }
}

/** A button's answer: through its response_url, or by direct message on App Home, which has none. */
export async function answerButton(
  deps: Pick<ListenerDeps, 'chat' | 'logger' | 'inflight'>,
  body: BlockAction,
  respond: Respond,
  msg: SlackMessage,
  replaceOriginal: boolean,
): Promise<void> {
  if (body.response_url) await responder(deps, respond)({ replace_original: replaceOriginal, ...msg });
  else await tellUser(deps, body.user.id, null, msg);
}

/** Refusals and missing things the user can act on; anything else is logged as a failure. */
const EXPECTED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['NOT_FOUND', 'NO_DATA', 'BAD_INPUT', 'FORBIDDEN', 'SLACK_API', 'CONFLICT']);

/** What the user was doing when it failed: the subject the words are about. */
export interface ErrorSubject {
  readonly kind: ErrorSubjectKind;
  readonly id?: number;
  /** Where the request came from, so a DM or group DM without the bot is named as such. */
  readonly origin?: { readonly channelId: string | null; readonly conversation: ConversationKind | null };
}

/** The words for a failure, logged at the level it deserves; never throws. */
export function errorReply(err: unknown, subject: ErrorSubject, log: Logger): SlackMessage {
  const e = toAppError(err);
  if (EXPECTED.has(e.code)) log.info({ err: e, code: e.code }, 'request refused');
  else log.error({ err }, 'request failed');
  const origin = subject.origin?.channelId && subject.origin.conversation ? { origin: { channelId: subject.origin.channelId, conversation: subject.origin.conversation } } : {};
  const fallback = { kind: subject.kind, ...(subject.id !== undefined ? { id: subject.id } : {}), ...origin };
  if (subject.kind === 'subscription') return buildAlertErrorMessage(e, fallback);
  if (subject.kind === 'digest') return buildDigestErrorMessage(e, fallback);
  return buildErrorMessage(e, fallback);
}
