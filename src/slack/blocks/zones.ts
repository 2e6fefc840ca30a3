/**
 * `/occupancy zones <building id>`: the busiest zones of a day and a breakdown by zone type.
 */
import { formatDay, formatDayShort } from '../../domain/time';
import { awaitedLine, dataStamp, groupTitle, scopeTitle, scopeTitleMd, zoneTypeMd } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, context, header, message, section, type ActionsBlockElement, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct, safeName, userMention } from './mrkdwn';
import { encodeReportValue, groupValue } from './values';
import type { ZoneRowView, ZonesView } from '../../views/index';

export const TOP_ZONES = 10;
const MAX_ZONE_TYPES = 15;

function meanWithPct(mean: number | null, pct: number | null): string {
  // The heading names the measures: "(average while occupied, % of capacity)".
  if (mean === null) return 'nobody present';
  return `avg ${formatCount(mean)}${pct === null ? '' : ` (${formatPct(pct)})`}`;
}

function zoneLine(zone: ZoneRowView, rank: number): string {
  const type = zone.zoneType ? ` · ${zoneTypeMd(zone.zoneType, 40)}` : '';
  const peak = zone.peak === null ? '' : `, peak ${formatCount(zone.peak)}`;
  return `${rank}. *${safeName(zone.name, 60)}* (${zone.id})${type} — ${meanWithPct(zone.mean, zone.meanPctOfCapacity)}${peak}`;
}

export function buildZonesMessage(view: ZonesView): SlackMessage {
  const day = formatDay(view.date, view.today);
  const top = view.zones.slice(0, TOP_ZONES);
  const blocks: KnownBlock[] = [header(`🏢 ${scopeTitle(view.building.name, view.building.id)} · busiest zones · ${day}${groupTitle(view)}`)];
  if (view.awaitedDate) blocks.push(context([awaitedLine(view.awaitedDate, view.date)]));

  if (top.length === 0) {
    blocks.push(section('No zone data was published for this day.'));
  } else {
    const title = view.zones.length > top.length ? `*Top ${top.length} of ${view.zones.length} zones*` : `*${top.length === 1 ? 'Zone' : `All ${top.length} zones`}*`;
    blocks.push(section(`${title} (average while occupied, % of capacity)\n${top.map((z, i) => zoneLine(z, i + 1)).join('\n')}`));
  }

  if (view.zoneTypes.length > 0) {
    const types = view.zoneTypes.slice(0, MAX_ZONE_TYPES).map((t) => {
      const count = t.zoneCount === null ? '' : ` · ${t.zoneCount} ${t.zoneCount === 1 ? 'zone' : 'zones'}`;
      return `${zoneTypeMd(t.zoneType, 40)} — ${meanWithPct(t.mean, t.meanPctOfCapacity)}${count}`;
    });
    const more = view.zoneTypes.length > MAX_ZONE_TYPES ? `\n…and ${view.zoneTypes.length - MAX_ZONE_TYPES} more types` : '';
    blocks.push(section(`*By zone type*\n${types.join('\n')}${more}`));
  }

  const stamp = dataStamp(view.dataThrough, view.timeZone, view.granularity, view.groupLabel);
  blocks.push(context(view.sharedBy ? [stamp, `Shared by ${userMention(view.sharedBy)}`] : [stamp]));

  if (!view.sharedBy) {
    const value = (date: string) => encodeReportValue({ kind: 'zones', id: view.building.id, date, granularity: view.granularity, ...groupValue(view) });
    const elements: ActionsBlockElement[] = [];
    if (view.previousDate) elements.push(button(`◀ ${formatDayShort(view.previousDate, view.today)}`, ACTION_IDS.previousDay, value(view.previousDate)));
    if (view.nextDate) elements.push(button(`${formatDayShort(view.nextDate, view.today)} ▶`, ACTION_IDS.nextDay, value(view.nextDate)));
    elements.push(button('Share in channel', ACTION_IDS.share, value(view.date)));
    blocks.push(actions(elements));
  }

  const busiest = top[0];
  const lead = busiest ? `: busiest was ${safeName(busiest.name, 60)}, ${meanWithPct(busiest.mean, busiest.meanPctOfCapacity)}` : '';
  return message(`Zones of ${scopeTitleMd(view.building.name, view.building.id)} on ${day}${lead} (nightly data).`, blocks);
}
