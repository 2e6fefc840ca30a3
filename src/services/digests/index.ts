/**
 * Daily digests: management (DigestService), delivery (DigestEngine) and their content, built
 * from the same parts as answers (OccupancyData, charts).
 */
import type { Charts } from '../../ports/charts';
import type { MessageRenderer } from '../../ports/renderer';
import type { InnerSpacePort } from '../../ports/occupancy-source';
import type { Logger } from '../../logging/logger';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import type { Authorizer } from '../authz';
import type { OccupancyData } from '../occupancy-data';
import { ReportService } from '../report';
import type { RangeRequest } from '../range-report';
import type { RangeReportView } from '../../views/index';
import { DigestAccess } from './access';
import { DigestContentSource } from './content';
import { DigestEngine } from './engine';
import type { LeaseKeeper } from '../replicas/leases';
import { ChannelPacer, realPacingClock, type PacingClock } from './pacing';
import { SharedChannelPacer } from './shared-pacing';
import { DigestService } from './service';

export { DigestAccess, resolveChannelRef, type Actor } from './access';
export { DigestContentSource, DigestContentSession, hasNoData, type DigestContentStats } from './content';
export { DigestEngine, type DigestEngineDeps, type DigestTickReport } from './engine';
export { SharedChannelPacer } from './shared-pacing';
export { DigestService, type DigestPreview, type SavedDigest, type SendNowResult } from './service';
export { dueSlots, nextRun, slotInstant, decideSlot, type DueSlot, type ScheduleSpec } from './schedule';
export { ChannelPacer, runPaced, realPacingClock, type PacingClock } from './pacing';

export interface DigestsOptions {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly innerspace: InnerSpacePort;
  /** The app's answers: digests share their loaders, ranges, memo and groups. Else a report service of digests' own. */
  readonly reports?: ReportService;
  readonly occupancy?: OccupancyData;
  /** The `building <x> last week` answer; the report service's when not given. */
  readonly ranges?: (req: RangeRequest) => Promise<RangeReportView>;
  /** A group's loaders; the report service's when not given. */
  readonly occupancyFor?: (groupId: string) => OccupancyData;
  readonly groupId: string;
  readonly charts: Charts;
  readonly renderer: MessageRenderer;
  readonly authorizer: Authorizer;
  readonly now: () => number;
  readonly logger: Logger;
  readonly graceMinutes: number;
  readonly concurrency?: number;
  readonly spacingMs?: number;
  readonly pacingClock?: PacingClock;
  /** This process among replicas of the store: renews its claims while it works on them. */
  readonly leases?: LeaseKeeper;
}

export interface Digests {
  readonly service: DigestService;
  readonly engine: DigestEngine;
  readonly content: DigestContentSource;
}

export function createDigests(o: DigestsOptions): Digests {
  // What is not given comes from one report service: the app's, or one of digests' own.
  const reports = o.reports ?? new ReportService({ innerspace: o.innerspace, charts: o.charts, groupId: o.groupId, now: o.now });
  const occupancy = o.occupancy ?? reports.occupancy;
  const ranges = o.ranges ?? ((req: RangeRequest) => reports.range(req));
  const occupancyFor = o.occupancyFor ?? ((id: string) => (id === o.groupId ? occupancy : reports.dataFor(id)));
  const groups = reports.groups;
  const content = new DigestContentSource({ occupancy, charts: o.charts, ranges, occupancyFor, groupLabel: (id) => groups.label(id) });
  const spacingMs = o.spacingMs ?? 1100;
  const pacingClock = o.pacingClock ?? realPacingClock;
  // Replicas of one store share the channels' turns through it; a store one process owns needs no more than memory.
  const pacer = o.store.shared
    ? new SharedChannelPacer(pacingClock, spacingMs, o.store.sendSlots, o.now, o.logger.child({ component: 'digests' }), 'digest:')
    : new ChannelPacer(pacingClock, spacingMs);
  const engine = new DigestEngine({
    store: o.store,
    slack: o.slack,
    renderer: o.renderer,
    content,
    now: o.now,
    logger: o.logger,
    graceMinutes: o.graceMinutes,
    ...(o.concurrency !== undefined ? { concurrency: o.concurrency } : {}),
    spacingMs,
    pacingClock,
    pacer,
    ...(o.leases ? { leases: o.leases } : {}),
  });
  const service = new DigestService({
    store: o.store,
    slack: o.slack,
    innerspace: o.innerspace,
    access: new DigestAccess(o.slack, o.authorizer),
    engine,
    groups,
    now: o.now,
    logger: o.logger,
  });
  return { service, engine, content };
}
