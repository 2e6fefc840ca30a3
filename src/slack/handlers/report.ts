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

export async function renderReport(
  reports: ReportService,
  req: ReportRequest,
  log: Logger,
  sharedBy?: string,
): Promise<{ ok: boolean; message: SlackMessage }> {
  try {
    switch (req.kind) {
      case 'buildings':
        return { ok: true, message: buildBuildingsMessage(await reports.buildings()) };
      case 'building':
        return { ok: true, message: buildReportMessage({ ...(await reports.building(req)), sharedBy }) };
      case 'zone':
        return { ok: true, message: buildReportMessage({ ...(await reports.zone(req)), sharedBy }) };
      case 'zones':
        return { ok: true, message: buildZonesMessage({ ...(await reports.zones({ buildingId: req.id, date: req.date })), sharedBy }) };
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
