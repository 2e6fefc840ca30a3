/**
 * The occupancy source port: what the rest of the bot may ask of InnerSpace, in our own types.
 * The GraphQL adapter (src/innerspace/client.ts) implements it against the real API or the
 * simulator.
 */
import type { Building, Floor, Granularity, Group, InsightRow, Site, Zone } from '../domain/occupancy';

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
