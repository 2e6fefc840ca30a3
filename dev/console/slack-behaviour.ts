/**
 * What Slack itself does around an app's answers, for the console: how a typed command reaches
 * the app (entities escaped, #channel and @person linked, as `should_escape: true` asks), and
 * how the command's acknowledgement shows up in the conversation.
 */
import type { DriverResult } from '../slack';
import type { WorkspaceState } from '../slack/state';
import { SLACKBOT_ID } from './snapshot';

export function escapeCommandText(state: WorkspaceState, text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(/(^|\s)([#@])([a-z0-9][a-z0-9._-]*)/gi, (whole, lead: string, sigil: string, name: string) => {
    if (sigil === '#') {
      const c = state.resolveChannel(name.toLowerCase());
      return c && !c.isIm ? `${lead}<#${c.id}|${c.name}>` : whole;
    }
    const u = state.listUsers().find((x) => x.name === name.toLowerCase());
    return u ? `${lead}<@${u.id}|${u.name}>` : whole;
  });
}

/** A notice from Slack itself, seen only by `user` (an unknown command, an app that failed). */
export function postSlackbotNotice(state: WorkspaceState, channel: string, user: string, text: string): void {
  state.addMessage({ channel, user: SLACKBOT_ID, username: 'Slackbot', text, ephemeralFor: user });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A command's ack: a body with text or blocks is shown at once (only to the person unless
 * `in_channel`, which also shows what they typed); an error or no answer in time shows
 * Slack's own failure notice.
 */
export function applyCommandAck(
  state: WorkspaceState,
  where: { user: string; channel: string; command: string; text: string },
  res: DriverResult | { status: 0; body: undefined; error: string },
): void {
  if (res.status !== 200) {
    const error = 'error' in res ? res.error : res.status === 0 ? 'operation_timeout' : 'http_service_error';
    postSlackbotNotice(state, where.channel, where.user, `${where.command} failed with the error "${error}"`);
    return;
  }
  const body = res.body;
  if (body === undefined || body === '') return;
  if (typeof body === 'string') {
    state.addMessage({ channel: where.channel, user: state.bot.userId, botId: state.bot.botId, text: body, ephemeralFor: where.user });
    return;
  }
  if (!isObj(body) || (body.text === undefined && body.blocks === undefined)) return;
  const content = {
    text: typeof body.text === 'string' ? body.text : '',
    ...(Array.isArray(body.blocks) ? { blocks: body.blocks as unknown[] } : {}),
  };
  if (body.response_type === 'in_channel') {
    state.addMessage({ channel: where.channel, user: where.user, text: `${where.command} ${where.text}`.trim() });
    state.addMessage({ channel: where.channel, user: state.bot.userId, botId: state.bot.botId, ...content });
    return;
  }
  state.addMessage({ channel: where.channel, user: state.bot.userId, botId: state.bot.botId, ...content, ephemeralFor: where.user });
}
