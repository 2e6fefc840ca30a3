/**
 * Managing digests: add (from a command or the form), list, remove, pause, resume, send now.
 * Every change is written to the store, which the delivery engine reads on each tick, so it
 * takes effect at once. Nothing is stored unless the bot can post where the digest goes and
 * the person asking may manage that channel.
 */
import { BadInputError, CannotPostError, ForbiddenError, NotFoundError, OwnerPresentError, SlackCallError } from '../../errors';
import type { InnerSpacePort } from '../../ports/occupancy-source';
import type { Building, Group } from '../../domain/occupancy';
import type { Logger } from '../../logging/logger';
import type { DigestHistoryView, DigestListView, DigestModalView, DigestSummaryView, DigestView } from '../../views/index';
import type { ChatGateway } from '../../ports/chat';
import type { DigestDraft } from '../../domain/drafts';
import type { Store } from '../../ports/store';
import type { Digest } from '../../domain/digest';
import { resolveChannelRef, type Actor, type DigestAccess } from './access';
import type { PostOutcome } from './delivery';
import type { DigestEngine } from './engine';
import { pausedNoticeKey } from './refusals';
import { nextRunOf } from './next-run';
import { RECENT_RUNS, modalView, runView, summaryView } from './views';
import type { GroupDirectory } from '../groups';

export interface DigestServiceDeps {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly innerspace: InnerSpacePort;
  readonly access: DigestAccess;
  readonly engine: DigestEngine;
  readonly groups: GroupDirectory;
  readonly now: () => number;
  readonly logger: Logger;
}

export interface SavedDigest {
  readonly digest: Digest;
  readonly summary: DigestSummaryView;
  /** The bot joined the (public) channel to be able to post there. */
  readonly joined: boolean;
}

export type SendNowResult = { readonly digest: Digest; readonly sent: boolean };

export interface DigestPreview {
  readonly digest: Digest;
  readonly view: DigestView;
  /** A run now would send nothing: no data, and the digest skips such days. */
  readonly wouldSkip: boolean;
}

/** How many runs `digest history` lists. */
export const HISTORY_RUNS = 10;


export class DigestService {
  private readonly log: Logger;

  constructor(private readonly deps: DigestServiceDeps) {
    this.log = deps.logger.child({ component: 'digest-service' });
  }

  /** `digest add …` and the form: stores a digest, or throws saying why not (nothing stored then). */
  async add(actor: Actor, draft: DigestDraft, origin: string | null): Promise<SavedDigest> {
    const channelId = resolveChannelRef(draft.channel, origin);
    const access = await this.deps.access.check(actor, channelId);
    const buildings = await this.requireBuildings(draft.buildingIds);
    const groupId = await this.groupIdOf(draft);
    const timeZone = draft.timeZone ?? buildings[0]!.timeZone;
    if (access.needsJoin) await this.deps.access.join(channelId);
    const digest = await this.deps.store.digests.create({
      teamId: actor.teamId,
      channelId,
      createdBy: actor.userId,
      buildingIds: draft.buildingIds,
      timeOfDay: draft.time,
      days: draft.days,
      timeZone,
      cadence: draft.cadence ?? 'daily',
      options: draft.options,
      groupId: groupId ?? null,
    });
    this.log.info({ digestId: digest.id, team: actor.teamId, user: actor.userId, channel: channelId }, 'digest created');
    return { digest, summary: await this.summary(digest, actor, namesOf(buildings)), joined: access.needsJoin };
  }

  /** The form's submission: a new digest, or an edit of the one the form was opened on. */
  async submit(actor: Actor, draft: DigestDraft, meta: { readonly origin: string | null; readonly digestId: number | null }): Promise<SavedDigest> {
    if (meta.digestId === null) return this.add(actor, draft, meta.origin);
    const current = await this.get(actor, meta.digestId);
    this.deps.access.requireOwner(actor, current.createdBy);
    const channelId = resolveChannelRef(draft.channel, current.channelId);
    const access = await this.deps.access.check(actor, channelId);
    const buildings = await this.requireBuildings(draft.buildingIds);
    const groupId = await this.groupIdOf(draft);
    if (access.needsJoin) await this.deps.access.join(channelId);
    const digest = await this.deps.store.digests.update(actor.teamId, current.id, {
      channelId,
      buildingIds: draft.buildingIds,
      timeOfDay: draft.time,
      days: draft.days,
      timeZone: draft.timeZone ?? buildings[0]!.timeZone,
      cadence: draft.cadence ?? current.cadence,
      options: draft.options,
      ...(groupId !== undefined ? { groupId } : {}),
    });
    if (!digest) throw notFound(current.id);
    this.log.info({ digestId: digest.id, team: actor.teamId, user: actor.userId }, 'digest updated');
    return { digest, summary: await this.summary(digest, actor, namesOf(buildings)), joined: access.needsJoin };
  }

