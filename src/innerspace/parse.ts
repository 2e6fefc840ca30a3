import { IANAZone } from 'luxon';
import { UpstreamBadDataError } from '../errors';
import type { InsightRoot, Root } from './queries';
import { parseTimestamp } from './timestamps';
import { GRANULARITIES, type Floor, type Granularity, type Group, type InsightRow, type Site, type Zone } from '../domain/occupancy';

/**
 * Turns rows from the wire into our types, checking every value. A bad value fails the whole
 * answer with UPSTREAM_BAD_DATA naming the root, field and row index (never the payload):
 * a wrong number shown to a facilities team is worse than no number.
 */

type RawRow = Record<string, unknown>;

function badData(root: Root, field: string, index: number, reason: string): UpstreamBadDataError {
  return new UpstreamBadDataError(`InnerSpace sent an invalid ${field} in ${root} (row ${index}): ${reason}`, {
    upstream: 'innerspace',
    operation: root,
    field,
    row: index,
    reason,
  });
}

/** The list under `root` in a GraphQL `data` object. */
export function rowsOf(data: unknown, root: Root): RawRow[] {
  const list = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[root] : undefined;
  if (!Array.isArray(list)) {
    throw new UpstreamBadDataError(`InnerSpace sent no ${root} list`, { upstream: 'innerspace', operation: root, field: root, reason: 'not a list' });
  }
  list.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw badData(root, root, i, 'row is not an object');
  });
  return list as RawRow[];
}

/** Hasura may send bigint/numeric columns as strings; accept plain decimal text as a number. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim())) return Number(v);
  return undefined;
}

class RowReader {
  constructor(
    private readonly root: Root,
    private readonly row: RawRow,
    private readonly index: number,
  ) {}

  fail(field: string, reason: string): UpstreamBadDataError {
    return badData(this.root, field, this.index, reason);
  }

  private present(field: string): unknown {
    const v = this.row[field];
    return v === undefined ? null : v;
  }

  id(field: string): number {
    const v = this.optionalId(field);
    if (v === null) throw this.fail(field, 'missing');
    return v;
  }

  optionalId(field: string): number | null {
    const raw = this.present(field);
    if (raw === null) return null;
    const n = asNumber(raw);
    if (n === undefined || !Number.isSafeInteger(n) || n <= 0) throw this.fail(field, 'not a positive whole number');
    return n;
  }

  int(field: string): number | null {
    const raw = this.present(field);
    if (raw === null) return null;
    const n = asNumber(raw);
    if (n === undefined || !Number.isSafeInteger(n)) throw this.fail(field, 'not a whole number');
    return n;
  }

  /** Occupancy-like numbers: finite and non-negative. */
  amount(field: string): number | null {
    const raw = this.present(field);
    if (raw === null) return null;
    const n = asNumber(raw);
    if (n === undefined || !Number.isFinite(n)) throw this.fail(field, 'not a finite number');
    if (n < 0) throw this.fail(field, 'negative');
    return n;
  }

  requiredAmount(field: string): number {
    const v = this.amount(field);
    if (v === null) throw this.fail(field, 'missing');
    return v;
  }

  text(field: string): string | null {
    const raw = this.present(field);
    if (raw === null) return null;
    if (typeof raw !== 'string') throw this.fail(field, 'not text');
    return raw;
  }

  requiredText(field: string): string {
    const v = this.text(field);
    if (v === null || v.trim() === '') throw this.fail(field, 'missing');
    return v;
  }

  /** An unusable zone name is treated as unknown rather than fatal: the caller has fallbacks. */
  timeZone(field: string): string | null {
    const v = this.text(field);
    return v !== null && IANAZone.isValidZone(v) ? v : null;
  }

  datePartition(field: string): number {
    const n = this.id(field);
    const y = Math.floor(n / 10000);
    const m = Math.floor(n / 100) % 100;
    const d = n % 100;
    const date = new Date(Date.UTC(y, m - 1, d));
    if (y < 1900 || y > 2999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) throw this.fail(field, 'not a YYYYMMDD date');
    return n;
  }
}

/** An insight row whose start may still need a time zone. */
export interface PendingInsightRow {
  row: InsightRow;
  /** Set when DATE_TIME_START had no `Z` or offset; `row.start` is then NaN until resolved. */
  naive: string | null;
  index: number;
}

