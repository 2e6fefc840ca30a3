/**
 * The chat port used by services (digests, alerts, authorization): the few Slack Web API calls
 * they make, in our own terms, with Slack's failures as typed errors. The WebClient adapter in
 * src/slack/chat.ts is the real one; tests run it against the embedded workspace. Its failures
 * (SlackCallError) live with the other typed errors in src/errors and are re-exported here.
 */
import type { ChartView } from '../views/chart';

export { SlackCallError, type SlackFailureKind } from '../errors';

/**
 * A rendered message: fallback text plus the renderer's blocks. Services pass it through
 * untouched; only the renderer (src/slack/blocks) knows what the blocks are.
 */
export interface ChatMessage {
  readonly text: string;
  readonly blocks: readonly object[];
  /**
   * The charts drawn in `blocks`, each by the block_id of its image block. How a chart reaches
   * Slack (its URL, an uploaded PNG, or its text table when Slack can't show it) is decided in
   * one place, the gateway, for every way a message is sent.
   */
  readonly charts?: readonly PlacedChart[];
}

export interface PlacedChart {
  readonly blockId: string;
  readonly chart: ChartView;
}

/** What finally goes to Slack: text and blocks, the charts resolved. */
export interface ChatContent {
  readonly text: string;
  readonly blocks: readonly object[];
}

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
}

export interface OpenedView {
  readonly viewId: string;
  readonly hash: string;
}

export interface ChatGateway {
  /**
   * Sends a message by another road (a response_url) with the same chart handling as the posts
   * below: `send` is called with the content to send, and again without a picture Slack refused.
   */
  deliver<T>(msg: ChatMessage, send: (content: ChatContent) => Promise<T>): Promise<T>;
  postMessage(channel: string, msg: ChatMessage, opts?: { threadTs?: string; unfurl?: boolean }): Promise<PostedMessage>;
  updateMessage(channel: string, ts: string, msg: ChatMessage): Promise<void>;
  postEphemeral(channel: string, user: string, msg: ChatMessage): Promise<void>;
  /** The DM channel with a user. */
  openDm(user: string): Promise<string>;
  /**
   * The conversations a person is in that the bot can see (all pages): public channels, and
   * private channels, group DMs and the person's DM with the bot when the bot is in them too.
   */
  conversationsOf(user: string): Promise<string[]>;
  /** Whether the person's account is deactivated (they left the workspace), from users.info. */
  userLeft(user: string): Promise<boolean>;
  channelInfo(channel: string): Promise<{ id: string; name: string; isPrivate: boolean; isArchived: boolean; isMember: boolean }>;
  /** Joins a public channel. */
  join(channel: string): Promise<void>;
  /** Opens a modal; its hash is what a later update passes to say which version it replaces. */
  openView(triggerId: string, view: object): Promise<OpenedView>;
  /** Replaces a modal; with `hash`, only if it is still that version (else `hash_conflict`). */
  updateView(viewId: string, view: object, hash?: string): Promise<{ hash: string }>;
  publishHome(user: string, view: object): Promise<void>;
}
