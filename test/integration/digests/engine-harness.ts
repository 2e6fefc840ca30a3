import { WebClient } from '@slack/web-api';
import { createCharts, QuickChartRenderer } from '../../../src/charts';
import { NIL_GROUP_ID } from '../../../src/domain/occupancy';
import { startSlackWorkspace, type SlackWorkspace } from '../../../dev/slack';
import type { ChannelSeed, SlackWorkspaceOptions } from '../../../dev/slack/types';
import type { Building } from '../../../src/domain/occupancy';
import { type Logger } from '../../../src/logging/logger';
import { silentLogger } from '../../support/logger';
import { Authorizer } from '../../../src/services/authz';
import { createDigests, realPacingClock, type Digests } from '../../../src/services/digests';
import { webClientOptions } from '../../../src/slack/bolt-app';
import { type ChatGateway } from '../../../src/ports/chat';
import { webClientGateway } from '../../../src/slack/chat';
import { openStore } from '../../../src/storage';
import { type Store } from '../../../src/ports/store';
import { type Digest, type NewDigest } from '../../../src/domain/digest';
import { ZonedInnerSpace } from '../../fakes/zoned-innerspace';
import { blockKitRenderer } from '../../../src/slack/blocks/renderer';
import { LeaseKeeper } from '../../../src/services/replicas/leases';

export const TEAM = 'T0LOCAL';
export const CREATOR = 'U0LOCAL001';

export const BUILDINGS: readonly Building[] = [
  { id: 1, name: 'Hudson Yards', timeZone: 'America/New_York' },
  { id: 2, name: 'Southbank', timeZone: 'Europe/London' },
  { id: 3, name: 'Whitefield', timeZone: 'Asia/Kolkata' },
  { id: 4, name: 'Lord Howe Station', timeZone: 'Australia/Lord_Howe' },
];

/** A clock the test moves by hand: ticks happen exactly when the test says. */
export class TestClock {
  private readonly anchor = performance.now();
  constructor(public t: number) {}
  now = (): number => this.t;
  /**
   * The test's time plus real time elapsed: for what must see time pass within one tick, such
   * as per-channel pacing and the fake Slack's rate limits.
   */
  flowing = (): number => this.t + (performance.now() - this.anchor);
}

export interface EngineRig {
  readonly clock: TestClock;
  readonly workspace: SlackWorkspace;
  readonly slack: ChatGateway;
  readonly innerspace: ZonedInnerSpace;
  readonly store: Store;
  readonly digests: Digests;
  add(d: Partial<NewDigest> & Pick<NewDigest, 'channelId' | 'buildingIds' | 'timeOfDay' | 'timeZone'>): Promise<Digest>;
  postsIn(channel: string): { ts: string; text: string; blocks?: unknown[] }[];
  close(): Promise<void>;
}

/**
 * The delivery engine with real parts around it: the embedded Slack workspace over HTTP (via
 * the same WebClient options as the app: no retries), the real gateway, OccupancyData and chart
 * builder over an in-process InnerSpace, and a store (SQLite in memory unless one is given).
 */
export async function startEngineRig(opts: {
  start: number;
  channels?: readonly ChannelSeed[];
  workspace?: Partial<SlackWorkspaceOptions>;
  store?: Store;
  graceMinutes?: number;
  logger?: Logger;
  emptyDates?: readonly string[];
  /** This engine's name on its claims, as a replica of a shared store (the sole process otherwise). */
  replica?: string;
}): Promise<EngineRig> {
  const clock = new TestClock(opts.start);
  // The engine's tests are about runs, not pictures: their chart URLs point nowhere, so Slack's image downloads are off.
  const workspace = await startSlackWorkspace({ now: clock.flowing, imageDownloads: 'off', ...(opts.channels ? { channels: opts.channels } : {}), ...(opts.workspace ?? {}) });
  const slack = webClientGateway(new WebClient(workspace.botToken, webClientOptions(workspace.apiUrl)), { logger: silentLogger() });
  const innerspace = new ZonedInnerSpace({ buildings: BUILDINGS, ...(opts.emptyDates ? { emptyDates: opts.emptyDates } : {}) });
  const store = opts.store ?? (await openStore({ url: 'sqlite::memory:', logger: silentLogger(), now: clock.now }));
  const digests = createDigests({
    store,
    slack,
    innerspace,
    groupId: NIL_GROUP_ID,
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer,
    authorizer: new Authorizer(slack, []),
    now: clock.now,
    logger: opts.logger ?? silentLogger(),
    graceMinutes: opts.graceMinutes ?? 30,
    pacingClock: { now: clock.flowing, sleep: realPacingClock.sleep },
    ...(opts.replica ? { leases: new LeaseKeeper({ id: opts.replica, leaseMs: 30_000 }, opts.logger ?? silentLogger()) } : {}),
  });
  return {
    clock,
    workspace,
    slack,
    innerspace,
    store,
    digests,
    add: (d) =>
      store.digests.create({
        teamId: TEAM,
        createdBy: CREATOR,
        days: [1, 2, 3, 4, 5, 6, 7],
        options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: false },
        ...d,
      }),
    postsIn: (channel) => workspace.state.timeline(channel).filter((m) => m.user === workspace.bot.userId),
    close: async () => {
      await digests.engine.stop();
      await store.close();
      await workspace.close();
    },
  };
}

/** Channels with the bot in each, named after the digests that post there. */
export function botChannels(ids: readonly string[]): ChannelSeed[] {
  return ids.map((id) => ({ id, name: id.toLowerCase(), members: [CREATOR, 'U0LOCAL002'], botMember: true }));
}
