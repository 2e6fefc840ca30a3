/**
 * The messages an alert rule posted, kept so they keep telling the truth about the rule: when
 * it is muted, unmuted or snoozed their status line and buttons are redrawn; when it is deleted
 * they lose their buttons and say who deleted it. Each message is kept as it was last sent
 * (text, blocks, charts), so the renderer redraws it from what it drew. Edits are cosmetic:
 * one that fails is logged and never stops the change the person asked for.
 */
import { SlackCallError, type ChatGateway, type ChatMessage } from '../../ports/chat';
import type { MessageRenderer } from '../../ports/renderer';
import type { AlertMessage, Store } from '../../ports/store';
import type { JsonObject } from '../../domain/values';
import type { Logger } from '../../logging/logger';
import type { RuleRemovedView, RuleStateView, SnoozeAnnouncementView } from '../../views/alert';

/** The newest messages of a rule that are redrawn on a change; older ones keep what they said. */
export const REDRAWN_MESSAGES = 25;

/** Slack's answers that mean the message can never be edited again: it is forgotten. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'is_archived', 'not_in_channel']);

export interface RuleMessagesDeps {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly renderer: MessageRenderer;
  readonly logger: Logger;
}

/** The message where a button was pressed, as Slack sent it in the payload. */
export interface ShownMessage {
  readonly channel: string;
  readonly ts: string;
  readonly message: ChatMessage;
}

function contentOf(m: ChatMessage): JsonObject {
  return JSON.parse(JSON.stringify({ text: m.text, blocks: m.blocks, ...(m.charts ? { charts: m.charts } : {}) })) as JsonObject;
}

function messageOf(content: JsonObject): ChatMessage | null {
  const { text, blocks, charts } = content as { text?: unknown; blocks?: unknown; charts?: unknown };
  if (typeof text !== 'string' || !Array.isArray(blocks)) return null;
  return { text, blocks: blocks as object[], ...(Array.isArray(charts) ? { charts: charts as ChatMessage['charts'] } : {}) };
}

function isShown(m: Pick<AlertMessage, 'channel' | 'ts'>, shown: ShownMessage | undefined): boolean {
  return shown !== undefined && m.channel === shown.channel && m.ts === shown.ts;
}

export class RuleMessages {
  private readonly log: Logger;

  constructor(private readonly deps: RuleMessagesDeps) {
    this.log = deps.logger.child({ component: 'rule-messages' });
  }

  /** Keeps a message a rule posted, or what it says after an edit. Never throws. */
  async record(teamId: string, subscriptionId: number, channel: string, ts: string, message: ChatMessage): Promise<void> {
    try {
      await this.deps.store.alertMessages.record({ teamId, subscriptionId, channel, ts, content: contentOf(message) });
    } catch (err) {
      this.log.warn({ err, subscription: subscriptionId, channel, ts }, 'could not keep the alert message; a later change of its rule will not redraw it');
    }
  }

  /** Keeps a message a rule just posted; older ones than the newest REDRAWN_MESSAGES are let go. Never throws. */
  async posted(teamId: string, subscriptionId: number, channel: string, ts: string, message: ChatMessage): Promise<void> {
    await this.record(teamId, subscriptionId, channel, ts, message);
    try {
      await this.deps.store.alertMessages.keepNewest(teamId, subscriptionId, REDRAWN_MESSAGES);
    } catch (err) {
      this.log.info({ err, subscription: subscriptionId }, 'could not let go of the older messages of the rule');
    }
  }

  /** Redraws the rule's messages (and the one pressed, if not kept) to show how it stands. */
  async restate(teamId: string, state: RuleStateView, shown?: ShownMessage): Promise<void> {
    const id = state.rule.id;
    await this.each(teamId, id, shown, async (m, sent) => {
      const next = this.deps.renderer.alertRestated(sent, state);
      if (await this.edit(teamId, m, next)) await this.record(teamId, id, m.channel, m.ts, next);
    });
  }

  /** Redraws a deleted rule's messages (and the one pressed) to say so, then forgets them. */
  async removed(teamId: string, view: RuleRemovedView, shown?: ShownMessage): Promise<void> {
    await this.each(teamId, view.ruleId, shown, async (m, sent) => {
      if (await this.edit(teamId, m, this.deps.renderer.alertRuleRemoved(sent, view))) await this.deps.store.alertMessages.forget(teamId, m.channel, m.ts);
    });
  }

  /** Tells a channel that its rule was snoozed, by whom and until when. Never throws. */
  async announceSnooze(channel: string, view: SnoozeAnnouncementView): Promise<void> {
    try {
      await this.deps.slack.postMessage(channel, this.deps.renderer.alertSnoozed(view));
    } catch (err) {
      this.log.info({ err, channel, subscription: view.rule.id }, 'could not tell the channel about the snooze');
    }
  }

  private async each(teamId: string, id: number, shown: ShownMessage | undefined, redraw: (m: Pick<AlertMessage, 'channel' | 'ts'>, sent: ChatMessage) => Promise<void>): Promise<void> {
    let kept: AlertMessage[] = [];
    try {
      kept = await this.deps.store.alertMessages.listBySubscription(teamId, id, REDRAWN_MESSAGES);
    } catch (err) {
      this.log.warn({ err, subscription: id }, 'could not read the messages of the rule; only the one pressed is redrawn');
    }
    const targets: { m: Pick<AlertMessage, 'channel' | 'ts'>; sent: ChatMessage | null }[] = kept.map((m) => ({ m, sent: messageOf(m.content) }));
    if (shown && !kept.some((m) => isShown(m, shown))) targets.push({ m: shown, sent: shown.message });
    // The message pressed first: it is the one the person is looking at.
    targets.sort((a, b) => Number(isShown(b.m, shown)) - Number(isShown(a.m, shown)));
    for (const [i, { m, sent }] of targets.entries()) {
      try {
        if (sent === null) await this.deps.store.alertMessages.forget(teamId, m.channel, m.ts);
        else await redraw(m, sent);
      } catch (err) {
        if (err instanceof SlackCallError && err.kind === 'rate_limited') {
          // Edits share one budget per workspace: the rest keep what they said rather than wait it out.
          this.log.info({ subscription: id, left: targets.length - i }, 'Slack asked to slow down; the older messages of the rule are left as they were');
          return;
        }
        this.log.info({ err, subscription: id, channel: m.channel, ts: m.ts }, 'could not redraw an alert message');
      }
    }
  }

  /** True when Slack took the edit; a message Slack will never let us edit again is forgotten. */
  private async edit(teamId: string, m: Pick<AlertMessage, 'channel' | 'ts'>, next: ChatMessage): Promise<boolean> {
    try {
      await this.deps.slack.updateMessage(m.channel, m.ts, next);
      return true;
    } catch (err) {
      if (err instanceof SlackCallError && err.slackError !== null && err.slackError !== undefined && GONE.has(err.slackError)) {
        this.log.info({ channel: m.channel, ts: m.ts, slackError: err.slackError }, 'alert message can no longer be edited; forgotten');
        await this.deps.store.alertMessages.forget(teamId, m.channel, m.ts);
        return false;
      }
      throw err;
    }
  }
}
