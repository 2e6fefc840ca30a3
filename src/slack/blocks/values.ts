/**
 * State carried by buttons and menu options (`value`, at most 2,000 characters for buttons and
 * 150 for options). Decoders treat the value as untrusted input: anything malformed is null.
 */
import type { SnoozeFor } from '../../domain/subscription';
import { parseIsoDate, type IsoDate } from '../../domain/time';
import { USER_GRANULARITIES } from '../../domain/occupancy';
import type { UserGranularity } from '../../domain/occupancy';

export interface ReportButtonValue {
  readonly kind: 'building' | 'zone' | 'zones';
  readonly id: number;
  readonly date: IsoDate;
  readonly granularity: UserGranularity;
}


export interface SnoozeValue {
  readonly id: number;
  readonly snooze: SnoozeFor;
}

/** A conversation id: public (C), private (G) or direct (D). The one pattern every decoder checks. */
export const CHANNEL_ID_RE = /^[CDG][A-Z0-9]{2,30}$/;

export function isChannelId(v: unknown): v is string {
  return typeof v === 'string' && CHANNEL_ID_RE.test(v);
}

/** A JSON object from untrusted text (button values, private_metadata); null for anything else. */
export function parseObject(value: string | null | undefined, maxLength = 2000): Record<string, unknown> | null {
  if (typeof value !== 'string' || value.length > maxLength) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function isId(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

export function encodeReportValue(v: ReportButtonValue): string {
  return JSON.stringify({ kind: v.kind, id: v.id, date: v.date, granularity: v.granularity });
}

export function decodeReportValue(value: string | null | undefined): ReportButtonValue | null {
  const o = parseObject(value);
  if (!o) return null;
  const { kind, id, date, granularity } = o;
  if (kind !== 'building' && kind !== 'zone' && kind !== 'zones') return null;
  if (!isId(id) || typeof date !== 'string' || parseIsoDate(date) === null) return null;
  const g = USER_GRANULARITIES.find((x) => x === granularity);
  if (!g) return null;
  return { kind, id, date, granularity: g };
}

/** `{"id":7}`: the subscription or digest a button acts on. */
export function encodeIdValue(id: number): string {
  return JSON.stringify({ id });
}

export function decodeIdValue(value: string | null | undefined): number | null {
  const o = parseObject(value);
  return o && isId(o.id) ? o.id : null;
}

export function encodeSnoozeValue(v: SnoozeValue): string {
  return JSON.stringify({ id: v.id, snooze: v.snooze });
}

export function decodeSnoozeValue(value: string | null | undefined): SnoozeValue | null {
  const o = parseObject(value);
  if (!o || !isId(o.id)) return null;
  const snooze = o.snooze;
  return snooze === 'PT1H' || snooze === 'P1D' || snooze === 'P1W' ? { id: o.id, snooze } : null;
}