export function parseInsightRows(
  root: InsightRoot,
  data: unknown,
  expect: { granularity: Granularity; degraded: boolean },
): PendingInsightRow[] {
  return rowsOf(data, root).map((raw, index) => {
    const r = new RowReader(root, raw, index);
    const startText = r.requiredText('DATE_TIME_START');
    const ts = parseTimestamp(startText);
    if (ts.kind === 'invalid') throw r.fail('DATE_TIME_START', 'not an ISO-8601 timestamp');
    const granularity = r.requiredText('GRANULARITY');
    if (!(GRANULARITIES as readonly string[]).includes(granularity)) throw r.fail('GRANULARITY', 'unknown granularity');
    if (granularity !== expect.granularity) throw r.fail('GRANULARITY', 'not the granularity asked for');
    const row: InsightRow = {
      buildingId: root === 'BUILDING_INSIGHTS' ? r.id('BUILDING_ID') : r.optionalId('BUILDING_ID'),
      siteId: r.optionalId('SITE_ID'),
      zoneId: root === 'ZONE_INSIGHTS' ? r.id('ZONE_ID') : null,
      zoneType: root === 'ZONE_TYPE_INSIGHTS' ? r.requiredText('ZONE_TYPE') : null,
      datePartition: r.datePartition('DATE_PARTITION'),
      start: ts.kind === 'instant' ? ts.millis : Number.NaN,
      startText,
      granularity: granularity as Granularity,
      groupId: r.requiredText('GROUP_ID'),
      occupancyMean: r.requiredAmount('OCCUPANCY_MEAN'),
      occupancyPosMean: expect.degraded ? null : r.amount('OCCUPANCY_POS_MEAN'),
      occupancyMax: expect.degraded ? null : r.amount('OCCUPANCY_MAX'),
    };
    return { row, naive: ts.kind === 'naive' ? ts.text : null, index };
  });
}

/** Bucket order: by start, then by what the bucket belongs to, so equal starts keep a stable order. */
export function compareInsightRows(a: InsightRow, b: InsightRow): number {
  return (
    a.start - b.start ||
    (a.buildingId ?? 0) - (b.buildingId ?? 0) ||
    (a.siteId ?? 0) - (b.siteId ?? 0) ||
    (a.zoneId ?? 0) - (b.zoneId ?? 0) ||
    (a.zoneType ?? '').localeCompare(b.zoneType ?? '')
  );
}

/** A BUILDING row; `timeZone` is null when the field is missing, degraded away or unusable. */
export interface BuildingRow {
  id: number;
  name: string;
  timeZone: string | null;
}

export function parseBuildings(data: unknown): BuildingRow[] {
  return rowsOf(data, 'BUILDING').map((raw, i) => {
    const r = new RowReader('BUILDING', raw, i);
    const id = r.id('ID');
    const name = r.text('NAME');
    return { id, name: name && name.trim() ? name : `Building ${id}`, timeZone: r.timeZone('TIME_ZONE') };
  });
}

export function parseSites(data: unknown): Site[] {
  return rowsOf(data, 'SITE').map((raw, i) => {
    const r = new RowReader('SITE', raw, i);
    return {
      id: r.id('ID'),
      buildingId: r.id('BUILDING_ID'),
      floorId: r.optionalId('FLOOR_ID'),
      code: r.text('SITE_CODE'),
      timeZone: r.timeZone('TIME_ZONE'),
    };
  });
}

export function parseFloors(data: unknown): Floor[] {
  return rowsOf(data, 'FLOOR').map((raw, i) => {
    const r = new RowReader('FLOOR', raw, i);
    const id = r.id('ID');
    const name = r.text('NAME');
    return {
      id,
      buildingId: r.id('BUILDING_ID'),
      name: name && name.trim() ? name : `Floor ${id}`,
      level: r.int('LEVEL'),
      code: r.text('FLOOR_CODE'),
      timeZone: r.timeZone('TIME_ZONE'),
    };
  });
}

export function parseZones(data: unknown, degraded: boolean): Zone[] {
  return rowsOf(data, 'ZONE').map((raw, i) => {
    const r = new RowReader('ZONE', raw, i);
    const id = r.id('ID');
    const name = r.text('NAME');
    const capacity = degraded ? null : r.amount('CAPACITY');
    if (capacity !== null && !Number.isInteger(capacity)) throw r.fail('CAPACITY', 'not a whole number');
    return { id, siteId: r.id('SITE_ID'), name: name && name.trim() ? name : `Zone ${id}`, zoneType: r.text('ZONE_TYPE'), capacity };
  });
}

export function parseGroups(data: unknown): Group[] {
  return rowsOf(data, 'GROUP').map((raw, i) => {
    const r = new RowReader('GROUP', raw, i);
    const id = r.requiredText('ID');
    const name = r.text('NAME');
    return { id, name: name && name.trim() ? name : id };
  });
}
