/**
 * The page's JSON API: everything a person does in the console becomes what Slack would send
 * the app (signed slash commands, block_actions, view submissions, app_home_opened), through
 * the workspace's driver over real HTTP to /slack/events.
 */
import { z } from 'zod';
import type { Clock } from '../../src/ports/clock';
import type { Logger } from '../../src/logging/logger';
import type { SlackDriver, SlackWorkspace } from '../slack';
import { typedValues, type ActionInput, type ViewValues } from '../slack/driver-payloads';
import type { DemoHooks } from './hooks';
import { ConsoleHttpError } from './http-util';
import { INVITE_COMMAND, runInvite } from './invite';
import { applyCommandAck, escapeCommandText, postSlackbotNotice } from './slack-behaviour';

export interface ApiContext {
  readonly workspace: SlackWorkspace;
  readonly driver: () => SlackDriver;
  readonly clock: Clock & { advance?(ms: number): void };
  readonly hooks: () => DemoHooks;
  readonly logger: Logger;
  /** Tells every open page that the clock moved. */
  readonly clockMoved: (now: number) => void;
}

/** The one command the app answers; apart from Slack's own `/invite`, anything else gets Slack's "not a valid command". */
export const KNOWN_COMMANDS = ['/occupancy'] as const;
/** What Slack's composer sends at most (clients keep messages to 4,000 characters). */
export const MAX_COMPOSER_CHARS = 4000;
const MAX_ADVANCE_MS = 31 * 24 * 3600_000;

const id = z.string().min(1).max(64);
const optionSchema = z.object({ value: z.string().max(2000), text: z.unknown().optional() });
const valuesSchema = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const actionSchema = z.object({
  action_id: z.string().min(1).max(255),
  block_id: z.string().max(255).optional(),
  type: z.string().max(64).optional(),
  value: z.string().max(2000).nullish(),
  selected_option: optionSchema.nullish(),
  selected_options: z.array(optionSchema).max(100).nullish(),
  selected_date: z.string().max(32).nullish(),
  selected_time: z.string().max(32).nullish(),
  selected_user: z.string().max(64).nullish(),
  selected_conversation: z.string().max(64).nullish(),
  selected_channel: z.string().max(64).nullish(),
});

