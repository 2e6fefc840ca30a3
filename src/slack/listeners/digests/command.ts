/**
 * `/occupancy digest …`: the form, or the text forms add / list / remove / pause / resume /
 * send / history / preview. Each calls the digest service once and renders its answer; errors
 * become words.
 */
import { InternalError } from '../../../errors';
import { buildDigestHistoryMessage } from '../../blocks/digest-history';
import { buildDigestListMessage } from '../../blocks/digest-list';
import { buildDigestPreviewMessages, buildDigestPreviewSkippedMessage } from '../../blocks/digest-preview';
import {
  buildDigestChangedMessage,
  buildDigestNothingToSendMessage,
  buildDigestSavedMessage,
  buildDigestSentMessage,
} from '../../blocks/digest-replies';
import type { DigestCommand } from '../../parser/types';
import { actorOf, errorReply, type Subcommand } from '../context';
import { openDigestForm } from './form';

const CHANGED = { remove: 'removed', pause: 'paused', resume: 'resumed' } as const;

export const digestCommand: Subcommand<DigestCommand> = async (deps, command, who, reply) => {
  const actor = actorOf(who);
  const log = deps.logger.child({ command: 'digest', action: command.action, team: who.teamId, user: who.userId });
  const { digests } = deps;
  try {
    switch (command.action) {
      case 'modal':
        if (!who.triggerId) throw new InternalError('no trigger_id with the command');
        await openDigestForm(deps, actor, who.triggerId, who.channelId, null);
        return;
      case 'add': {
        const saved = await digests.add(actor, command.draft, who.channelId);
        await reply(buildDigestSavedMessage(saved.summary, { mode: 'created', joined: saved.joined }));
        return;
      }
      case 'list':
        await reply(buildDigestListMessage(await digests.list(actor, who.channelId)));
        return;
      case 'remove':
      case 'pause':
      case 'resume': {
        const d = await digests[command.action](actor, command.id);
        await reply(buildDigestChangedMessage(d.id, d.channelId, CHANGED[command.action]));
        return;
      }
      case 'send': {
        const r = await digests.sendNow(actor, command.id);
        await reply(r.sent ? buildDigestSentMessage(r.digest.id, r.digest.channelId) : buildDigestNothingToSendMessage(r.digest.id));
        return;
      }
      case 'history':
        await reply(buildDigestHistoryMessage(await digests.history(actor, command.id)));
        return;
      case 'preview': {
        const p = await digests.preview(actor, command.id);
        const msgs = p.wouldSkip ? [buildDigestPreviewSkippedMessage(p.digest.id, p.digest.channelId)] : buildDigestPreviewMessages(p.view, p.digest.channelId);
        // In order: a long digest's parts read as the channel would see them.
        for (const m of msgs) await reply(m);
        return;
      }
    }
  } catch (err) {
    const origin = { channelId: who.channelId, conversation: who.conversation };
    await reply(errorReply(err, { kind: 'digest', ...('id' in command ? { id: command.id } : {}), origin }, log));
  }
};
