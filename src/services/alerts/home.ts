/**
 * App Home: the user's alert rules and the digests of the channels they belong to, each with
 * its state and the buttons to manage it.
 */
import type { Logger } from '../../logging/logger';
import type { InnerSpacePort } from '../../ports/occupancy-source';
import type { AppHomeViewModel, DigestPermissions, DigestSummaryView } from '../../views/index';
import type { Authorizer } from '../authz';
import type { Store } from '../../ports/store';
import type { Digest, DigestRun } from '../../domain/digest';
import type { DigestRunRepository } from '../../ports/store';
import { nextRunOf } from '../digests/next-run';
import { digestPermissions } from '../digests/access';
import { RECENT_RUNS, summaryView } from '../digests/views';
import type { SubscriptionService, Who } from './subscriptions';
import type { GroupDirectory } from '../groups';

export interface HomeServiceDeps {
  readonly store: Store;
  readonly authz: Authorizer;
  readonly innerspace: InnerSpacePort;
  readonly subscriptions: SubscriptionService;
  /** Names a digest's group, when it reads one. */
  readonly groups?: Pick<GroupDirectory, 'label'>;
  readonly now: () => number;
  readonly logger: Logger;
}

export class HomeService {
  constructor(private readonly deps: HomeServiceDeps) {}

  async view(who: Who): Promise<AppHomeViewModel> {
    const [subscriptions, orphaned, digests] = await Promise.all([
      this.deps.subscriptions.summaries(who),
      this.deps.subscriptions.orphaned(who),
      this.digestsOf(who),
    ]);
    return { subscriptions, ...(orphaned.length > 0 ? { orphanedSubscriptions: orphaned } : {}), digests: digests ?? [], digestsUnknown: digests === null };
  }

  /**
   * Digests whose channel the user is in (a channel the bot cannot see counts as not theirs),
   * from one look at the user's conversations; null when Slack could not say just now.
   */
  async digestsOf(who: Who): Promise<DigestSummaryView[] | null> {
    const digests = await this.deps.store.digests.listByTeam(who.teamId);
    if (digests.length === 0) return [];
    let mine: ReadonlySet<string>;
    try {
      mine = await this.deps.authz.conversationsOf(who.userId);
    } catch (err) {
      this.deps.logger.warn({ err }, "could not read the user's channels for App Home");
      return null;
    }
    const names = await this.buildingNames();
    const now = this.deps.now();
    // Listed digests are in the user's channels.
    const theirs = digests.filter((d) => mine.has(d.channelId));
    const groupLabel = async (d: Digest) => (d.groupId !== null && this.deps.groups ? await this.deps.groups.label(d.groupId) : null);
    return Promise.all(
      theirs.map(async (d) =>
        digestSummary(
          d,
          names,
          now,
          this.deps.store.digestRuns,
          await digestPermissions(this.deps.authz, who.userId, d, true),
          await this.deps.store.digestRuns.listForDigest(d.id, RECENT_RUNS),
          await groupLabel(d),
        ),
      ),
    );
  }

  private async buildingNames(): Promise<ReadonlyMap<number, string>> {
    try {
      return new Map((await this.deps.innerspace.buildings()).map((b) => [b.id, b.name]));
    } catch {
      // Names are a nicety here: the digests still list by id.
      return new Map();
    }
  }
}

/** A digest's row on Home: its next run is the one `digest list` shows (the same function). */
async function digestSummary(
  d: Digest,
  names: ReadonlyMap<number, string>,
  now: number,
  runStore: DigestRunRepository,
  may: DigestPermissions,
  recent: readonly DigestRun[],
  groupLabel: string | null,
): Promise<DigestSummaryView> {
  let next: number | null = null;
  try {
    next = await nextRunOf(d, now, runStore);
  } catch {
    // Home still shows the digest; only its next run is left unsaid.
    next = null;
  }
  return summaryView(d, { nextRunMs: next, names, may, groupLabel, runs: recent });
}
