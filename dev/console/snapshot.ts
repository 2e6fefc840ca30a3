/**
 * What the page shows, as one JSON answer for the person it is acting as: their conversations,
 * one conversation's timeline, an open thread, their top modal and their App Home.
 */
import type { SlackWorkspace } from '../slack';
import type { StoredChannel, StoredMessage, StoredView } from '../slack/types';
import type { WorkspaceState } from '../slack/state';

/** Author id of the notices the console posts in Slack's own name (unknown commands, failures). */
export const SLACKBOT_ID = 'USLACKBOT';

export interface ConsoleMessage {
  readonly ts: string;
  readonly channel: string;
  readonly user: string;
  readonly author: string;
  readonly isBot: boolean;
  readonly text: string;
  readonly blocks?: unknown[];
  readonly attachments?: unknown[];
  readonly files?: { id: string; name: string; title: string; mimetype: string; url: string }[];
  readonly threadTs?: string;
  readonly replyCount: number;
  readonly edited: boolean;
  readonly ephemeral: boolean;
  readonly broadcast: boolean;
}

export interface ConsoleChannel {
  readonly id: string;
  readonly name: string;
  readonly isPrivate: boolean;
  readonly isIm: boolean;
  readonly isArchived: boolean;
  readonly botMember: boolean;
  readonly topic: string;
  /** ts of the newest message this person can see there, for unread marks. */
  readonly latestTs: string | null;
}

export interface ConsoleView {
  readonly id: string;
  readonly type: 'modal' | 'home';
  readonly hash: string;
  readonly title?: unknown;
  readonly submit?: unknown;
  readonly close?: unknown;
  readonly blocks: unknown[];
  readonly callbackId: string;
  readonly errors: Record<string, string>;
  readonly stateValues: Record<string, Record<string, unknown>>;
  /** Modals open under this one. */
  readonly depth: number;
}

export interface ConsoleSnapshot {
  readonly team: { id: string; name: string };
  readonly bot: { userId: string; name: string };
  readonly viewer: string;
  readonly users: { id: string; name: string; realName: string; tz: string; isBot: boolean; isAdmin: boolean }[];
  readonly channels: ConsoleChannel[];
  /**
   * Every channel this person may see the name of, as Slack names `<#C…>` mentions and fills
   * channel pickers: all public channels, and the private ones they are in.
   */
  readonly directory: { id: string; name: string; isPrivate: boolean; isArchived: boolean }[];
  readonly channel: { id: string; messages: ConsoleMessage[] } | null;
  readonly thread: { channel: string; ts: string; messages: ConsoleMessage[] } | null;
  readonly modal: ConsoleView | null;
  readonly home: ConsoleView | null;
  readonly clock: { now: number };
  readonly demo: { digests: boolean; alerts: boolean };
}

export interface SnapshotQuery {
  readonly user?: string;
  readonly channel?: string;
  readonly thread?: string;
}

/** How Slack shows a member's arrival: who, where, and who added them. */
function joinText(m: StoredMessage): string {
  return `<@${m.user}> joined <#${m.channel}>` + (m.inviter !== undefined && m.inviter !== m.user ? `, added by <@${m.inviter}>` : '');
}

export function messageView(state: WorkspaceState, m: StoredMessage): ConsoleMessage {
  const author = state.getUser(m.user);
  const isRoot = m.threadTs !== undefined && m.threadTs === m.ts;
  return {
    ts: m.ts,
    channel: m.channel,
    user: m.user,
    author: m.username ?? author?.realName ?? (m.user === SLACKBOT_ID ? 'Slackbot' : m.user),
    isBot: m.botId !== undefined || author?.isBot === true || m.user === SLACKBOT_ID,
    text: m.subtype === 'channel_join' ? joinText(m) : m.text,
    ...(m.blocks !== undefined ? { blocks: m.blocks } : {}),
    ...(m.attachments !== undefined ? { attachments: m.attachments } : {}),
    ...(m.files !== undefined
      ? { files: m.files.map((f) => ({ id: f.id, name: f.name, title: f.title, mimetype: f.mimetype, url: `/console/files/${encodeURIComponent(f.id)}` })) }
      : {}),
    ...(m.threadTs !== undefined ? { threadTs: m.threadTs } : {}),
    replyCount: isRoot ? state.replyStats(m).count : 0,
    edited: m.edited !== undefined,
    ephemeral: m.ephemeralFor !== undefined,
    broadcast: m.replyBroadcast === true,
  };
}

