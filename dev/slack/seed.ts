import type { BotIdentity, ChannelSeed, TeamInfo, UserSeed } from './types';

/** The workspace local mode starts with; every part can be replaced through the options. */
export const DEFAULT_TEAM: TeamInfo = { id: 'T0LOCAL', name: 'Local workspace', domain: 'local-workspace' };

export const DEFAULT_BOT: BotIdentity = { userId: 'U0LOCALBOT', botId: 'B0LOCALBOT', appId: 'A0LOCALAPP', name: 'occupancy' };

export const DEFAULT_BOT_TOKEN = 'xoxb-local-workspace-bot';
export const DEFAULT_APP_TOKEN = 'xapp-1-local-workspace-app';

export const DEFAULT_USERS: readonly UserSeed[] = [
  { id: 'U0LOCALADM', name: 'ada', realName: 'Ada (admin)', tz: 'Europe/London', isAdmin: true, isOwner: true },
  { id: 'U0LOCAL001', name: 'grace', realName: 'Grace', tz: 'America/New_York' },
  { id: 'U0LOCAL002', name: 'linus', realName: 'Linus', tz: 'Europe/Helsinki' },
  { id: 'U0LOCAL003', name: 'margaret', realName: 'Margaret', tz: 'America/Los_Angeles' },
];

const EVERYONE = DEFAULT_USERS.map((u) => u.id);

export const DEFAULT_CHANNELS: readonly ChannelSeed[] = [
  { id: 'C0GENERAL', name: 'general', members: EVERYONE, botMember: true, topic: 'Company-wide announcements' },
  { id: 'C0FACILITY', name: 'facilities', members: ['U0LOCALADM', 'U0LOCAL001', 'U0LOCAL002'], botMember: true, topic: 'Buildings, desks and rooms' },
  { id: 'C0RANDOM', name: 'random', members: EVERYONE, botMember: false },
  { id: 'C0EXEC', name: 'exec', isPrivate: true, members: ['U0LOCALADM', 'U0LOCAL002'], botMember: false },
  { id: 'C0ARCHIVE', name: 'old-office', isArchived: true, members: ['U0LOCALADM', 'U0LOCAL001'], botMember: true },
  // Conversations the bot is not part of: a group DM and a direct message between two people.
  { id: 'G0TRIO', name: 'mpdm-grace--linus--margaret-1', type: 'mpim', members: ['U0LOCAL001', 'U0LOCAL002', 'U0LOCAL003'] },
  { id: 'D0GRACELIN', name: 'grace-linus', type: 'im', members: ['U0LOCAL001', 'U0LOCAL002'] },
];
