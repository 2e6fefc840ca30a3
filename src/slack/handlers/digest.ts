/**
 * `/occupancy digest …`: the form, or the text forms add / list / remove / pause / resume /
 * send. Each calls the digest service once and renders its answer; errors become words.
 */
import { isAppError, toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { DigestService } from '../../services/digests';
import { buildErrorMessage } from '../blocks/errors';
import { buildDigestListMessage } from '../blocks/digest-list';
import { buildDigestModal } from '../blocks/digest-modal';
import {
  buildChannelNameMessage,
  buildDigestChangedMessage,
  buildDigestNothingToSendMessage,
  buildDigestSavedMessage,
  buildDigestSentMessage,
} from '../blocks/digest-replies';
import type { SlackMessage } from '../blocks/kit';
import type { SubcommandHandler } from '../listeners/occupancy-command';
import type { DigestCommand } from '../parser/types';

const EXPECTED = ['NOT_FOUND', 'FORBIDDEN', 'BAD_INPUT', 'SLACK_API', 'NO_DATA'];

/** The words for a failed digest request; never throws. */
export function digestErrorMessage(err: unknown, log: Logger, id?: number): SlackMessage {
  const e = toAppError(err);
  if (EXPECTED.includes(e.code)) log.info({ code: e.code, details: e.details }, 'digest request refused');
  else log.error({ err }, 'digest request failed');
  if (isAppError(err, 'BAD_INPUT') && e.details.reason === 'channel_name' && typeof e.details.input === 'string') {
    return buildChannelNameMessage(e.details.input);
  }
  return buildErrorMessage(e, { kind: 'digest', ...(id !== undefined ? { id } : {}) });
}

export function digestCommandHandler(digests: DigestService, logger: Logger): SubcommandHandler<'digest'> {
  return async (command: DigestCommand, who, respondWith) => {
    const respond = async (msg: SlackMessage): Promise<void> => {
      await respondWith(msg);
    };
    const actor = { teamId: who.teamId, userId: who.userId };
    const log = logger.child({ command: 'digest', action: command.action, team: who.teamId, user: who.userId });
    const id = 'id' in command ? command.id : undefined;
    try {
      switch (command.action) {
        case 'modal':
          if (!who.triggerId) return respond(digestErrorMessage(new Error('no trigger_id with the command'), log));
          await digests.openForm(actor, who.triggerId, who.channelId, null, buildDigestModal);
          return;
        case 'add': {
          const saved = await digests.add(actor, command.draft, who.channelId);
          return respond(buildDigestSavedMessage(saved.summary, { mode: 'created', joined: saved.joined }));
        }
        case 'list':
          return respond(buildDigestListMessage(await digests.list(actor, who.channelId)));
        case 'remove': {
          const d = await digests.remove(actor, command.id);
          return respond(buildDigestChangedMessage(d.id, d.channelId, 'removed'));
        }
        case 'pause': {
          const d = await digests.pause(actor, command.id);
          return respond(buildDigestChangedMessage(d.id, d.channelId, 'paused'));
        }
        case 'resume': {
          const d = await digests.resume(actor, command.id);
          return respond(buildDigestChangedMessage(d.id, d.channelId, 'resumed'));
        }
        case 'send': {
          const r = await digests.sendNow(actor, command.id);
          return respond(r.sent ? buildDigestSentMessage(r.digest.id, r.digest.channelId) : buildDigestNothingToSendMessage(r.digest.id));
        }
      }
    } catch (err) {
      return respond(digestErrorMessage(err, log, id));
    }
  };
}
