/**
 * The properties every case is held to, as functions that list what is wrong (empty = fine),
 * so a failing case says all of it at once.
 */
import { checkMessageLimits, checkViewLimits, type ViewLike } from '../../support/block-limits';
import type { Acked, Outgoing, PropertyBot } from './bot';
import { mrkdwnProblems, mrkdwnTexts } from './render';

/** Slack's ack limit: past it the user sees an error, whatever the bot does next. */
export const ACK_LIMIT_MS = 3000;

/**
 * The answer to a signed request: within Slack's 3 s, 200; 400 only from the request gate,
 * which says why (src/slack/gate: "Bad request: <problem>.").
 */
export function ackProblems(ack: Pick<Acked, 'status' | 'text' | 'ms'>, allow400: boolean): string[] {
  const problems: string[] = [];
  if (ack.ms >= ACK_LIMIT_MS) problems.push(`answered after ${Math.round(ack.ms)} ms, past Slack's ${ACK_LIMIT_MS} ms`);
  if (ack.status === 400 && allow400) {
    if (!/^Bad request: .{5,}\.$/.test(ack.text)) problems.push(`400 without a reason: ${JSON.stringify(ack.text.slice(0, 200))}`);
  } else if (ack.status !== 200) {
    problems.push(`status ${ack.status} (${JSON.stringify(ack.text.slice(0, 200))})`);
  }
  return problems;
}

type Msg = { readonly text?: unknown; readonly blocks?: unknown };

/** A message the bot sends (ack body, response_url post, chat.*): limits and escaping. */
export function messageProblems(msg: Msg, where: string): string[] {
  const hasContent = typeof msg.text === 'string' || Array.isArray(msg.blocks);
  if (!hasContent) return [];
  const text = typeof msg.text === 'string' ? msg.text : undefined;
  const blocks = Array.isArray(msg.blocks) ? (msg.blocks as unknown[]) : undefined;
  const problems = checkMessageLimits({ ...(text !== undefined ? { text } : {}), ...(blocks ? { blocks } : {}) }).map(
    (v) => `${where}: ${v.path} ${v.rule} ${v.actual}/${v.limit}`,
  );
  for (const t of mrkdwnTexts(blocks ?? [], text)) {
    for (const p of mrkdwnProblems(t)) problems.push(`${where}: ${p.problem}: ${p.snippet} in ${JSON.stringify(t.slice(0, 300))}`);
  }
  return problems;
}

export function viewProblems(view: Record<string, unknown>, where: string): string[] {
  const problems = checkViewLimits(view as unknown as ViewLike).map((v) => `${where}: ${v.path} ${v.rule} ${v.actual}/${v.limit}`);
  for (const t of mrkdwnTexts(view.blocks ?? [])) {
    for (const p of mrkdwnProblems(t)) problems.push(`${where}: ${p.problem}: ${p.snippet} in ${JSON.stringify(t.slice(0, 300))}`);
  }
  return problems;
}

export function outgoingProblems(out: readonly Outgoing[]): string[] {
  const problems: string[] = [];
  for (const o of out) {
    if (o.refused) problems.push(`${o.where}: Slack refused it: ${o.refused}`);
    if (o.message) problems.push(...messageProblems(o.message, o.where));
    if (o.view) problems.push(...viewProblems(o.view, o.where));
  }
  return problems;
}

/**
 * The ack body of an interaction: nothing, a message (commands), or a response_action. Errors
 * must name input blocks of the submitted view (Slack refuses the whole ack otherwise) and are
 * plain text; a view to update or push is held to the view limits.
 */
export function interactionAckProblems(body: unknown, inputBlockIds: ReadonlySet<string> | null): string[] {
  if (body === undefined || typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  if (b.response_action === undefined) return messageProblems(b, 'ack');
  const problems: string[] = [];
  if (b.response_action === 'errors') {
    const errors = b.errors as Record<string, unknown> | undefined;
    if (!errors || typeof errors !== 'object' || Object.keys(errors).length === 0) problems.push('ack: errors without any error');
    for (const [blockId, message] of Object.entries(errors ?? {})) {
      if (inputBlockIds && !inputBlockIds.has(blockId)) problems.push(`ack: error for ${blockId}, not an input block of the view`);
      if (typeof message !== 'string' || message.length === 0) problems.push(`ack: error for ${blockId} is not a message`);
    }
  } else if (b.response_action === 'update' || b.response_action === 'push') {
    problems.push(...viewProblems((b.view ?? {}) as Record<string, unknown>, `ack ${b.response_action}`));
  } else if (b.response_action !== 'clear') {
    problems.push(`ack: unknown response_action ${JSON.stringify(b.response_action)}`);
  }
  return problems;
}

/** The crashes the test environment saw (test/property/support/crash-environment.ts). */
export function crashes(): readonly string[] {
  return (globalThis as { __crashes?: string[] }).__crashes ?? [];
}

/**
 * Waits for every answer under way, checks what went out meanwhile, restarts the bot on the
 * same store and asks what reads the store: the problems found, none when the store is whole.
 */
export async function storeProblemsAfterRestart(bot: PropertyBot): Promise<string[]> {
  const mark = bot.mark();
  await bot.drain();
  const problems = outgoingProblems(bot.outgoingSince(mark));
  await bot.restart();
  for (const text of ['help', 'digest list', 'subscriptions']) {
    const res = await bot.timed(() => bot.driver.command('U0LOCALADM', 'C0FACILITY', '/occupancy', text));
    problems.push(...ackProblems(res, false));
    if (text !== 'help') {
      const post = await bot.slack.waitForResponse(res.responseUrlId);
      if (/went wrong/i.test(JSON.stringify(post.body))) problems.push(`${text}: ${JSON.stringify(post.body).slice(0, 300)}`);
    }
  }
  return problems;
}
