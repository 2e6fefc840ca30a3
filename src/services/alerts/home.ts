/**
 * App Home: the user's alert rules and the digests of the channels they belong to, each with
 * its state and the buttons to manage it.
 */
import type { Logger } from '../../logging/logger';
import type { InnerSpacePort } from '../../innerspace/types';
import type { AppHomeViewModel, DigestPauseReason, DigestSummaryView } from '../../slack/blocks/view-models';
import { SlackCallError, type SlackGateway } from '../../slack/gateway';
import type { Digest, Store } from '../../storage';
import { nextRun } from '../digests/schedule';
import type { SubscriptionService, Who } from './subscriptions';

export interface HomeServiceDeps {
  readonly store: Store;
  readonly slack: SlackGateway;
  readonly innerspace: InnerSpacePort;
  readonly subscriptions: SubscriptionService;
  readonly now: () => number;
  readonly logger: Logger;
  readonly subscriptionsEnabled: boolean;
}

const PAUSE_REASONS: readonly DigestPauseReason[] = ['by_user', 'channel_not_found', 'not_in_channel', 'is_archived', 'access_revoked'];

export class HomeService {
  constructor(private readonly deps: HomeServiceDeps) {}

  async view(who: Who): Promise<AppHomeViewModel> {
    const [subscriptions, digests] = await Promise.all([
      this.deps.subscriptionsEnabled ? this.deps.subscriptions.summaries(who) : Promise.resolve([]),
      this.digestsOf(who),
    ]);
    return { subscriptions, digests, subscriptionsEnabled: this.deps.subscriptionsEnabled };
  }

  /** Digests whose channel the user is in; a channel the bot cannot see counts as not theirs. */
  async digestsOf(who: Who): Promise<DigestSummaryView[]> {
    const digests = await this.deps.store.digests.listByTeam(who.teamId);
    if (digests.length === 0) return [];
    const channels = [...new Set(digests.map((d) => d.channelId))];
    const member = new Map<string, boolean>();
    await Promise.all(
      channels.map(async (c) => {
        try {
          member.set(c, (await this.deps.slack.members(c)).includes(who.userId));
        } catch (err) {
          if (!(err instanceof SlackCallError && err.kind === 'refused')) this.deps.logger.warn({ err, channel: c }, 'could not read channel members for App Home');
          member.set(c, false);
        }
      }),
    );
    const names = await this.buildingNames();
    const now = this.deps.now();
    return digests.filter((d) => member.get(d.channelId) === true).map((d) => digestSummary(d, names, now));
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

export function digestSummary(d: Digest, names: ReadonlyMap<number, string>, now: number): DigestSummaryView {
  const reason = d.status === 'paused' ? (PAUSE_REASONS.find((r) => r === d.pausedReason) ?? 'by_user') : null;
  let next: number | null = null;
  if (d.status === 'active') {
    try {
      next = nextRun(d, now);
    } catch {
      next = null;
    }
  }
  return {
    id: d.id,
    channelId: d.channelId,
    buildings: d.buildingIds.map((id) => ({ id, name: names.get(id) ?? null })),
    time: d.timeOfDay,
    days: d.days,
    timeZone: d.timeZone,
    nextRunMs: next,
    status: d.status,
    pauseReason: reason,
    // Listed digests are in the user's channels; editing and deleting are still checked on use.
    canManage: true,
  };
}
