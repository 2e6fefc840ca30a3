/**
 * Help (also the answer to an unknown subcommand), the buildings list, and the one-line
 * acknowledgements sent before any upstream call.
 */
import type { ParsedCommand } from '../parser/types';
import { context, header, message, section, type KnownBlock, type SlackMessage } from './kit';
import { echoCode, escapeMrkdwn, safeName } from './mrkdwn';
import type { BuildingsView } from '../../views/index';

export interface HelpOptions {
  /** The word that was not understood; `message` (from the parser) replaces the default sentence. */
  readonly unknown?: { readonly word: string; readonly message?: string };
}

const LOOK_UP = [
  '*Look things up*',
  '`/occupancy buildings` — the buildings you can see, with ids and time zones',
  '`/occupancy building 71` — the latest published day of building 71',
  '`/occupancy building 71 monday PT15M` — a given day, in 15-minute buckets (`PT15M`, `PT1H`, `P1D`)',
  '`/occupancy zone 71001 2026-11-20` — one zone on a date',
  '`/occupancy building 71 last week` — a range by day: `this week`, `last 7 days`, `last 4 weeks`, `this month`, `last month`, `2026-10-01..2026-11-20`',
  '`/occupancy zones 71 yesterday` — the busiest zones of building 71',
  '`/occupancy compare 71 104 last week` — up to 6 buildings side by side on a day or a range (`compare zones 71001 71002` for zones)',
  '`/occupancy building 71 yesterday group Engineering` — one group (a department) instead of everyone; `/occupancy groups` lists them',
].join('\n');

const DIGESTS = [
  '*Digests*',
  '`/occupancy digest` — set one up in a form',
  '`/occupancy digest add building 71 building 104 at 08:00 weekdays in Europe/London #facilities`',
  '`/occupancy digest add building 71 weekly on monday at 09:00` — last week’s summary every Monday',
  '`/occupancy digest history 1` — its last runs: sent, late, skipped or failed, and why · `digest preview 1` — what the channel would get, shown only to you',
  '`/occupancy digest list` · `digest send 1` · `digest pause 1` · `digest resume 1` · `digest remove 1`',
].join('\n');

const ALERTS = [
  '*Alerts*',
  '`/occupancy subscribe` — set one up in a form',
  '`/occupancy subscribe building 71 above 120 for 2h recover below 100 #facilities`',
  '`/occupancy subscribe zone 71001 below 10% daily me`',
  '`/occupancy subscribe building 71 above 130% of usual for 2h` — compared with the same weekday and hour over the last 4 weeks',
  '`/occupancy subscriptions` · `/occupancy unsubscribe 1`',
].join('\n');

/**
 * A word that is no subcommand: what was not understood and the nearest command, if any, in a
 * few lines; the whole help is one `/occupancy help` away rather than printed again.
 */
export function buildUnknownWordMessage(unknown: { readonly word: string; readonly message: string; readonly suggestion?: string }): SlackMessage {
  const attempt = unknown.suggestion !== undefined ? ` Try ${echoCode(`/occupancy ${unknown.suggestion}`)}.` : '';
  const more = '`/occupancy help` shows everything I can do.';
  return message(`${unknown.message}${attempt} ${more}`, [section(`${unknown.message}${attempt}`), context([more])]);
}

export function buildHelpMessage(options: HelpOptions = {}): SlackMessage {
  const blocks: KnownBlock[] = [];
  let lead = '';
  if (options.unknown) {
    lead = options.unknown.message ?? `I didn't understand ${echoCode(options.unknown.word)}.`;
    blocks.push(section(`${lead} Here is what works:`));
  }
  blocks.push(
    header('📊 /occupancy'),
    section("Occupancy from InnerSpace, published nightly: every answer covers a complete day in the building's own time zone."),
    section(LOOK_UP),
    section(DIGESTS),
    section(ALERTS),
    context([
      'Dates: `today`, `yesterday`, `2025-11-20`, or a weekday for the last one. Granularity: `PT15M`, `PT1H` (default) or `P1D`.',
    ]),
  );
  const text = lead ? `${lead} Try \`/occupancy building 71\` or \`/occupancy buildings\`.` : 'Try `/occupancy building 71` or `/occupancy buildings`.';
  return message(text, blocks);
}

const MAX_BUILDING_SECTIONS = 40;
const SECTION_BUDGET = 2900;

export function buildBuildingsMessage(view: BuildingsView): SlackMessage {
  const blocks: KnownBlock[] = [header('🏢 Buildings you can see')];
  if (view.buildings.length === 0) {
    blocks.push(section("I can't see any buildings with these credentials. Ask whoever runs this bot to check its InnerSpace group."));
    return message("I can't see any buildings with these credentials.", blocks);
  }
  const sorted = [...view.buildings].sort((a, b) => a.id - b.id);
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const b of sorted) {
    const line = `*${b.id}* · ${safeName(b.name)} · ${escapeMrkdwn(b.timeZone)}`;
    if (current && current.length + 1 + line.length > SECTION_BUDGET) {
      if (sections.length + 1 >= MAX_BUILDING_SECTIONS) break;
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    shown += 1;
  }
  if (current) sections.push(current);
  blocks.push(...sections.map((text) => section(text)));
  const rest = sorted.length - shown;
  const more = rest > 0 ? `…and ${rest} more. ` : '';
  blocks.push(context([`${more}\`/occupancy building &lt;id&gt;\` shows a building's latest day.`]));
  return message(`${sorted.length} ${sorted.length === 1 ? 'building' : 'buildings'}: ${sorted.slice(0, 20).map((b) => `${safeName(b.name, 40)} (${b.id})`).join(', ')}${sorted.length > 20 ? ', …' : ''}`, blocks);
}

/** The notice shown before a slow answer (listeners/occupancy/slow-notice.ts); null for commands that need none. */
export function lookingUpText(command: ParsedCommand): string | null {
  switch (command.kind) {
    case 'building':
      return `Looking up building ${command.id}…`;
    case 'zone':
      return `Looking up zone ${command.id}…`;
    case 'zones':
      return `Looking up the zones of building ${command.buildingId}…`;
    case 'range':
      return `Looking up ${command.scope} ${command.id}, ${command.range.text}…`;
    case 'compare':
      return `Comparing ${command.scope === 'zone' ? 'zones ' : ''}${command.ids.join(', ')}…`;
    case 'buildings':
      return 'Looking up your buildings…';
    case 'groups':
      return 'Looking up the groups…';
    case 'subscriptions':
      return 'Looking up your subscriptions…';
    case 'unsubscribe':
      return `Removing subscription #${command.id}…`;
    case 'subscribe':
      return command.action === 'add' ? 'Setting up your alert…' : null;
    case 'digest':
      switch (command.action) {
        case 'add':
          return 'Setting up the digest…';
        case 'list':
          return "Looking up this channel's digests…";
        case 'send':
          return `Sending digest #${command.id}…`;
        case 'remove':
          return `Removing digest #${command.id}…`;
        case 'pause':
          return `Pausing digest #${command.id}…`;
        case 'resume':
          return `Resuming digest #${command.id}…`;
        case 'history':
          return `Looking up digest #${command.id}'s runs…`;
        case 'preview':
          return `Building a preview of digest #${command.id}…`;
        default:
          return null;
      }
    default:
      return null;
  }
}
