/**
 * Slack's own `/invite @person [#channel]`, which the bot tells people to use when it is not in
 * a channel: adds each person named (the bot too) to the open channel, or to the channel named,
 * as conversations.invite does; refusals come back as Slackbot's notice, only to the inviter.
 */
import { SlackMethodError } from '../slack/errors';
import type { WorkspaceState } from '../slack/state';
import type { StoredChannel } from '../slack/types';
import { postSlackbotNotice } from './slack-behaviour';

export const INVITE_COMMAND = '/invite';

const USAGE = 'To add someone to this channel, type `/invite @name` (several names are fine; add `#channel` for another channel you are in).';

function refusal(code: string, who: string, channel: StoredChannel, here: boolean): string {
  const where = here ? 'this channel' : `<#${channel.id}>`;
  switch (code) {
    case 'already_in_channel':
      return `${who} is already in ${where}.`;
    case 'cant_invite_self':
      return `You're already in ${where}.`;
    case 'is_archived':
      return `${here ? 'This channel' : `<#${channel.id}>`} is archived: no one can be added to it.`;
    case 'method_not_supported_for_channel_type':
      return "You can't add people to a direct message. Start a channel with them instead.";
    case 'not_in_channel':
      return `You can only add people to a channel you are in, and you aren't in <#${channel.id}>.`;
    default:
      return `${who} could not be added (${code}).`;
  }
}

/** Runs `/invite <args>` typed by `user` in `current`; true when anyone was added. */
export function runInvite(state: WorkspaceState, user: string, current: StoredChannel, args: string): boolean {
  const words = args.split(/\s+/).filter((w) => w !== '');
  const names = words.filter((w) => w.startsWith('@')).map((w) => w.slice(1).toLowerCase()).filter((n) => n !== '');
  const channelWords = words.filter((w) => w.startsWith('#'));
  const other = words.filter((w) => !w.startsWith('@') && !w.startsWith('#'));
  if (names.length === 0 || channelWords.length > 1 || other.length > 0) {
    postSlackbotNotice(state, current.id, user, USAGE);
    return false;
  }
  let target = current;
  if (channelWords[0] !== undefined) {
    const named = state.resolveChannel(channelWords[0].slice(1).toLowerCase());
    // A private channel of others does not exist as far as this person can tell.
    if (!named || named.isIm || (named.isPrivate && !named.members.has(user))) {
      postSlackbotNotice(state, current.id, user, `There is no channel called ${channelWords[0]} that you can see.`);
      return false;
    }
    target = named;
  }
  let added = false;
  for (const name of names) {
    const person = state.listUsers().find((u) => u.name === name);
    if (!person) {
      postSlackbotNotice(state, current.id, user, `No one here is called @${name}. Check the name and try again.`);
      continue;
    }
    try {
      state.invite(target, user, person.id);
      added = true;
    } catch (err) {
      if (!(err instanceof SlackMethodError)) throw err;
      postSlackbotNotice(state, current.id, user, refusal(err.error, `<@${person.id}>`, target, target.id === current.id));
    }
  }
  return added;
}