export function viewJson(v: StoredView, depth: number): ConsoleView {
  const d = v.definition;
  return {
    id: v.id,
    type: v.type,
    hash: v.hash,
    ...(d.title !== undefined ? { title: d.title } : {}),
    ...(d.submit !== undefined ? { submit: d.submit } : {}),
    ...(d.close !== undefined ? { close: d.close } : {}),
    blocks: Array.isArray(d.blocks) ? d.blocks : [],
    callbackId: typeof d.callback_id === 'string' ? d.callback_id : '',
    errors: v.errors ?? {},
    stateValues: v.stateValues,
    depth,
  };
}

/** Conversations shown in the sidebar: those the person is in, and their DM with the bot. */
export function visibleChannels(state: WorkspaceState, user: string): StoredChannel[] {
  return state.listChannels().filter((c) => (c.isIm && c.imUser !== undefined ? c.imUser === user : c.members.has(user)));
}

/** A conversation's name as its member sees it: the other people of a DM, the channel's name otherwise. */
function sidebarName(state: WorkspaceState, c: StoredChannel, viewer: string): string {
  if (c.isIm && c.imUser !== undefined) return state.bot.name;
  if (!c.isIm && !c.isMpim) return c.name;
  return [...c.members].filter((m) => m !== viewer && m !== state.bot.userId).map((m) => state.getUser(m)?.name ?? m).join(', ');
}

export function buildSnapshot(
  ws: SlackWorkspace,
  query: SnapshotQuery,
  extras: { now: number; demo: { digests: boolean; alerts: boolean } },
): ConsoleSnapshot {
  const state = ws.state;
  const humans = state.listUsers().filter((u) => !u.isBot);
  const viewer = query.user !== undefined && state.getUser(query.user) && !state.getUser(query.user)?.isBot ? query.user : humans[0]?.id ?? '';
  // Slack always lists the app's DM; here it comes into being the first time someone looks.
  if (viewer !== '') state.openIm(viewer);
  const channels = visibleChannels(state, viewer).map((c): ConsoleChannel => ({
    id: c.id,
    name: sidebarName(state, c, viewer),
    isPrivate: c.isPrivate,
    isIm: c.isIm,
    isArchived: c.isArchived,
    botMember: state.isBotMember(c),
    topic: c.topic,
    latestTs: state.timeline(c.id, viewer).at(-1)?.ts ?? null,
  }));
  const directory = state.listChannels()
    .filter((c) => !c.isIm && (!c.isPrivate || c.members.has(viewer)))
    .map((c) => ({ id: c.id, name: sidebarName(state, c, viewer), isPrivate: c.isPrivate, isArchived: c.isArchived }));
  const selected = query.channel !== undefined ? channels.find((c) => c.id === query.channel) : undefined;
  const thread = selected && query.thread !== undefined ? state.thread(selected.id, query.thread, viewer) : [];
  const stack = viewer === '' ? [] : state.views.stack(viewer);
  const top = stack.at(-1);
  const home = viewer === '' ? undefined : state.views.home(viewer);
  return {
    team: { id: state.team.id, name: state.team.name },
    bot: { userId: state.bot.userId, name: state.bot.name },
    viewer,
    users: state.listUsers().map((u) => ({ id: u.id, name: u.name, realName: u.realName, tz: u.tz, isBot: u.isBot, isAdmin: u.isAdmin })),
    channels,
    directory,
    channel: selected ? { id: selected.id, messages: state.timeline(selected.id, viewer).map((m) => messageView(state, m)) } : null,
    thread: selected && thread.length > 0 && query.thread !== undefined
      ? { channel: selected.id, ts: query.thread, messages: thread.map((m) => messageView(state, m)) }
      : null,
    modal: top ? viewJson(top, stack.length - 1) : null,
    home: home ? viewJson(home, 0) : null,
    clock: { now: extras.now },
    demo: extras.demo,
  };
}