const schemas = {
  command: z.object({ user: id, channel: id, text: z.string().max(MAX_COMPOSER_CHARS, `is too long: Slack takes up to ${MAX_COMPOSER_CHARS.toLocaleString('en-US')} characters here`) }),
  action: z.object({
    user: id,
    channel: id.optional(),
    messageTs: z.string().max(32).optional(),
    viewId: id.optional(),
    action: actionSchema,
    values: valuesSchema.optional(),
  }),
  submit: z.object({ user: id, viewId: id, values: valuesSchema }),
  close: z.object({ user: id, viewId: id }),
  suggest: z.object({ user: id, viewId: id, actionId: z.string().min(1).max(255), value: z.string().max(2000) }),
  home: z.object({ user: id }),
  advance: z.object({ ms: z.number().int().positive().max(MAX_ADVANCE_MS) }),
  none: z.object({}).passthrough(),
};

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) throw new ConsoleHttpError(400, `bad request: ${r.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
  return r.data;
}

function requireUser(ctx: ApiContext, user: string): void {
  const u = ctx.workspace.state.getUser(user);
  if (!u || u.isBot) throw new ConsoleHttpError(400, `no person ${user} in this workspace`);
}

async function command(ctx: ApiContext, body: unknown): Promise<unknown> {
  const { user, channel, text } = parse(schemas.command, body);
  requireUser(ctx, user);
  const { state } = ctx.workspace;
  const conv = state.getChannel(channel);
  if (!conv) throw new ConsoleHttpError(404, 'no such conversation');
  if (conv.isArchived) throw new ConsoleHttpError(400, 'this channel is archived');
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true };
  if (!trimmed.startsWith('/')) {
    // Plain messages are shown; the app does not listen to them.
    state.addMessage({ channel: conv.id, user, text: escapeCommandText(state, trimmed) });
    return { ok: true, kind: 'message' };
  }
  const name = trimmed.split(/\s+/)[0] ?? '';
  const args = trimmed.slice(name.length).trim();
  if (name === INVITE_COMMAND) {
    // Slack's own command: the app never hears of it.
    return { ok: true, kind: 'invite', added: runInvite(state, user, conv, args) };
  }
  if (!(KNOWN_COMMANDS as readonly string[]).includes(name)) {
    postSlackbotNotice(state, conv.id, user, `${name} is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`);
    return { ok: true, kind: 'unknown_command' };
  }
  const where = { user, channel: conv.id, command: name, text: args };
  try {
    const res = await ctx.driver().command(user, conv.id, name, escapeCommandText(state, args));
    applyCommandAck(state, where, res);
    return { ok: res.status === 200, kind: 'command', status: res.status };
  } catch (err) {
    ctx.logger.warn({ err }, 'the console could not deliver a command');
    applyCommandAck(state, where, { status: 0, body: undefined, error: 'dispatch_failed' });
    return { ok: false, kind: 'command', status: 0 };
  }
}

async function action(ctx: ApiContext, body: unknown): Promise<unknown> {
  const b = parse(schemas.action, body);
  requireUser(ctx, b.user);
  const { state } = ctx.workspace;
  let target: { messageTs: string } | { viewId: string };
  if (b.viewId !== undefined) {
    const view = state.views.get(b.viewId);
    if (!view || view.user !== b.user) throw new ConsoleHttpError(404, 'no such view');
    // Slack sends what the person has typed so far along with an action in a modal.
    if (b.values) view.stateValues = typedValues(view, b.values as ViewValues);
    target = { viewId: b.viewId };
  } else if (b.messageTs !== undefined && b.channel !== undefined) {
    target = { messageTs: b.messageTs };
  } else {
    throw new ConsoleHttpError(400, 'an action needs a message (channel and messageTs) or a viewId');
  }
  const res = await ctx.driver().blockAction(b.user, b.channel, target, b.action as ActionInput);
  return { ok: res.status === 200, status: res.status };
}

async function submit(ctx: ApiContext, body: unknown): Promise<unknown> {
  const b = parse(schemas.submit, body);
  requireUser(ctx, b.user);
  const view = ctx.workspace.state.views.get(b.viewId);
  if (!view || view.user !== b.user) throw new ConsoleHttpError(404, 'no such view');
  const res = await ctx.driver().viewSubmission(b.user, b.viewId, b.values as ViewValues);
  return { ok: res.status === 200, status: res.status, ack: res.body ?? null };
}

/** Someone typed in a type-ahead menu of their form: what Slack would show from the app's answer. */
async function suggest(ctx: ApiContext, body: unknown): Promise<unknown> {
  const b = parse(schemas.suggest, body);
  requireUser(ctx, b.user);
  const view = ctx.workspace.state.views.get(b.viewId);
  if (!view || view.user !== b.user) throw new ConsoleHttpError(404, 'no such view');
  const res = await ctx.driver().blockSuggestion(b.user, b.viewId, b.actionId, b.value);
  return { ok: !res.asked || (res.status === 200 && res.problems.length === 0), value: b.value, shown: res.shown, problems: res.problems };
}

async function close(ctx: ApiContext, body: unknown): Promise<unknown> {
  const b = parse(schemas.close, body);
  requireUser(ctx, b.user);
  const view = ctx.workspace.state.views.get(b.viewId);
  if (!view || view.user !== b.user) throw new ConsoleHttpError(404, 'no such view');
  await ctx.driver().viewClosed(b.user, b.viewId);
  return { ok: true };
}

async function home(ctx: ApiContext, body: unknown): Promise<unknown> {
  const b = parse(schemas.home, body);
  requireUser(ctx, b.user);
  const res = await ctx.driver().appHomeOpened(b.user);
  return { ok: res.status === 200, status: res.status };
}

async function runHook(ctx: ApiContext, name: keyof DemoHooks): Promise<boolean> {
  const hook = ctx.hooks()[name];
  if (!hook) return false;
  await hook();
  return true;
}

async function runDigests(ctx: ApiContext): Promise<unknown> {
  const ran = await runHook(ctx, 'runDueDigests');
  return { ok: true, digests: ran, now: ctx.clock.now() };
}

async function checkAlerts(ctx: ApiContext): Promise<unknown> {
  const ran = await runHook(ctx, 'checkAlerts');
  return { ok: true, alerts: ran, now: ctx.clock.now() };
}

async function advance(ctx: ApiContext, body: unknown): Promise<unknown> {
  const { ms } = parse(schemas.advance, body);
  if (typeof ctx.clock.advance !== 'function') throw new ConsoleHttpError(409, "this app's clock cannot be moved");
  ctx.clock.advance(ms);
  await ctx.hooks().clockMoved?.();
  ctx.clockMoved(ctx.clock.now());
  // What would have happened while the time passed: digests that came due, alert checks.
  const digests = await runHook(ctx, 'runDueDigests');
  const alerts = await runHook(ctx, 'checkAlerts');
  return { ok: true, now: ctx.clock.now(), digests, alerts };
}

export const API_ROUTES: Readonly<Record<string, (ctx: ApiContext, body: unknown) => Promise<unknown>>> = {
  command,
  action,
  'view/submit': submit,
  'view/close': close,
  'view/suggest': suggest,
  home,
  'demo/run-digests': (ctx) => runDigests(ctx),
  'demo/check-alerts': (ctx) => checkAlerts(ctx),
  'demo/advance': advance,
};
