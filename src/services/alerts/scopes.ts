/**
 * What an alert needs to know about the building or zone it watches: its name, the zone its
 * clock runs in, and its capacity. Reference data, cached by the InnerSpace client.
 */
import { BadInputError, NotFoundError } from '../../errors';
import type { InnerSpacePort, InsightQuery } from '../../ports/occupancy-source';
import type { InsightRow } from '../../domain/occupancy';
import type { ScopeKind } from '../../domain/subscription';
import { OccupancyData } from '../occupancy-data';
import { GroupDirectory } from '../groups';

export interface ScopeInfo {
  readonly kind: ScopeKind;
  readonly id: number;
  readonly name: string;
  readonly timeZone: string;
  /** Sum of the zones' capacities for a building; null when unknown. */
  readonly capacity: number | null;
  /** Set for a rule on a group other than the default: its name, for every message of the rule. */
  readonly groupLabel?: string;
}

export class ScopeDirectory {
  private readonly data: OccupancyData;
  readonly groups: GroupDirectory;

  constructor(
    private readonly innerspace: InnerSpacePort,
    private readonly groupId: string,
  ) {
    this.data = new OccupancyData(innerspace, groupId);
    this.groups = new GroupDirectory(innerspace, groupId);
  }

  /** The scope as a rule on `groupId` shows it: named with its group; as it is for the default (null). */
  async withGroup(scope: ScopeInfo, groupId: string | null): Promise<ScopeInfo> {
    return groupId === null ? scope : { ...scope, groupLabel: await this.groups.label(groupId) };
  }

  /** NOT_FOUND (with kind and id, for the words) when InnerSpace does not know it. */
  async get(kind: ScopeKind, id: number): Promise<ScopeInfo> {
    if (kind === 'building') {
      const layout = await this.data.layout(id);
      return { kind, id, name: layout.building.name, timeZone: layout.building.timeZone, capacity: layout.capacity };
    }
    const located = await this.data.locateZone(id);
    const capacity = located.zone.capacity !== null && located.zone.capacity > 0 ? located.zone.capacity : null;
    return { kind, id, name: located.zone.name, timeZone: located.building.timeZone, capacity };
  }

  /** Like get, but a name to show even when InnerSpace cannot be asked (lists must still render). */
  async describe(kind: ScopeKind, id: number): Promise<ScopeInfo> {
    try {
      return await this.get(kind, id);
    } catch (err) {
      if (err instanceof BadInputError) throw err;
      return { kind, id, name: kind === 'building' ? 'Building' : 'Zone', timeZone: 'UTC', capacity: null };
    }
  }

  /** Insight rows of a scope: the one query of a tick or a backtest; the default group's unless one is named. */
  insights(kind: ScopeKind, q: InsightQuery): Promise<InsightRow[]> {
    const query: InsightQuery = { ...q, groupId: q.groupId ?? this.groupId };
    return kind === 'building' ? this.innerspace.buildingInsights(query) : this.innerspace.zoneInsights(query);
  }
}

export function notFoundSubscription(id: number): NotFoundError {
  return new NotFoundError('subscription', id);
}
