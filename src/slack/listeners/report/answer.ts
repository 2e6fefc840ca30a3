/**
 * A report request turned into a message: the report service's view drawn by a pure builder,
 * or the words for whatever went wrong. Never throws.
 */
import type { UserGranularity } from '../../../domain/occupancy';
import type { Logger } from '../../../logging/logger';
import { buildBuildingsMessage } from '../../blocks/help';
import { buildGroupsMessage } from '../../blocks/groups';
import type { SlackMessage } from '../../blocks/kit';
import { buildReportMessage } from '../../blocks/report';
import { buildZonesMessage } from '../../blocks/zones';
import { buildRangeMessage } from '../../blocks/range';
import type { RangeRequest } from '../../../services/range-report';
import type { CompareRequest } from '../../../services/compare';
import { buildCompareMessage } from '../../blocks/compare';
import { errorReply, type ListenerDeps } from '../context';

/** `group`: a group's name as typed, or its id from a button; absent for the default group. */
export type ReportRequest =
  | { readonly kind: 'buildings' }
  | { readonly kind: 'groups' }
  | { readonly kind: 'building' | 'zone'; readonly id: number; readonly date: string | null; readonly granularity: UserGranularity; readonly group?: string }
  | { readonly kind: 'zones'; readonly id: number; readonly date: string | null; readonly group?: string }
  | { readonly kind: 'range'; readonly request: RangeRequest }
  | { readonly kind: 'compare'; readonly request: CompareRequest };

// Builders are pure and the report service reuses view objects for a minute, so a message is
// built once per view. Weak keys: nothing outlives the views themselves.
const rendered = new WeakMap<object, SlackMessage>();
function once<V extends object>(view: V, build: (v: V) => SlackMessage): SlackMessage {
  let msg = rendered.get(view);
  if (!msg) {
    msg = build(view);
    rendered.set(view, msg);
  }
  return msg;
}

function withSharer<V extends { readonly sharedBy?: string }>(view: V, sharedBy: string | undefined, build: (v: V) => SlackMessage): SlackMessage {
  return sharedBy === undefined ? once(view, build) : build({ ...view, sharedBy });
}

export async function answerReport(
  reports: ListenerDeps['reports'],
  req: ReportRequest,
  log: Logger,
  sharedBy?: string,
): Promise<{ ok: boolean; message: SlackMessage }> {
  try {
    switch (req.kind) {
      case 'buildings':
        return { ok: true, message: once(await reports.buildings(), buildBuildingsMessage) };
      case 'groups':
        return { ok: true, message: buildGroupsMessage(await reports.groupList()) };
      case 'building':
        return { ok: true, message: withSharer(await reports.building(req), sharedBy, buildReportMessage) };
      case 'zone':
        return { ok: true, message: withSharer(await reports.zone(req), sharedBy, buildReportMessage) };
      case 'zones':
        return { ok: true, message: withSharer(await reports.zones({ buildingId: req.id, date: req.date, ...(req.group !== undefined ? { group: req.group } : {}) }), sharedBy, buildZonesMessage) };
      case 'range':
        return { ok: true, message: withSharer(await reports.range(req.request), sharedBy, buildRangeMessage) };
      case 'compare':
        return { ok: true, message: withSharer(await reports.compare(req.request), sharedBy, buildCompareMessage) };
    }
  } catch (err) {
    const about =
      req.kind === 'range'
        ? { kind: req.request.kind, id: req.request.id }
        : req.kind === 'compare'
          ? { kind: req.request.kind ?? 'building' }
          : { kind: req.kind, ...('id' in req ? { id: req.id } : {}) };
    return { ok: false, message: errorReply(err, about, log.child({ request: req })) };
  }
}
