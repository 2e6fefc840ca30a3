import { IANAZone } from 'luxon';
import { BadInputError } from '../errors';
import { type InsightQuery } from '../ports/occupancy-source';
import { GRANULARITIES, GROUP_ID_PATTERN, type Granularity } from '../domain/occupancy';
import { parseDatePartition } from '../domain/time';

/**
 * Input checks for everything that becomes a GraphQL variable. Values are checked against
 * allow-lists and shapes here, before any upstream call, so a bad value costs nothing and the
 * query text never depends on user input.
 */

/** Zone types are short labels such as "meeting_room" or "Open Desk". */
const ZONE_TYPE_RE = /^[\p{L}\p{N}][\p{L}\p{N} _./&-]{0,63}$/u;
const MAX_IDS = 200;
const MAX_RANGE_DAYS = 400;
/** Buckets before 2000 or after 2100 are certainly a mistake (and keep Date arithmetic sane). */
const MIN_INSTANT = Date.UTC(2000, 0, 1);
const MAX_INSTANT = Date.UTC(2100, 0, 1);

function bad(message: string, field: string): BadInputError {
  return new BadInputError(message, { field });
}

export function checkId(value: unknown, field = 'id'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw bad(`${field} must be a positive whole number`, field);
  }
  return value;
}

/** Non-empty list of ids, returned sorted and without duplicates (a stable cache key). */
export function checkIds(value: unknown, field = 'ids'): number[] {
  if (!Array.isArray(value) || value.length === 0) throw bad(`${field} must be a non-empty list of ids`, field);
  if (value.length > MAX_IDS) throw bad(`${field} may hold at most ${MAX_IDS} ids`, field);
  const ids = value.map((v) => checkId(v, field));
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** DATE_PARTITION: an integer YYYYMMDD that is a real calendar date. */
export function checkDatePartition(value: unknown, field = 'date'): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 19000101 || value > 29991231) {
    throw bad(`${field} must be a date written as YYYYMMDD`, field);
  }
  if (parseDatePartition(value) === null) throw bad(`${field} is not a calendar date`, field);
  return value;
}

export function checkGranularity(value: unknown): Granularity {
  if (typeof value !== 'string' || !(GRANULARITIES as readonly string[]).includes(value)) {
    throw bad(`granularity must be one of ${GRANULARITIES.join(', ')}`, 'granularity');
  }
  return value as Granularity;
}

export function checkGroupId(value: unknown): string {
  if (typeof value !== 'string' || !GROUP_ID_PATTERN.test(value)) throw bad('group id must be a UUID', 'groupId');
  return value.toLowerCase();
}

export function checkZoneTypes(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw bad('zone types must be a non-empty list', 'zoneTypes');
  if (value.length > MAX_IDS) throw bad(`zone types may hold at most ${MAX_IDS} entries`, 'zoneTypes');
  for (const v of value) {
    if (typeof v !== 'string' || !ZONE_TYPE_RE.test(v)) throw bad('zone types must be short labels', 'zoneTypes');
  }
  return [...new Set(value as string[])].sort();
}

export function checkTimeZone(value: unknown, field = 'timeZone'): string {
  if (typeof value !== 'string' || !IANAZone.isValidZone(value)) throw bad(`${field} must be an IANA time zone`, field);
  return value;
}

/** An instant (epoch ms) turned into the ISO text sent as a Timestamp variable. */
export function checkInstant(value: unknown, field = 'startFrom'): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < MIN_INSTANT || value > MAX_INSTANT) {
    throw bad(`${field} must be an instant between 2000 and 2100`, field);
  }
  return new Date(Math.floor(value)).toISOString();
}

/** The checked, normalised form of an InsightQuery: what the query variables and cache key are made of. */
export interface CheckedInsightQuery {
  ids: number[];
  from: number;
  to: number;
  granularity: Granularity;
  groupId: string;
  siteIds: number[] | null;
  zoneTypes: string[] | null;
  startFrom: string | null;
  timeZone: string | null;
}

export function checkInsightQuery(q: InsightQuery, defaultGroupId: string): CheckedInsightQuery {
  if (q === null || typeof q !== 'object') throw bad('query must be an object', 'query');
  const from = checkDatePartition(q.from, 'from');
  const to = checkDatePartition(q.to, 'to');
  if (from > to) throw bad('the start date must not be after the end date', 'from');
  const days = (partitionToMillis(to) - partitionToMillis(from)) / 86_400_000;
  if (days >= MAX_RANGE_DAYS) throw bad(`a date range may cover at most ${MAX_RANGE_DAYS} days`, 'to');
  return {
    ids: checkIds(q.ids),
    from,
    to,
    granularity: checkGranularity(q.granularity),
    groupId: checkGroupId(q.groupId ?? defaultGroupId),
    siteIds: q.siteIds === undefined ? null : checkIds(q.siteIds, 'siteIds'),
    zoneTypes: q.zoneTypes === undefined ? null : checkZoneTypes(q.zoneTypes),
    startFrom: q.startFrom === undefined ? null : checkInstant(q.startFrom),
    timeZone: q.timeZone === undefined ? null : checkTimeZone(q.timeZone),
  };
}

/** Midnight UTC of a YYYYMMDD partition, as epoch ms. */
export function partitionToMillis(p: number): number {
  return Date.UTC(Math.floor(p / 10000), (Math.floor(p / 100) % 100) - 1, p % 100);
}
