import { fail } from '../errors';
import { wireUser } from '../wire';
import type { MethodContext, MethodHandler } from './context';
import { str } from './access';
import { page } from './conversations';

function info({ args, core }: MethodContext): Record<string, unknown> {
  const id = str(args, 'user');
  const user = id === undefined ? undefined : core.state.getUser(id);
  if (!user) fail('user_not_found');
  return { user: wireUser(core.state, user, core.now()) };
}

function list({ args, core }: MethodContext): Record<string, unknown> {
  const { items, nextCursor } = page(core.state.listUsers(), args);
  return {
    members: items.map((u) => wireUser(core.state, u, core.now())),
    cache_ts: Math.floor(core.now() / 1000),
    response_metadata: { next_cursor: nextCursor },
  };
}

function authTest({ core }: MethodContext): Record<string, unknown> {
  const { team, bot } = core.state;
  return {
    url: `${core.baseUrl()}/`, team: team.name, user: bot.name, team_id: team.id, user_id: bot.userId,
    bot_id: bot.botId, is_enterprise_install: false,
  };
}

/** Socket Mode: a one-time ws:// URL on this same server (served by socket.ts). */
function connectionsOpen({ core }: MethodContext): Record<string, unknown> {
  const ticket = core.caps.mintTicket();
  return { url: `${core.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${core.state.bot.appId}` };
}

export const userMethods: Record<string, MethodHandler> = {
  'users.info': info,
  'users.list': list,
  'auth.test': authTest,
  'apps.connections.open': connectionsOpen,
};
