import { DEFAULT_DIGEST_OPTIONS, type Digest } from '../../src/domain/digest';

/** A stored digest of one building, weekdays at 08:00 UTC: what a digest pass is handed. */
export function oneBuildingDigest(id: number, buildingId: number): Digest {
  return {
    id,
    teamId: 'T0',
    channelId: 'C0',
    createdBy: 'U0',
    buildingIds: [buildingId],
    timeOfDay: '08:00',
    days: [1, 2, 3, 4, 5],
    timeZone: 'UTC',
    cadence: 'daily',
    options: DEFAULT_DIGEST_OPTIONS,
    groupId: null,
    status: 'active',
    pausedReason: null,
    createdAt: 0,
    updatedAt: 0,
  };
}
