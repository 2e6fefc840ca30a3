/**
 * Use cases behind `/occupancy subscribe|subscriptions|unsubscribe`, the alert form and the
 * buttons on alerts: create, edit, remove, snooze, mute, list. Who may do what (DESIGN.md):
 * a DM rule belongs to its user; a channel rule needs membership of the channel (or admin);
 * only the creator or an admin edits or deletes; another team's id reads as "not found".
 */
import { noHistoryNoticeKey } from './outbox';
import { ForbiddenError, OwnerPresentError, SubscriptionRemovedError } from '../../errors';
import type { Logger } from '../../logging/logger';
import type { AlertEpisodeView, BacktestView, RuleView, SubscriptionSummaryView } from '../../views/index';
import { addDays, dayWindow, localDateOf, localHourStart } from '../../domain/time';
import { SNOOZE_MINUTES, type SnoozeFor } from '../../domain/subscription';
import { minDurationBuckets } from '../../domain/subscription';
import type { SubscriptionDraft } from '../../domain/drafts';
import type { Store } from '../../ports/store';
import type { NewSubscription, Subscription } from '../../domain/subscription';
import type { Authorizer } from '../authz';
import type { ScopeKey } from '../../domain/alert-state';
import { pausedNoticeKey } from './delivery';
import type { RuleChecks } from './rules';
import { notFoundSubscription, type ScopeDirectory, type ScopeInfo } from './scopes';
import { freshState } from './stored';
import { ruleView, snoozedUntil, summaryView } from './views';
import type { RuleMessages, ShownMessage } from './rule-messages';

export type { ShownMessage } from './rule-messages';

export interface Who {
  readonly teamId: string;
  readonly userId: string;
}

export interface SavedSubscription {
  readonly subscription: Subscription;
  readonly rule: RuleView;
  readonly backtest: BacktestView;
  readonly timeZone: string;
}

export interface SubscriptionServiceDeps {
  readonly store: Store;
  readonly scopes: ScopeDirectory;
  readonly rules: RuleChecks;
  readonly authz: Authorizer;
  readonly now: () => number;
  readonly logger: Logger;
  /**
   * Runs state changes one at a time with the alert check, so neither overwrites the other:
   * in this process, and on the scopes named, with every replica's check.
   */
  readonly exclusive: <T>(work: () => Promise<T>, scopes?: readonly ScopeKey[]) => Promise<T>;
  /** Keeps the messages a rule posted in step with it (muted, snoozed, deleted). */
  readonly messages: RuleMessages;
}

