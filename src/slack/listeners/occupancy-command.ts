import type { App, RespondArguments } from '@slack/bolt';
import { buildHelpMessage, lookingUpText } from '../blocks/help';
import { buildInputErrorMessage } from '../blocks/errors';
import type { SlackMessage } from '../blocks/kit';
import type { SlackDeps, Requester, Responder } from '../handlers/context';
import { renderReport } from '../handlers/report';
import { parseCommand } from '../parser';
import type { ParsedCommand } from '../parser/types';

export const COMMAND = '/occupancy';

/** A handler for subcommands owned by another feature (digests, subscriptions). */
export type FeatureCommand = Extract<ParsedCommand, { kind: 'digest' | 'subscribe' | 'subscriptions' | 'unsubscribe' }>;
export type SubcommandHandler<K extends FeatureCommand['kind'] = FeatureCommand['kind']> = (
  command: Extract<FeatureCommand, { kind: K }>,
  who: Requester,
  respond: Responder,
) => Promise<void>;
export type SubcommandHandlers = { readonly [K in FeatureCommand['kind']]?: SubcommandHandler<K> };

/**
 * `/occupancy …`: parse, acknowledge at once (help and input errors are the whole answer;
 * everything else gets "Looking up…"), then answer through response_url. No upstream call
 * happens before the ack.
 */
export function registerOccupancyCommand(app: App, deps: SlackDeps, subcommands: SubcommandHandlers): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    const parsed = parseCommand(command.text ?? '');
    const who: Requester = {
      teamId: command.team_id,
      userId: command.user_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
    };
    const log = deps.logger.child({ command: parsed.kind, team: who.teamId, user: who.userId });
    const immediate = immediateAnswer(parsed, deps.subscriptionsEnabled);
    if (immediate) {
      await ack({ response_type: 'ephemeral', ...immediate });
      return;
    }
    const lookingUp = lookingUpText(parsed);
    await ack(lookingUp ? { response_type: 'ephemeral', text: lookingUp } : undefined);
    // A new ephemeral message: the "Looking up…" ack is not a message a response_url can replace.
    const reply: Responder = (msg) => respond({ response_type: 'ephemeral', ...msg } as RespondArguments);

    deps.inflight.run(
      async () => {
        switch (parsed.kind) {
          case 'buildings':
            return reply((await renderReport(deps.reports, { kind: 'buildings' }, log)).message);
          case 'building':
          case 'zone':
            return reply(
              (await renderReport(deps.reports, { kind: parsed.kind, id: parsed.id, date: parsed.date?.text ?? null, granularity: parsed.granularity }, log))
                .message,
            );
          case 'zones':
            return reply((await renderReport(deps.reports, { kind: 'zones', id: parsed.buildingId, date: parsed.date?.text ?? null }, log)).message);
          case 'digest':
            return subcommands.digest ? subcommands.digest(parsed, who, reply) : reply(buildHelpMessage({ subscriptionsEnabled: deps.subscriptionsEnabled }));
          case 'subscribe':
            return subcommands.subscribe ? subcommands.subscribe(parsed, who, reply) : reply(buildHelpMessage({ subscriptionsEnabled: deps.subscriptionsEnabled }));
          case 'subscriptions':
            return subcommands.subscriptions
              ? subcommands.subscriptions(parsed, who, reply)
              : reply(buildHelpMessage({ subscriptionsEnabled: deps.subscriptionsEnabled }));
          case 'unsubscribe':
            return subcommands.unsubscribe
              ? subcommands.unsubscribe(parsed, who, reply)
              : reply(buildHelpMessage({ subscriptionsEnabled: deps.subscriptionsEnabled }));
          default:
            return reply(buildHelpMessage({ subscriptionsEnabled: deps.subscriptionsEnabled }));
        }
      },
      (err) => log.error({ err }, 'answering /occupancy failed'),
    );
  });
}

/** Answers that need nothing but the text: help, input errors, unknown words. */
function immediateAnswer(parsed: ParsedCommand, subscriptionsEnabled: boolean): SlackMessage | null {
  switch (parsed.kind) {
    case 'help':
      return buildHelpMessage({ subscriptionsEnabled });
    case 'unknown':
      return buildHelpMessage({ unknown: { word: parsed.word, message: parsed.message }, subscriptionsEnabled });
    case 'error':
      return buildInputErrorMessage(parsed);
    default:
      return null;
  }
}
