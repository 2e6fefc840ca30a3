/**
 * The bot token's scopes, as Slack grants them from the app's manifest, and the scope each Web
 * API method needs. A call without its scope answers `missing_scope` with `needed` and
 * `provided`, as Slack does; conversation methods need the read scope of the conversation's
 * type (channels:, groups:, im:, mpim:).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import type { WorkspaceCore } from './methods/context';
import type { StoredChannel } from './types';

/** manifest.yml's `oauth_config.scopes.bot`, found above this file (repository or image root). */
export function manifestScopes(start: string = __dirname): string[] {
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'manifest.yml');
    if (existsSync(file)) {
      const doc = parse(readFileSync(file, 'utf8')) as { oauth_config?: { scopes?: { bot?: unknown } } };
      const bot = doc.oauth_config?.scopes?.bot;
      if (!Array.isArray(bot) || !bot.every((s) => typeof s === 'string')) throw new Error(`${file} has no oauth_config.scopes.bot list`);
      return bot as string[];
    }
    if (dirname(dir) === dir) throw new Error(`no manifest.yml above ${start}`);
  }
}

type Kind = 'channels' | 'groups' | 'im' | 'mpim';

function kindOf(c: StoredChannel): Kind {
  if (c.isIm) return 'im';
  if (c.isMpim) return 'mpim';
  return c.isPrivate ? 'groups' : 'channels';
}

const TYPE_KIND: Record<string, Kind> = { public_channel: 'channels', private_channel: 'groups', im: 'im', mpim: 'mpim' };

const FIXED: Readonly<Record<string, string>> = {
  'chat.postMessage': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.update': 'chat:write',
  'chat.delete': 'chat:write',
  'conversations.join': 'channels:join',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
};

/** Methods whose scope follows the conversation named by `channel`: read or history. */
const BY_CONVERSATION: Readonly<Record<string, 'read' | 'history'>> = {
  'conversations.info': 'read',
  'conversations.members': 'read',
  'conversations.history': 'history',
  'conversations.replies': 'history',
};

/** Every scope a method of this workspace can ask for: for tests of the workspace itself. */
export const ALL_SCOPES: readonly string[] = [
  ...new Set([
    ...Object.values(FIXED), 'chat:write.public', 'commands', 'im:write', 'mpim:write',
    ...(['channels', 'groups', 'im', 'mpim'] as const).flatMap((k) => [`${k}:read`, `${k}:history`]),
  ]),
];

/** The scopes a call needs (all of them), given its arguments; empty when none. */
export function neededScopes(method: string, args: Record<string, unknown>, core: WorkspaceCore): string[] {
  const fixed = FIXED[method];
  if (fixed) return [fixed];
  const per = BY_CONVERSATION[method];
  if (per) {
    const ref = typeof args.channel === 'string' ? core.state.getChannel(args.channel) : undefined;
    // One the bot cannot see is the method's own channel_not_found: its type is not the bot's to know.
    return ref && core.state.botCanSee(ref) ? [`${kindOf(ref)}:${per}`] : [];
  }
  if (method === 'conversations.open') {
    const users = typeof args.users === 'string' ? args.users.split(',').filter((u) => u.trim() !== '') : [];
    return [users.length > 1 ? 'mpim:write' : 'im:write'];
  }
  if (method === 'conversations.list' || method === 'users.conversations') {
    const types = typeof args.types === 'string' ? args.types.split(',').map((t) => t.trim()) : ['public_channel'];
    return types.flatMap((t) => (TYPE_KIND[t] ? [`${TYPE_KIND[t]}:read`] : []));
  }
  return [];
}

/** The first needed scope the token lacks, or undefined. */
export function missingScope(granted: ReadonlySet<string>, needed: readonly string[]): string | undefined {
  return needed.find((s) => !granted.has(s));
}
