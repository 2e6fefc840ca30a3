/**
 * Turns a report request into a message: calls the report service and renders the answer, or
 * the words for whatever went wrong. Never throws.
 */
import { isAppError, toAppError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { ReportService } from '../../services/report';
import { buildErrorMessage, type ErrorSubjectKind } from '../blocks/errors';
import { buildBuildingsMessage } from '../blocks/help';
import type { SlackMessage } from '../blocks/kit';
import { buildReportMessage } from '../blocks/report';
import { buildZonesMessage } from '../blocks/zones';
import type { UserGranularity } from '../parser/types';

export type ReportRequest =
  | { readonly kind: 'buildings' }
  | { readonly kind: 'building' | 'zone'; readonly id: number; readonly date: string | null; readonly granularity: UserGranularity }
  | { readonly kind: 'zones'; readonly id: number; readonly date: string | null };

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

export async function renderReport(
  reports: ReportService,
  req: ReportRequest,
  log: Logger,
  sharedBy?: string,
): Promise<{ ok: boolean; message: SlackMessage }> {
  try {
    switch (req.kind) {
      case 'buildings':
        return { ok: true, message: once(await reports.buildings(), buildBuildingsMessage) };
      case 'building':
        return { ok: true, message: withSharer(await reports.building(req), sharedBy, buildReportMessage) };
      case 'zone':
        return { ok: true, message: withSharer(await reports.zone(req), sharedBy, buildReportMessage) };
      case 'zones':
        return { ok: true, message: withSharer(await reports.zones({ buildingId: req.id, date: req.date }), sharedBy, buildZonesMessage) };
    }
  } catch (err) {
    const e = toAppError(err);
    const expected = isAppError(err) && ['NOT_FOUND', 'NO_DATA', 'BAD_INPUT'].includes(e.code);
    if (expected) log.info({ code: e.code, request: req }, 'report not available');
    else log.error({ err, request: req }, 'report failed');
    const kind: ErrorSubjectKind = req.kind;
    return { ok: false, message: buildErrorMessage(e, { kind, id: 'id' in req ? req.id : undefined }) };
  }
}
