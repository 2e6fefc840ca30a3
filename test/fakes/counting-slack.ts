import type { SlackMessage } from '../../src/slack/blocks/kit';
import type { ChatContent, ChatGateway, ChatMessage, PostedMessage } from '../../src/ports/chat';

/**
 * An in-process ChatGateway that accepts everything and counts it: for benchmarks and
 * service tests that care about what would be sent, not about Slack's HTTP behaviour (the
 * embedded workspace covers that).
 */
export class CountingSlackGateway implements ChatGateway {
  readonly counts = { postMessage: 0, threadReplies: 0, updateMessage: 0, postEphemeral: 0, openDm: 0, conversationsOf: 0, publishHome: 0, openView: 0, updateView: 0 };
  /** The last messages posted, newest last (bounded). */
  readonly posted: { channel: string; text: string; threadTs?: string }[] = [];
  private seq = 0;

  constructor(
    private readonly channelsOf: (user: string) => string[] = () => [],
    private readonly keep = 200,
  ) {}

  /** Charts are the real gateway's business: the message goes as it is. */
  deliver<T>(msg: ChatMessage, send: (content: ChatContent) => Promise<T>): Promise<T> {
    return send({ text: msg.text, blocks: msg.blocks });
  }

  async postMessage(channel: string, msg: SlackMessage, opts: { threadTs?: string } = {}): Promise<PostedMessage> {
    this.counts.postMessage += 1;
    if (opts.threadTs) this.counts.threadReplies += 1;
    this.posted.push({ channel, text: msg.text, ...(opts.threadTs ? { threadTs: opts.threadTs } : {}) });
    if (this.posted.length > this.keep) this.posted.shift();
    this.seq += 1;
    return { channel, ts: `${1_800_000_000 + this.seq}.000100` };
  }

  async updateMessage(): Promise<void> {
    this.counts.updateMessage += 1;
  }

  async postEphemeral(): Promise<void> {
    this.counts.postEphemeral += 1;
  }

  async openDm(user: string): Promise<string> {
    this.counts.openDm += 1;
    return `D${user}`;
  }

  async conversationsOf(user: string): Promise<string[]> {
    this.counts.conversationsOf += 1;
    return this.channelsOf(user);
  }

  /** People who left the workspace. */
  readonly departed = new Set<string>();

  async userLeft(user: string): Promise<boolean> {
    return this.departed.has(user);
  }

  async channelInfo(channel: string) {
    return { id: channel, name: channel.toLowerCase(), isPrivate: false, isArchived: false, isMember: true };
  }

  async join(): Promise<void> {}

  async uploadPng(): Promise<{ fileId: string }> {
    return { fileId: 'F0' };
  }

  async openView(): Promise<{ viewId: string; hash: string }> {
    this.counts.openView += 1;
    return { viewId: 'V0', hash: 'h0' };
  }

  async updateView(): Promise<{ hash: string }> {
    this.counts.updateView += 1;
    return { hash: `h${this.counts.updateView}` };
  }

  async publishHome(): Promise<void> {
    this.counts.publishHome += 1;
  }
}
