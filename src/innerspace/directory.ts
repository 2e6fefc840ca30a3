import type { BuildingRow } from './parse';
import type { Building, Floor, Site } from '../domain/occupancy';

/**
 * The building list, assembled from what the server offers. BUILDING and its TIME_ZONE are
 * guesses; SITE and FLOOR are documented and carry TIME_ZONE, so they fill the gaps.
 */

/** Zone used when nothing names one; reported so an operator can fix the data. */
export const FALLBACK_TIME_ZONE = 'UTC';

export interface Directory {
  buildings: Building[];
  /** Buildings for which no time zone was found anywhere. */
  withoutTimeZone: number[];
}

/** First usable zone per building, in row order (sites and floors come ordered by id). */
function zonesByBuilding(rows: ReadonlyArray<{ buildingId: number; timeZone: string | null }>): Map<number, string> {
  const out = new Map<number, string>();
  for (const r of rows) if (r.timeZone && !out.has(r.buildingId)) out.set(r.buildingId, r.timeZone);
  return out;
}

/**
 * @param rows BUILDING rows, or null when the server has no BUILDING root (then the list comes
 *   from the distinct BUILDING_ID of the SITE rows).
 */
export function assembleDirectory(rows: readonly BuildingRow[] | null, sites: readonly Site[], floors: readonly Floor[]): Directory {
  const base: BuildingRow[] =
    rows !== null
      ? [...rows]
      : [...new Set(sites.map((s) => s.buildingId))].map((id) => ({ id, name: `Building ${id}`, timeZone: null }));
  const siteZones = zonesByBuilding([...sites].sort((a, b) => a.id - b.id));
  const floorZones = zonesByBuilding([...floors].sort((a, b) => a.id - b.id));
  const withoutTimeZone: number[] = [];
  const seen = new Set<number>();
  const buildings: Building[] = [];
  for (const b of base) {
    if (seen.has(b.id)) continue;
    seen.add(b.id);
    const timeZone = b.timeZone ?? siteZones.get(b.id) ?? floorZones.get(b.id) ?? null;
    if (timeZone === null) withoutTimeZone.push(b.id);
    buildings.push(Object.freeze({ id: b.id, name: b.name, timeZone: timeZone ?? FALLBACK_TIME_ZONE }));
  }
  buildings.sort((a, b) => a.id - b.id);
  return { buildings, withoutTimeZone };
}
