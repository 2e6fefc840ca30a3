/**
 * Shapes of the embedded Slack workspace: what it stores, what it records, how it is configured.
 * Stored records use camelCase; the wire format (snake_case, Slack's field names) is produced
 * by the method handlers so the store stays independent of Slack's JSON.
 */

export interface TeamInfo {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
}

export interface UserSeed {
  readonly id: string;
  /** Handle, as in `@grace`. */
  readonly name: string;
  readonly realName: string;
  /** IANA zone, e.g. `Europe/London`. */
  readonly tz: string;
  readonly isAdmin?: boolean;
  readonly isOwner?: boolean;
  readonly isBot?: boolean;
}

export interface ChannelSeed {
  readonly id: string;
  /** Without the leading `#`. */
  readonly name: string;
  readonly isPrivate?: boolean;
  readonly isArchived?: boolean;
  /** Human members; the bot is added when `botMember` is true. */
  readonly members: readonly string[];
  readonly botMember?: boolean;
  readonly topic?: string;
  /**
   * `mpim`: a group DM among `members` (the bot only when `botMember`); `im`: a direct message
   * between the two people in `members`, which the bot can never see. Channels otherwise.
   */
  readonly type?: 'mpim' | 'im';
}

export interface StoredUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly tz: string;
  readonly isAdmin: boolean;
  readonly isOwner: boolean;
  readonly isBot: boolean;
}

export interface StoredChannel {
  readonly id: string;
  name: string;
  readonly isPrivate: boolean;
  readonly isIm: boolean;
  /** A group DM (multi-person direct message): private, named `mpdm-a--b--c-1`. */
  readonly isMpim: boolean;
  isArchived: boolean;
  readonly members: Set<string>;
  /** For an im with the bot: the human on the other side; unset for a DM between two people. */
  readonly imUser?: string;
  readonly created: number;
  topic: string;
}

export interface FileRef {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly mimetype: string;
  readonly size: number;
  readonly urlPrivate: string;
  readonly permalink: string;
}

export interface StoredMessage {
  readonly ts: string;
  readonly channel: string;
  /** Author: a user id, or the bot's user id for bot messages. */
  readonly user: string;
  readonly botId?: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  files?: FileRef[];
  /** Root ts of the thread this message belongs to (equal to `ts` on a parent with replies). */
  threadTs?: string;
  replyBroadcast?: boolean;
  /** Only this user sees it; never returned by history APIs. */
  readonly ephemeralFor?: string;
  edited?: { user: string; ts: string };
  /** Display name used instead of the bot's, e.g. "Shared by Grace" via `username`. */
  username?: string;
  /** Slack's own kinds of message, e.g. `channel_join` (with who added the member as `inviter`). */
  readonly subtype?: 'channel_join';
  readonly inviter?: string;
  iconEmoji?: string;
  iconUrl?: string;
}

export type ViewType = 'modal' | 'home';

export interface StoredView {
  readonly id: string;
  readonly type: ViewType;
  readonly user: string;
  /** The view definition as the app sent it (title, blocks, callback_id, ...). */
  definition: Record<string, unknown>;
  hash: string;
  readonly rootViewId: string;
  readonly previousViewId?: string;
  externalId?: string;
  /** The values a user typed, as `view.state.values`. */
  stateValues: Record<string, Record<string, unknown>>;
  /** Validation errors the app sent back in a `response_action: errors` ack, by block_id. */
  errors?: Record<string, string>;
}

export interface StoredFile {
  readonly id: string;
  readonly name: string;
  title: string;
  readonly declaredLength: number;
  readonly altText?: string;
  bytes?: Buffer;
  readonly created: number;
  completed: boolean;
  readonly channels: string[];
}

/** Where a response_url posts go, and how often it may still be used. */
export interface ResponseUrlContext {
  readonly id: string;
  readonly url: string;
  readonly kind: 'command' | 'action' | 'view';
  readonly user: string;
  readonly channel?: string;
  /** The message an interaction came from, for replace_original / delete_original. */
  readonly messageTs?: string;
  readonly createdAt: number;
  uses: number;
}

export interface ApiCall {
  readonly method: string;
  /** Parsed arguments: form fields, JSON-decoded where Slack sends JSON (blocks, view, ...). */
  readonly args: Record<string, unknown>;
  readonly at: number;
  readonly tokenOk: boolean;
  readonly tokenKind?: 'bot' | 'app';
  readonly contentType: string;
  /** HTTP status and JSON answer; unset while the call is still being handled. */
  status?: number;
  response?: Record<string, unknown>;
}

export interface ResponsePost {
  readonly id: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
  readonly status: number;
  /** Why the post was refused (`expired_url`, `used_url`, `no_text`, ...); unset when accepted. */
  readonly error?: string;
  /**
   * Fields Slack accepted and did nothing with: `replace_original` / `delete_original` on a
   * slash command's response_url (it has no original to change; the content is posted anew).
   */
  readonly ignored?: readonly string[];
}

export type Fault =
  | { readonly error: string; readonly delayMs?: number }
  | { readonly status: 500 | 502 | 503 | 504; readonly delayMs?: number }
  | { readonly status: 429; readonly retryAfter: number; readonly delayMs?: number }
  | { readonly delayMs: number };

export interface SlackWorkspaceOptions {
  readonly host?: string;
  readonly port?: number;
  readonly team?: TeamInfo;
  readonly users?: readonly UserSeed[];
  readonly channels?: readonly ChannelSeed[];
  readonly bot?: { readonly userId: string; readonly botId: string; readonly appId: string; readonly name: string };
  readonly botToken?: string;
  readonly appToken?: string;
  /** Tokens that answer `token_revoked`. */
  readonly revokedTokens?: readonly string[];
  /** The bot token's scopes; default: manifest.yml's `oauth_config.scopes.bot`. */
  readonly scopes?: readonly string[];
  /** Drop (false) or add (true) `chat:write.public` on top of `scopes`: post in public channels the bot has not joined. */
  readonly chatWritePublic?: boolean;
  /**
   * Slack downloads every image_url before it accepts a message (chat.postMessage, chat.update,
   * chat.postEphemeral, response_url posts) and refuses the message when it can't. `fetch`
   * (default) does so for real: a GET with `imageTimeoutMs`; `off` accepts any URL, for tests
   * that need it off.
   */
  readonly imageDownloads?: 'fetch' | 'off';
  /** host[:port] Slack's servers can't reach, e.g. a private chart server only the bot reaches. */
  readonly unreachableHosts?: readonly string[];
  /** How long one image download may take. Default 3000 ms. */
  readonly imageTimeoutMs?: number;
  /** Milliseconds since the epoch; injected so tests can move time. Default Date.now. */
  readonly now?: () => number;
}

export interface BotIdentity {
  readonly userId: string;
  readonly botId: string;
  readonly appId: string;
  readonly name: string;
}
