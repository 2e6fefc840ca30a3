/**
 * `/occupancy …`: parse, acknowledge at once (help and input errors are the whole answer;
 * everything else gets an empty ack), then answer through response_url: a report, or the
 * subcommand of the feature that owns it — the one message the question leaves, with a
 * "Looking up…" notice before it only when it is slow (slow-notice.ts). No upstream call
 * happens before the ack. When too much is already waiting to be answered, the ack says so
 * and nothing is taken on.
 */
import { buildBusyMessage, buildInputErrorMessage } from '../../blocks/errors';
import { buildHelpMessage, buildUnknownWordMessage, lookingUpText } from '../../blocks/help';
import type { SlackMessage } from '../../blocks/kit';
import type { ParsedCommand } from '../../parser/types';
import { subscribeCommand, subscriptionsCommand, unsubscribeCommand } from '../alerts';
import type { Logger } from '../../../logging/logger';
import { requesterOf, responder, roomForAnswer, type CommandArgs, type CommandRequester, type Listener, type ListenerDeps, type Responder } from '../context';
import { digestCommand } from '../digests';
import { SLOW_NOTICE_MS, withSlowNotice } from './slow-notice';
import { answerReport } from '../report/answer';
import { lookingUpNames, readCommand, resolveNames, type ReadCommand } from './names';

export const COMMAND = '/occupancy';

/** The group a command names, as the report request carries it; nothing for the default. */
function groupOf(parsed: { readonly group?: { readonly text: string } }): { group?: string } {
  return parsed.group ? { group: parsed.group.text } : {};
}

/** Answers that need nothing but the text: help, input errors, unknown words. */
function immediateAnswer(parsed: ParsedCommand): SlackMessage | null {
  switch (parsed.kind) {
    case 'help':
      return buildHelpMessage();
    case 'unknown':
      return buildUnknownWordMessage(parsed);
    case 'error':
      return buildInputErrorMessage(parsed);
    default:
      return null;
  }
}

export const occupancyCommand: Listener<CommandArgs> = (deps) => async ({ command, ack, respond }) => {
  const read = readCommand(command.text ?? '');
  const parsed = read.parsed;
  const who: CommandRequester = { ...requesterOf(command), channelId: command.channel_id };
  const log = deps.logger.child({ command: parsed.kind, team: who.teamId, user: who.userId });
  const immediate = immediateAnswer(parsed);
  if (immediate) {
    await ack({ response_type: 'ephemeral', ...immediate });
    return;
  }
  if (!roomForAnswer(deps, log)) {
    await ack({ response_type: 'ephemeral', ...buildBusyMessage() });
    return;
  }
  await ack();
  const onError = (err: unknown) => log.error({ err }, 'answering /occupancy failed');
  const slow = withSlowNotice(responder(deps, respond), lookingUpNames(read, lookingUpText(parsed)), deps.slowNoticeMs ?? SLOW_NOTICE_MS, onError);
  deps.inflight.run(async () => {
    try {
      await runCommand(deps, read, who, slow.reply, log);
    } finally {
      await slow.done();
    }
  }, onError);
};

/**
 * A command after its ack: its names resolved (or the choices offered), then answered. A
 * candidate's button runs here too, with the command it carries.
 */
export async function runCommand(deps: ListenerDeps, read: ReadCommand, who: CommandRequester, reply: Responder, log: Logger): Promise<unknown> {
  const resolved = await resolveNames(deps, read, log);
  if (resolved.kind === 'choice') return reply(resolved.message);
  const parsed = resolved.parsed;
  const immediate = immediateAnswer(parsed);
  if (immediate) return reply(immediate);
  switch (parsed.kind) {
    case 'buildings':
      return reply((await answerReport(deps.reports, { kind: 'buildings' }, log)).message);
    case 'groups':
      return reply((await answerReport(deps.reports, { kind: 'groups' }, log)).message);
    case 'building':
    case 'zone':
      return reply((await answerReport(deps.reports, { kind: parsed.kind, id: parsed.id, date: parsed.date?.text ?? null, granularity: parsed.granularity, ...groupOf(parsed) }, log)).message);
    case 'zones':
      return reply((await answerReport(deps.reports, { kind: 'zones', id: parsed.buildingId, date: parsed.date?.text ?? null, ...groupOf(parsed) }, log)).message);
    case 'range':
      return reply(
        (await answerReport(deps.reports, { kind: 'range', request: { kind: parsed.scope, id: parsed.id, spec: parsed.range.spec, words: parsed.range.text, ...groupOf(parsed) } }, log)).message,
      );
    case 'compare': {
      const range = parsed.range && { spec: parsed.range.spec, words: parsed.range.text };
      const request = { kind: parsed.scope, ids: parsed.ids, date: parsed.date?.text ?? null, range };
      return reply((await answerReport(deps.reports, { kind: 'compare', request }, log)).message);
    }
    case 'digest':
      return digestCommand(deps, parsed, who, reply);
    case 'subscribe':
      return subscribeCommand(deps, parsed, who, reply);
    case 'subscriptions':
      return subscriptionsCommand(deps, parsed, who, reply);
    case 'unsubscribe':
      return unsubscribeCommand(deps, parsed, who, reply);
    default:
      return reply(buildHelpMessage());
  }
}
