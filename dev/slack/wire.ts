import { DateTime } from 'luxon';
import type { WorkspaceState } from './state';
import type { FileRef, StoredChannel, StoredFile, StoredMessage, StoredUser } from './types';

/** Stored records in the JSON shapes the Web API answers with. */

export function wireMessage(state: WorkspaceState, m: StoredMessage): Record<string, unknown> {
  const out: Record<string, unknown> = { type: 'message', ts: m.ts, user: m.user, text: m.text, team: state.team.id };
  if (m.botId !== undefined) {
    out.bot_id = m.botId;
    out.app_id = state.bot.appId;
    out.bot_profile = { id: m.botId, app_id: state.bot.appId, name: state.bot.name, team_id: state.team.id, deleted: false };
  }
  if (m.blocks !== undefined) out.blocks = m.blocks;
  if (m.attachments !== undefined) out.attachments = m.attachments;
  if (m.metadata !== undefined) out.metadata = m.metadata;
  if (m.files !== undefined) {
    out.files = m.files.map(wireFileRef);
    out.upload = true;
  }
  if (m.username !== undefined) out.username = m.username;
  if (m.iconEmoji !== undefined || m.iconUrl !== undefined) out.icons = { emoji: m.iconEmoji, image_48: m.iconUrl };
  if (m.edited !== undefined) out.edited = m.edited;
  if (m.subtype !== undefined) out.subtype = m.subtype;
  if (m.inviter !== undefined) out.inviter = m.inviter;
  if (m.threadTs !== undefined) {
    out.thread_ts = m.threadTs;
    if (m.threadTs === m.ts) {
      const stats = state.replyStats(m);
      Object.assign(out, { reply_count: stats.count, reply_users: stats.users, reply_users_count: stats.users.length, latest_reply: stats.latest ?? m.ts });
    } else {
      out.parent_user_id = state.findMessage(m.channel, m.threadTs)?.user;
      if (m.replyBroadcast) out.subtype = 'thread_broadcast';
    }
  }
  return out;
}

export function wireChannel(state: WorkspaceState, c: StoredChannel): Record<string, unknown> {
  const isMember = state.isBotMember(c);
  if (c.isIm) {
    return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.imUser, is_user_deleted: false, priority: 0, is_open: true };
  }
  return {
    id: c.id, name: c.name, name_normalized: c.name, created: c.created, creator: '',
    is_channel: !c.isPrivate, is_group: c.isPrivate && !c.isMpim, is_im: false, is_mpim: c.isMpim, is_private: c.isPrivate,
    is_archived: c.isArchived, is_general: c.name === 'general', is_shared: false, is_ext_shared: false, is_org_shared: false,
    is_member: isMember, num_members: c.members.size,
    topic: { value: c.topic, creator: '', last_set: 0 }, purpose: { value: '', creator: '', last_set: 0 },
    context_team_id: state.team.id,
  };
}

export function wireUser(state: WorkspaceState, u: StoredUser, nowMs: number): Record<string, unknown> {
  const zone = DateTime.fromMillis(nowMs, { zone: u.tz });
  const offsetSec = zone.isValid ? zone.offset * 60 : 0;
  return {
    id: u.id, team_id: state.team.id, name: u.name, deleted: state.isDeactivated(u.id), real_name: u.realName,
    tz: u.tz, tz_label: zone.isValid ? zone.offsetNameLong ?? u.tz : u.tz, tz_offset: offsetSec,
    is_admin: u.isAdmin, is_owner: u.isOwner, is_primary_owner: u.isOwner, is_restricted: false, is_ultra_restricted: false,
    is_bot: u.isBot, is_app_user: false, updated: 0,
    ...(u.isBot ? { profile: { real_name: u.realName, display_name: u.name, bot_id: state.bot.botId, api_app_id: state.bot.appId, team: state.team.id } }
      : { profile: { real_name: u.realName, display_name: u.name, real_name_normalized: u.realName, display_name_normalized: u.name, team: state.team.id } }),
  };
}

export function wireFileRef(f: FileRef): Record<string, unknown> {
  return { id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, filetype: f.name.split('.').pop() ?? 'binary', size: f.size, url_private: f.urlPrivate, permalink: f.permalink };
}

export function wireFile(state: WorkspaceState, f: StoredFile, ref: FileRef): Record<string, unknown> {
  return {
    ...wireFileRef(ref), created: Math.floor(f.created / 1000), timestamp: Math.floor(f.created / 1000), user: state.bot.userId,
    is_external: false, is_public: f.channels.some((c) => state.getChannel(c)?.isPrivate === false), channels: f.channels,
    ...(f.altText !== undefined ? { alt_txt: f.altText } : {}),
  };
}