export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  async create(who: Who, draft: SubscriptionDraft): Promise<SavedSubscription> {
    const groupId = (await this.groupIdOf(draft)) ?? null;
    const scope = await this.deps.scopes.withGroup(await this.deps.rules.scopeFor(draft.scope.kind, draft.scope.id, draft.measure), groupId);
    const destination = await this.deps.rules.destinationFor(who.userId, draft.destination);
    const fields = { ...this.fieldsOf(draft, scope, destination), groupId };
    const bt = await this.deps.rules.backtestIn(scope, fields);
    const start = await this.deps.rules.startingPoint(scope, fields.granularity, bt.latestBucket);
    return this.deps.exclusive(async () => {
      const sub = await this.deps.store.subscriptions.create({ teamId: who.teamId, createdBy: who.userId, ...fields });
      await this.deps.store.alertStates.put(freshState(sub.id, sub.teamId, start));
      this.deps.logger.info({ subscription: sub.id, team: who.teamId, user: who.userId, scope: `${scope.kind}:${scope.id}` }, 'alert created');
      return { subscription: sub, rule: ruleView(sub, scope), backtest: bt.view, timeZone: scope.timeZone };
    }, [scopeOf(fields)]);
  }

  async update(who: Who, id: number, draft: SubscriptionDraft): Promise<SavedSubscription> {
    const current = await this.owned(who, id);
    // A draft that says nothing of groups (a form with no Group menu) keeps the rule's group.
    const asked = await this.groupIdOf(draft);
    const groupId = asked === undefined ? current.groupId : asked;
    const scope = await this.deps.scopes.withGroup(await this.deps.rules.scopeFor(draft.scope.kind, draft.scope.id, draft.measure), groupId);
    const destination = await this.deps.rules.destinationFor(who.userId, draft.destination);
    const fields = { ...this.fieldsOf(draft, scope, destination), groupId };
    // A rule moved to another user's DM stays with its owner: the owner's DM, not the editor's.
    if (destination.kind === 'dm' && current.destinationKind === 'dm') fields.destinationId = current.destinationId;
    const bt = await this.deps.rules.backtestIn(scope, fields);
    const sameData =
      current.scopeKind === fields.scopeKind && current.scopeId === fields.scopeId && current.granularity === fields.granularity && current.groupId === fields.groupId;
    return this.deps.exclusive(async () => {
      const updated = await this.deps.store.subscriptions.update(who.teamId, id, fields);
      if (!updated) throw notFoundSubscription(id);
      const state = await this.deps.store.alertStates.get(id);
      // The new rule starts clean where the data stands: nothing owed under the old one is sent.
      const start = sameData && state?.evaluatedThrough != null ? state.evaluatedThrough : await this.deps.rules.startingPoint(scope, fields.granularity, bt.latestBucket);
      await this.deps.store.alertStates.put(freshState(id, who.teamId, start, state?.lastNotifiedAt ?? null));
      // The edited rule says again, if it must, that it has too little history.
      await this.deps.store.notices.clear(who.teamId, noHistoryNoticeKey(id));
      const sub = updated.status === 'paused' ? ((await this.resumeRow(who.teamId, id)) ?? updated) : updated;
      this.deps.logger.info({ subscription: id, team: who.teamId, user: who.userId }, 'alert edited');
      return { subscription: sub, rule: ruleView(sub, scope), backtest: bt.view, timeZone: scope.timeZone };
    }, [scopeOf(current), scopeOf(fields)]);
  }

  /**
   * Deletes the rule, noting who did it; the messages it posted then say so and lose their
   * buttons (`shown`: the message a button was pressed on, redrawn too).
   */
  async remove(who: Who, id: number, shown?: ShownMessage): Promise<void> {
    const current = await this.owned(who, id, shown);
    await this.deps.exclusive(async () => {
      if (!(await this.deps.store.subscriptions.delete(who.teamId, id, who.userId))) throw notFoundSubscription(id);
    }, [scopeOf(current)]);
    this.deps.logger.info({ subscription: id, team: who.teamId, user: who.userId }, 'alert removed');
    const removal = await this.deps.store.subscriptions.removed(who.teamId, id);
    const rule = await this.deps.scopes.describe(current.scopeKind, current.scopeId).then(
      (scope) => ({ rule: ruleView(current, scope), timeZone: scope.timeZone }),
      () => null,
    );
    await this.deps.messages.removed(who.teamId, { ruleId: id, rule, removedBy: removal?.removedBy ?? who.userId, removedAtMs: removal?.removedAt ?? this.deps.now() }, shown);
  }

  /** Snoozes the rule; a channel's rule says so in its channel, with who did it. */
  async snooze(who: Who, id: number, length: SnoozeFor, shown?: ShownMessage): Promise<{ subscription: Subscription; until: number; timeZone: string }> {
    const sub = await this.managed(who, id, shown);
    const until = this.deps.now() + SNOOZE_MINUTES[length] * 60_000;
    const snoozed = await this.deps.store.subscriptions.snooze(who.teamId, id, until, who.userId);
    if (!snoozed) throw notFoundSubscription(id);
    const scope = await this.deps.scopes.describe(sub.scopeKind, sub.scopeId);
    if (snoozed.destinationKind === 'channel') {
      await this.deps.messages.announceSnooze(snoozed.destinationId, { rule: ruleView(snoozed, scope), timeZone: scope.timeZone, by: who.userId, untilMs: until });
    }
    await this.restate(snoozed, shown, scope);
    return { subscription: snoozed, until, timeZone: scope.timeZone };
  }

  async mute(who: Who, id: number, shown?: ShownMessage): Promise<Subscription> {
    await this.managed(who, id, shown);
    const muted = await this.deps.store.subscriptions.mute(who.teamId, id);
    if (!muted) throw notFoundSubscription(id);
    await this.restate(muted, shown);
    return muted;
  }

  /**
   * The rule's messages redrawn to show how it stands (`known`: its scope, when the caller has
   * just read it); a failure only leaves them as they were.
   */
  private async restate(sub: Subscription, shown?: ShownMessage, known?: ScopeInfo): Promise<void> {
    try {
      const scope = known ?? (await this.deps.scopes.describe(sub.scopeKind, sub.scopeId));
      const state = { rule: ruleView(sub, scope), timeZone: scope.timeZone, muted: sub.status !== 'active', snoozedUntilMs: snoozedUntil(sub, this.deps.now()) };
      await this.deps.messages.restate(sub.teamId, state, shown);
    } catch (err) {
      this.deps.logger.info({ err, subscription: sub.id }, 'could not redraw the messages of the alert');
    }
  }

  /**
   * A rule that is not there: one someone deleted says by whom (and the message pressed is
   * redrawn as deleted, its stale buttons gone); any other reads as not found.
   */
  private async missing(who: Who, id: number, shown?: ShownMessage): Promise<Error> {
    const removal = await this.deps.store.subscriptions.removed(who.teamId, id);
    if (removal === null) return notFoundSubscription(id);
    if (shown) await this.deps.messages.removed(who.teamId, { ruleId: id, removedBy: removal.removedBy, removedAtMs: removal.removedAt }, shown);
    return new SubscriptionRemovedError(id, removal.removedBy, removal.removedAt);
  }

  /** Back on, from the latest published data: what happened while muted is not sent. */
  async unmute(who: Who, id: number, shown?: ShownMessage): Promise<Subscription> {
    const sub = await this.managed(who, id, shown);
    const scope = await this.deps.scopes.get(sub.scopeKind, sub.scopeId);
    const bt = await this.deps.rules.backtestIn(scope, sub);
    const start = await this.deps.rules.startingPoint(scope, sub.granularity, bt.latestBucket);
    return this.deps.exclusive(async () => {
      const state = await this.deps.store.alertStates.get(id);
      const resumed = await this.resumeRow(who.teamId, id);
      if (!resumed) throw notFoundSubscription(id);
      await this.deps.store.alertStates.put(freshState(id, who.teamId, start, state?.lastNotifiedAt ?? null));
      return resumed;
    }, [scopeOf(sub)]).then(async (resumed) => {
      await this.restate(resumed, shown);
      return resumed;
    });
  }

  /** A rule the user may edit or delete: the creator's, or any for an admin. */
  async owned(who: Who, id: number, shown?: ShownMessage): Promise<Subscription> {
    const sub = await this.deps.store.subscriptions.get(who.teamId, id);
    if (!sub) throw await this.missing(who, id, shown);
    this.deps.authz.requireOwner(who.userId, sub.createdBy);
    return sub;
  }

  /** A rule the user may snooze or mute: theirs, an admin's right, or a channel rule of a channel they are in. */
  async managed(who: Who, id: number, shown?: ShownMessage): Promise<Subscription> {
    const sub = await this.deps.store.subscriptions.get(who.teamId, id);
    if (!sub) throw await this.missing(who, id, shown);
    if (sub.createdBy === who.userId || this.deps.authz.isAdmin(who.userId)) return sub;
    if (sub.destinationKind === 'channel') {
      await this.deps.authz.requireChannel(who.userId, sub.destinationId);
      return sub;
    }
    throw new ForbiddenError('not the owner of this alert');
  }

  /** The user's own rules with their state, for `/occupancy subscriptions` and App Home. */
  /**
   * A sample of what the rule sends, for "Send a test alert": an episode made up from its own
   * line (one bucket past it, yesterday at 10:00 on the scope's clock), to check the destination
   * before it matters. Whoever may snooze the rule may send one.
   */
  async testAlert(who: Who, id: number): Promise<AlertEpisodeView> {
    const sub = await this.managed(who, id);
    const scope = await this.deps.scopes.withGroup(await this.deps.scopes.describe(sub.scopeKind, sub.scopeId), sub.groupId);
    const yesterday = addDays(localDateOf(this.deps.now(), scope.timeZone), -1);
    const startMs = localHourStart(dayWindow(yesterday, scope.timeZone).start + 10 * 3_600_000, scope.timeZone);
    const step = sub.direction === 'above' ? 1 : -1;
    return {
      rule: ruleView(sub, scope),
      timeZone: scope.timeZone,
      state: 'alerting',
      startMs,
      breachEndMs: startMs + 3_600_000,
      recoveredAtMs: null,
      // A relative rule's sample is measured against a made-up usual level of 100 people.
      extreme: { value: sub.threshold + step, atMs: startMs, ...(sub.thresholdKind === 'relative' ? { usual: { value: 100, weeks: 4 } } : {}) },
      chart: null,
      snoozedUntilMs: null,
      muted: false,
    };
  }

  /** An admin takes over a rule whose creator left the workspace; a DM rule then comes to them. */
  async takeOver(who: Who, id: number): Promise<Subscription> {
    const sub = await this.deps.store.subscriptions.get(who.teamId, id);
    if (!sub) throw notFoundSubscription(id);
    if (!this.deps.authz.isAdmin(who.userId)) throw new ForbiddenError('only an admin may take a rule over', undefined, sub.createdBy);
    if (sub.createdBy === who.userId) return sub;
    if (!(await this.deps.authz.hasLeft(sub.createdBy))) throw new OwnerPresentError(sub.createdBy);
    const taken = await this.deps.store.subscriptions.transfer(who.teamId, id, sub.createdBy, who.userId);
    this.deps.logger.info({ subscription: id, team: who.teamId, user: who.userId, from: sub.createdBy }, 'alert taken over');
    return taken ?? sub;
  }

  /** For an admin: the team's rules whose creator has left, each with Take over; [] for anyone else. */
  async orphaned(who: Who): Promise<SubscriptionSummaryView[]> {
    if (!this.deps.authz.isAdmin(who.userId)) return [];
    const all = await this.deps.store.subscriptions.listByTeam(who.teamId);
    const others = all.filter((s) => s.createdBy !== who.userId);
    const left = new Map<string, boolean>();
    for (const creator of new Set(others.map((s) => s.createdBy))) left.set(creator, await this.deps.authz.hasLeft(creator));
    const orphans = others.filter((s) => left.get(s.createdBy));
    return (await this.summariesOf(orphans, false)).map((v, i) => ({ ...v, createdBy: orphans[i]!.createdBy, takeOver: true }));
  }

  async summaries(who: Who): Promise<SubscriptionSummaryView[]> {
    return this.summariesOf(await this.deps.store.subscriptions.listByUser(who.teamId, who.userId), true);
  }

  private async summariesOf(subs: readonly Subscription[], canManage: boolean): Promise<SubscriptionSummaryView[]> {
    const states = await this.deps.store.alertStates.getMany(subs.map((s) => s.id));
    const scopes = new Map<string, Promise<ScopeInfo>>();
    const scopeOf = (s: Subscription) => {
      const key = `${s.scopeKind}:${s.scopeId}:${s.groupId ?? ''}`;
      let p = scopes.get(key);
      if (!p) {
        p = this.deps.scopes.describe(s.scopeKind, s.scopeId).then((scope) => this.deps.scopes.withGroup(scope, s.groupId));
        scopes.set(key, p);
      }
      return p;
    };
    const now = this.deps.now();
    return Promise.all(subs.map(async (s) => summaryView(s, states.get(s.id) ?? null, await scopeOf(s), now, canManage)));
  }

  private async resumeRow(teamId: string, id: number): Promise<Subscription | null> {
    const resumed = await this.deps.store.subscriptions.resume(teamId, id);
    await this.deps.store.notices.clear(teamId, pausedNoticeKey(id));
    return resumed;
  }

  /**
   * The group id a draft names (a name that fits none or several is refused, nothing stored);
   * null for the default group; undefined when the draft says nothing of groups.
   */
  private async groupIdOf(draft: SubscriptionDraft): Promise<string | null | undefined> {
    if (draft.group === undefined) return undefined;
    const group = await this.deps.scopes.groups.choose(draft.group);
    return group.id === this.deps.scopes.groups.defaultGroupId ? null : group.id;
  }

  private fieldsOf(draft: SubscriptionDraft, scope: ScopeInfo, destination: { kind: 'dm' | 'channel'; id: string }): Omit<NewSubscription, 'teamId' | 'createdBy'> {
    return {
      scopeKind: scope.kind,
      scopeId: scope.id,
      measure: draft.measure,
      direction: draft.direction,
      thresholdKind: draft.thresholdKind ?? 'absolute',
      threshold: draft.threshold,
      recovery: draft.recovery,
      minDuration: minDurationBuckets(draft.minDuration, draft.granularity),
      granularity: draft.granularity,
      destinationKind: destination.kind,
      destinationId: destination.id,
      quietHours: draft.quietHours ? { start: draft.quietHours.start, end: draft.quietHours.end, zone: scope.timeZone } : null,
      renotifyMinutes: draft.renotifyMinutes,
    };
  }
}

function scopeOf(s: Pick<Subscription, 'scopeKind' | 'scopeId' | 'granularity'> & { readonly groupId?: string | null }): ScopeKey {
  return { scopeKind: s.scopeKind, scopeId: s.scopeId, granularity: s.granularity, ...(s.groupId ? { groupId: s.groupId } : {}) };
}