  async list(actor: Actor, channelId: string): Promise<DigestListView> {
    const digests = await this.deps.store.digests.listByChannel(actor.teamId, channelId);
    const names = digests.length > 0 ? await this.buildingNames() : null;
    const views = await Promise.all(digests.map((d) => this.summary(d, actor, names)));
    return { channelId, digests: views };
  }

  /** An admin takes over a digest whose creator left the workspace: its notices now go to them. */
  async takeOver(actor: Actor, id: number): Promise<Digest> {
    const digest = await this.get(actor, id);
    if (!this.deps.access.isAdmin(actor.userId)) throw new ForbiddenError('only an admin may take a digest over', undefined, digest.createdBy);
    if (digest.createdBy === actor.userId) return digest;
    if (!(await this.deps.access.creatorLeft(digest.createdBy))) throw new OwnerPresentError(digest.createdBy);
    const taken = await this.deps.store.digests.transfer(actor.teamId, id, digest.createdBy, actor.userId);
    // Another admin took it over a moment before: the digest is theirs now, which is what was asked.
    const now = taken ?? (await this.get(actor, id));
    this.log.info({ digestId: id, team: actor.teamId, user: actor.userId, from: digest.createdBy }, 'digest taken over');
    return now;
  }

  async remove(actor: Actor, id: number): Promise<Digest> {
    const digest = await this.get(actor, id);
    this.deps.access.requireOwner(actor, digest.createdBy);
    if (!(await this.deps.store.digests.delete(actor.teamId, id))) throw notFound(id);
    this.log.info({ digestId: id, team: actor.teamId, user: actor.userId }, 'digest removed');
    return digest;
  }

  async pause(actor: Actor, id: number): Promise<Digest> {
    const digest = await this.get(actor, id);
    await this.deps.access.requireMember(actor, digest.channelId);
    const paused = await this.deps.store.digests.pause(actor.teamId, id, null);
    if (!paused) throw notFound(id);
    this.log.info({ digestId: id, team: actor.teamId, user: actor.userId }, 'digest paused');
    return paused;
  }

  /** Resumes after checking the channel again: a digest paused for an archived channel stays paused until that is fixed. */
  async resume(actor: Actor, id: number): Promise<Digest> {
    const digest = await this.get(actor, id);
    const access = await this.deps.access.check(actor, digest.channelId);
    if (access.needsJoin) await this.deps.access.join(digest.channelId);
    const resumed = await this.deps.store.digests.resume(actor.teamId, id);
    if (!resumed) throw notFound(id);
    await this.deps.store.notices.clear(actor.teamId, pausedNoticeKey(id));
    this.log.info({ digestId: id, team: actor.teamId, user: actor.userId }, 'digest resumed');
    return resumed;
  }

  /** Posts the digest now; today's scheduled run is not touched. */
  async sendNow(actor: Actor, id: number): Promise<SendNowResult> {
    const digest = await this.get(actor, id);
    await this.deps.access.requireMember(actor, digest.channelId);
    const outcome = await this.deps.engine.sendNow(digest);
    if (outcome.kind === 'no_data') return { digest, sent: false };
    if (outcome.kind !== 'sent') throw sendFailure(digest, outcome);
    this.log.info({ digestId: id, team: actor.teamId, user: actor.userId, ts: outcome.ts }, 'digest sent on request');
    return { digest, sent: true };
  }

  /** `digest preview <id>` and the form's "Send me a preview": for whoever may send it now, with nothing posted or recorded. */
  async preview(actor: Actor, id: number): Promise<DigestPreview> {
    const digest = await this.get(actor, id);
    await this.deps.access.requireMember(actor, digest.channelId);
    const { view, wouldSkip } = await this.deps.engine.preview(digest);
    return { digest, view, wouldSkip };
  }

