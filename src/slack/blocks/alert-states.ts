/**
 * An alert message redrawn when its rule changes after it was sent: muted or unmuted,
 * snoozed, deleted. What the message says about its episode (and its chart) stays as sent;
 * only the status line and the buttons change, so a message of any age can be redrawn from
 * its own blocks. Messages sent before the blocks carried ids are found by their buttons.
 */
import type { ChatMessage } from '../../ports/chat';
import type { RuleRemovedView, RuleStateView, SnoozeAnnouncementView } from '../../views/alert';
import { alertActions, alertStatusLine } from './alert';
import { dayTimeOf, momentText, ruleScopeMd } from './format';
import { ACTION_IDS, ALERT_BLOCK_IDS } from './ids';
import { context, message, section, type KnownBlock, type SlackMessage } from './kit';
import { readerDate } from './mrkdwn';

type Block = { readonly type?: unknown; readonly block_id?: unknown; readonly elements?: unknown };

const RULE_ACTIONS: ReadonlySet<string> = new Set([ACTION_IDS.snooze, ACTION_IDS.mute, ACTION_IDS.unmute, ACTION_IDS.editSubscription, ACTION_IDS.unsubscribe]);

function isRuleActions(b: Block): boolean {
  if (b.block_id === ALERT_BLOCK_IDS.actions) return true;
  return b.type === 'actions' && Array.isArray(b.elements) && b.elements.some((e: { action_id?: unknown }) => typeof e.action_id === 'string' && RULE_ACTIONS.has(e.action_id));
}

/** The status line: by its id, else the context just before the buttons. */
function statusIndex(blocks: readonly Block[]): number {
  const byId = blocks.findIndex((b) => b.block_id === ALERT_BLOCK_IDS.status);
  if (byId >= 0) return byId;
  const buttons = blocks.findIndex(isRuleActions);
  return buttons > 0 && blocks[buttons - 1]?.type === 'context' ? buttons - 1 : -1;
}

function redrawn(sent: ChatMessage, blocks: readonly object[]): ChatMessage {
  return { text: sent.text, blocks: [...blocks], ...(sent.charts ? { charts: sent.charts } : {}) };
}

/** The message as sent, its status line and buttons showing how the rule stands now. */
export function restateAlertMessage(sent: ChatMessage, state: RuleStateView): ChatMessage {
  const blocks = [...(sent.blocks as Block[])];
  const status = statusIndex(blocks);
  if (status >= 0) blocks[status] = alertStatusLine(state);
  const buttons = blocks.findIndex(isRuleActions);
  if (buttons >= 0) blocks[buttons] = alertActions(state.rule, state.muted);
  return redrawn(sent, blocks);
}

function removedWords(view: RuleRemovedView): string {
  return `🗑 Rule #${view.ruleId} was deleted by <@${view.removedBy}> on ${readerDate(view.removedAtMs, `${dayTimeOf(view.removedAtMs, 'UTC')} UTC`)}; nothing more comes from it.`;
}

/** The message as sent, without its buttons, ending with who deleted its rule and when. */
export function alertRuleRemovedMessage(sent: ChatMessage, view: RuleRemovedView): ChatMessage {
  const blocks = [...(sent.blocks as Block[])];
  const status = statusIndex(blocks);
  // Muted or snoozed no longer means anything: the line keeps the rule only.
  if (status >= 0 && view.rule) blocks[status] = alertStatusLine({ ...view.rule, muted: false, snoozedUntilMs: null });
  const kept = blocks.filter((b) => !isRuleActions(b) && b.block_id !== ALERT_BLOCK_IDS.removed);
  return redrawn(sent, [...kept, context([removedWords(view)], ALERT_BLOCK_IDS.removed)]);
}

/** Told in the channel when someone snoozes its rule, so nobody wonders why it went quiet. */
export function buildSnoozeAnnouncement(view: SnoozeAnnouncementView): SlackMessage {
  const scope = ruleScopeMd(view.rule.scope);
  const words = `💤 <@${view.by}> snoozed alerts for *${scope}* (rule #${view.rule.id}) until ${momentText(view.untilMs, view.timeZone)}. What happens meanwhile is sent when the snooze ends.`;
  const blocks: KnownBlock[] = [section(words)];
  return message(words, blocks);
}
