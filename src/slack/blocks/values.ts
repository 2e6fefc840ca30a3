/**
 * State carried by buttons and menu options (`value`, at most 2,000 characters for buttons and
 * 150 for options). Decoders treat the value as untrusted input: anything malformed is null.
 */
import type { SnoozeFor } from '../../domain/subscription';
import { parseIsoDate, type IsoDate } from '../../domain/time';
import { GROUP_ID_PATTERN, USER_GRANULARITIES, type UserGranularity } from '../../domain/occupancy';
import { checkPeriod, type RangeUnit } from '../../domain/period';
import { MAX_COMPARE, MIN_COMPARE } from '../parser/compare';

export interface ReportButtonValue {
  readonly kind: 'building' | 'zone' | 'zones';
  readonly id: number;
  /** A range answer's buttons: its last day (what "Alert me…" reads). */
  readonly date: IsoDate;
  readonly granularity: UserGranularity;
  /** Set on a range answer's buttons: the range they show. */
  readonly range?: { readonly from: IsoDate; readonly to: IsoDate; readonly unit: RangeUnit };
  /** Set when the answer was asked for a group: its id, so the next answer reads the same group. */
  readonly group?: string;
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

/** The group part of an answer's button value: present only when the answer was asked for a group. */
export function groupValue(view: { readonly groupId?: string }): { group?: string } {
  return view.groupId !== undefined ? { group: view.groupId } : {};
}

export function encodeReportValue(v: ReportButtonValue): string {
  const range = v.range ? { range: { from: v.range.from, to: v.range.to, unit: v.range.unit } } : {};
  const group = v.group !== undefined ? { group: v.group } : {};
  return JSON.stringify({ kind: v.kind, id: v.id, date: v.date, granularity: v.granularity, ...range, ...group });
}

function decodeRange(v: unknown): ReportButtonValue['range'] | null {
  if (typeof v !== 'object' || v === null) return null;
  const { from, to, unit } = v as Record<string, unknown>;
  const period = checkPeriod(from, to);
  if (period === null || (unit !== 'week' && unit !== 'month' && unit !== 'days')) return null;
  return { ...period, unit };
}

export function decodeReportValue(value: string | null | undefined): ReportButtonValue | null {
  const o = parseObject(value);
  if (!o) return null;
  const { kind, id, date, granularity } = o;
  if (kind !== 'building' && kind !== 'zone' && kind !== 'zones') return null;
  if (!isId(id) || typeof date !== 'string' || parseIsoDate(date) === null) return null;
  const g = USER_GRANULARITIES.find((x) => x === granularity);
  if (!g) return null;
  if (o.group !== undefined && (typeof o.group !== 'string' || !GROUP_ID_PATTERN.test(o.group))) return null;
  const group = typeof o.group === 'string' ? { group: o.group.toLowerCase() } : {};
  if (o.range === undefined) return { kind, id, date, granularity: g, ...group };
  const range = decodeRange(o.range);
  return range && kind !== 'zones' ? { kind, id, date, granularity: g, range, ...group } : null;
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

/** A comparison's buttons: who is compared, and the day or range they show. */
export interface CompareButtonValue {
  readonly compare: 'building' | 'zone';
  readonly ids: readonly number[];
  /** A day comparison (absent: each subject's latest day). */
  readonly date?: IsoDate;
  readonly range?: { readonly from: IsoDate; readonly to: IsoDate; readonly unit: RangeUnit };
}

export function encodeCompareValue(v: CompareButtonValue): string {
  return JSON.stringify({ compare: v.compare, ids: v.ids, ...(v.date ? { date: v.date } : {}), ...(v.range ? { range: v.range } : {}) });
}

/** Two to six distinct ids of one kind, and at most one of a date and a range; null for anything else. */
export function decodeCompareValue(value: string | null | undefined): CompareButtonValue | null {
  const o = parseObject(value);
  if (!o) return null;
  const { compare, ids, date } = o;
  if (compare !== 'building' && compare !== 'zone') return null;
  if (!Array.isArray(ids) || ids.length < MIN_COMPARE || ids.length > MAX_COMPARE || !ids.every(isId) || new Set(ids).size !== ids.length) return null;
  if (date !== undefined && (typeof date !== 'string' || parseIsoDate(date) === null)) return null;
  const range = o.range === undefined ? undefined : decodeRange(o.range);
  if (range === null || (range !== undefined && date !== undefined)) return null;
  return { compare, ids: ids as number[], ...(typeof date === 'string' ? { date } : {}), ...(range ? { range } : {}) };
}
