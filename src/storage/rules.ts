import { BadInputError } from '../errors';
import type { DigestOptions, DigestRunOutcome } from '../domain/digest';

/**
 * Input rules checked before any SQL runs, so a bad value is BAD_INPUT on every dialect rather
 * than whatever one engine happens to accept or refuse.
 */
const LOCAL_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function assertLocalDate(op: string, localDate: string): void {
  if (!LOCAL_DATE_RE.test(localDate)) {
    throw new BadInputError(`${op}: local date must look like YYYY-MM-DD`, { field: 'localDate', value: localDate });
  }
}

export function normalizeLateMinutes(op: string, lateMinutes: number | undefined): number {
  const value = lateMinutes ?? 0;
  if (!Number.isFinite(value) || value < 0) {
    throw new BadInputError(`${op}: late minutes must be zero or more`, { field: 'lateMinutes', value: lateMinutes });
  }
  return Math.round(value);
}

/** The column values an outcome writes; channelId undefined keeps the one recorded at claim. */
export function outcomeFields(outcome: DigestRunOutcome): { messageTs: string | null; reason: string | null; channelId?: string } {
  if (outcome.state === 'sent') {
    return outcome.channelId === undefined
      ? { messageTs: outcome.messageTs, reason: null }
      : { messageTs: outcome.messageTs, reason: null, channelId: outcome.channelId };
  }
  return { messageTs: null, reason: outcome.reason };
}

/** Keeps the known options only, so what is stored never depends on what else the caller's object held. */
export function pickDigestOptions(o: DigestOptions): DigestOptions {
  return {
    chart: o.chart,
    topZones: o.topZones,
    perFloor: o.perFloor,
    weekOverWeek: o.weekOverWeek,
    skipWhenNoData: o.skipWhenNoData,
  };
}
