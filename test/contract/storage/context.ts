import type { Store } from '../../../src/ports/store';
import type { NewSubscription } from '../../../src/domain/subscription';
import type { NewDigest } from '../../../src/domain/digest';

/** What one dialect offers the contract suite. */
export interface StoreHarness {
  store: Store;
  /** Releases everything the harness created (files, databases, connections). Called after each test. */
  cleanup: () => Promise<void>;
  /**
   * Closes `store` and opens a new Store over the same data, as a process restart would. The
   * harness's cleanup must also release the reopened store.
   */
  reopen: () => Promise<Store>;
}

export type MakeStore = (options: { now: () => number }) => Promise<StoreHarness>;

/** A clock the suite moves by hand, so stamps can be asserted exactly. */
export class ManualClock {
  constructor(private t: number) {}
  now = (): number => this.t;
  advance(ms: number): number {
    this.t += ms;
    return this.t;
  }
}

export const T0 = Date.parse('2025-11-25T12:00:00.000Z');

/** Access to the harness of the running test; filled in by beforeEach. */
export interface ContractContext {
  readonly store: Store;
  readonly clock: ManualClock;
  readonly harness: StoreHarness;
}

export const TEAM = 'T0001';
export const OTHER_TEAM = 'T0002';

export function newDigest(overrides: Partial<NewDigest> = {}): NewDigest {
  return {
    teamId: TEAM,
    channelId: 'C0FACILITY',
    createdBy: 'U0CREATOR',
    buildingIds: [71, 5],
    timeOfDay: '08:00',
    days: [1, 2, 3, 4, 5],
    timeZone: 'America/New_York',
    cadence: 'daily',
    options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: true },
    groupId: null,
    ...overrides,
  };
}

export function newSubscription(overrides: Partial<NewSubscription> = {}): NewSubscription {
  return {
    teamId: TEAM,
    createdBy: 'U0CREATOR',
    scopeKind: 'building',
    scopeId: 71,
    measure: 'people',
    direction: 'above',
    thresholdKind: 'absolute',
    threshold: 120.5,
    recovery: 100,
    minDuration: 2,
    granularity: 'PT1H',
    destinationKind: 'channel',
    destinationId: 'C0FACILITY',
    quietHours: { start: '22:00', end: '07:00', zone: 'Europe/London' },
    renotifyMinutes: null,
    groupId: null,
    ...overrides,
  };
}

/** The AppError code a promise rejects with, or 'resolved' if it did not reject. */
export async function rejectionCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'not-an-app-error';
  }
}
