/**
 * The InnerSpace port: what the rest of the bot may ask of InnerSpace, in our own types.
 * The GraphQL adapter (client.ts) implements it against the real API or the simulator.
 */
export const GRANULARITIES = ['PT15M', 'PT1H', 'P1D', 'P1W', 'P1M'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Granularities a user may ask for in a command. */
export const USER_GRANULARITIES = ['PT15M', 'PT1H', 'P1D'] as const satisfies readonly Granularity[];

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

export interface InsightQuery {
  /** Building ids (BUILDING_INSIGHTS, ZONE_TYPE_INSIGHTS) or zone ids (ZONE_INSIGHTS). */
  ids: readonly number[];
  /** Inclusive DATE_PARTITION range, YYYYMMDD. */
  from: number;
  to: number;
  granularity: Granularity;
  /** Group id; the configured default when omitted. */
  groupId?: string;
  /** Restrict to these sites (optional). */
  siteIds?: readonly number[];
  /** Zone types, for ZONE_TYPE_INSIGHTS (optional). */
  zoneTypes?: readonly string[];
  /**
   * Only buckets starting at or after this instant (epoch ms). Used by alert evaluation to
   * fetch what was published since a watermark; applied server side when supported.
   */
  startFrom?: number;
  /**
   * IANA zone used to read timestamps that come without a `Z` or an offset. When omitted, the
   * client uses the zone of the row's site or building.
   */
  timeZone?: string;
}

export interface InnerSpacePort {
  buildings(): Promise<Building[]>;
  /** null when the building does not exist or is not visible to these credentials. */
  building(id: number): Promise<Building | null>;
  floors(buildingId: number): Promise<Floor[]>;
  sites(buildingId: number): Promise<Site[]>;
  /** Zones by ids, by sites, or both. */
  zones(filter: { ids?: readonly number[]; siteIds?: readonly number[] }): Promise<Zone[]>;
  groups(): Promise<Group[]>;
  buildingInsights(q: InsightQuery): Promise<InsightRow[]>;
  zoneInsights(q: InsightQuery): Promise<InsightRow[]>;
  zoneTypeInsights(q: InsightQuery): Promise<InsightRow[]>;
}
