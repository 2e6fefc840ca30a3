/**
 * What a building, its floors, sites and zones are, and one bucket of published occupancy:
 * the occupancy source's records in our own terms.
 */
export const GRANULARITIES = ['PT15M', 'PT1H', 'P1D', 'P1W', 'P1M'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Granularities a user may ask for in a command. */
export const USER_GRANULARITIES = ['PT15M', 'PT1H', 'P1D'] as const satisfies readonly Granularity[];
export type UserGranularity = (typeof USER_GRANULARITIES)[number];

export interface Building {
  id: number;
  name: string;
  /** IANA zone, e.g. "America/Toronto". */
  timeZone: string;
}

export interface Floor {
  id: number;
  buildingId: number;
  name: string;
  level: number | null;
  code: string | null;
  timeZone: string | null;
}

export interface Site {
  id: number;
  buildingId: number;
  floorId: number | null;
  code: string | null;
  timeZone: string | null;
}

export interface Zone {
  id: number;
  siteId: number;
  name: string;
  zoneType: string | null;
  capacity: number | null;
}

export interface Group {
  id: string;
  name: string;
}

/** One parsed insight bucket. */
export interface InsightRow {
  buildingId: number | null;
  siteId: number | null;
  zoneId: number | null;
  zoneType: string | null;
  /** Local date of the bucket as YYYYMMDD. */
  datePartition: number;
  /** Bucket start as epoch milliseconds (UTC instant). */
  start: number;
  /** The raw timestamp text, kept for diagnostics. */
  startText: string;
  granularity: Granularity;
  groupId: string;
  occupancyMean: number;
  /** [GUESS] fields: null when the server does not have them. */
  occupancyPosMean: number | null;
  occupancyMax: number | null;
}

/** The group InnerSpace counts everyone in; the default when none is configured. */
export const NIL_GROUP_ID = '00000000-0000-0000-0000-000000000000';

/** What a group id looks like: a UUID, in either case. */
export const GROUP_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