  /** `digest history <id>`: its last runs, for the members of its channel (and admins), as `send` is. */
  async history(actor: Actor, id: number): Promise<DigestHistoryView> {
    const digest = await this.get(actor, id);
    await this.deps.access.requireMember(actor, digest.channelId);
    const runs = await this.deps.store.digestRuns.listForDigest(id, HISTORY_RUNS);
    return { digestId: id, channelId: digest.channelId, timeZone: digest.timeZone, graceMinutes: this.deps.engine.graceMinutes, runs: runs.map(runView) };
  }

  /**
   * The form, empty (prefilled with the channel it was opened from) or for editing a digest.
   * `privateMetadata` is the caller's own, carried into the view untouched.
   */
  async form(actor: Actor, origin: string | null, digestId: number | null, privateMetadata: string): Promise<DigestModalView> {
    const digest = digestId === null ? null : await this.get(actor, digestId);
    if (digest) this.deps.access.requireOwner(actor, digest.createdBy);
    let buildings: Building[] | null = null;
    try {
      buildings = await this.deps.innerspace.buildings();
    } catch (err) {
      // The form still works with a text field of building ids.
      this.log.warn({ err }, 'building list unavailable for the digest form');
    }
    let groups: Group[] | null = null;
    try {
      groups = await this.deps.groups.list();
    } catch (err) {
      // Without the list the form has no group menu; a digest keeps the group it has.
      this.log.warn({ err }, 'group list unavailable for the digest form');
    }
    return modalView({ origin, buildings, digest, privateMetadata, groups: groups && { list: groups, defaultId: this.deps.groups.defaultGroupId } });
  }

  /** When the digest runs next, skipping a date whose run is already decided. */
  nextRunOf(digest: Digest): Promise<number | null> {
    return nextRunOf(digest, this.deps.now(), this.deps.store.digestRuns);
  }

  private async get(actor: Actor, id: number): Promise<Digest> {
    const digest = await this.deps.store.digests.get(actor.teamId, id);
    if (!digest) throw notFound(id);
    return digest;
  }

  private async requireBuildings(ids: readonly number[]): Promise<Building[]> {
    if (ids.length === 0) throw new BadInputError('a digest needs at least one building', { field: 'buildings' });
    const out: Building[] = [];
    for (const id of ids) {
      const b = await this.deps.innerspace.building(id);
      if (!b) throw new NotFoundError('building', id);
      out.push(b);
    }
    return out;
  }

  /**
   * The group id a draft names (a name that fits none or several is refused, nothing stored);
   * null for the default group; undefined when the draft says nothing of groups (an edit keeps its group).
   */
  private async groupIdOf(draft: DigestDraft): Promise<string | null | undefined> {
    if (draft.group === undefined) return undefined;
    const group = await this.deps.groups.choose(draft.group);
    return group.id === this.deps.groups.defaultGroupId ? null : group.id;
  }

  private async buildingNames(): Promise<Map<number, string> | null> {
    try {
      return new Map((await this.deps.innerspace.buildings()).map((b) => [b.id, b.name]));
    } catch {
      // Names are a nicety in the list; ids are enough.
      return null;
    }
  }

  private async summary(digest: Digest, actor: Actor, names: ReadonlyMap<number, string> | null): Promise<DigestSummaryView> {
    return summaryView(digest, {
      nextRunMs: await this.nextRunOf(digest),
      groupLabel: digest.groupId === null ? null : await this.deps.groups.label(digest.groupId),
      names,
      may: await this.deps.access.permissions(actor, digest),
      runs: await this.deps.store.digestRuns.listForDigest(digest.id, RECENT_RUNS),
    });
  }
}

function namesOf(buildings: readonly Building[]): Map<number, string> {
  return new Map(buildings.map((b) => [b.id, b.name]));
}

function notFound(id: number): NotFoundError {
  return new NotFoundError('digest', id);
}

export function sendFailure(digest: Pick<Digest, 'id' | 'channelId'>, outcome: PostOutcome): CannotPostError | SlackCallError {
  // It may be in the channel, or part of it is (a digest is several messages): the words for
  // that say to look before sending again, never to just try again.
  if (outcome.kind === 'unknown' || outcome.posted > 0) return new SlackCallError('unknown', null, null, 'chat.postMessage');
  const slackError = outcome.kind === 'refused' ? outcome.slackError : outcome.kind === 'rate_limited' || outcome.kind === 'parked' ? 'ratelimited' : 'unknown';
  return new CannotPostError(`digest ${digest.id} could not be sent: ${slackError}`, digest.channelId, slackError);
}
