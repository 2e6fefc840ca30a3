/**
 * Sends a subscription's outbox, in order, so that a crash can never send anything twice:
 * each item is marked 'sending' in the store before Slack is asked, and the outcome (the
 * message ts, or the item's removal) is written after. An item found 'sending' later had an
 * unknown outcome and is dropped, not re-posted. A 429 (nothing posted) is waited out when
 * short; a destination held off longer than a check may wait (PARK_AFTER_MS: a long
 * Retry-After, heard here or by another replica) parks: its items stay queued in the outbox,
 * the evaluation stays recorded, and a later check sends them once the destination takes posts.
 */
import type { Charts } from '../../ports/charts';
import type { Logger } from '../../logging/logger';
import type { MessageRenderer } from '../../ports/renderer';
import type { AlertPausedBecause } from '../../views/alert';
import type { ChatMessage } from '../../ports/chat';
import { SlackCallError, type ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import type { Subscription } from '../../domain/subscription';
import { refusalReach } from '../refusals';
import { episodeChart } from './charts';
import type { MachineState } from './machine';
import type { ScopeInfo } from './scopes';
import { stateRow, type OutboxItem, type ToldEpisode } from './stored';
import { PARK_AFTER_MS, type TakeOptions } from '../digests/pacing';
import { episodeView, ruleView } from './views';
import { noHistoryNoticeKey } from './outbox';
import type { RuleMessages } from './rule-messages';

/** Spaces posts per destination (Slack allows about one message a second per channel). */
export interface Pacer {
  /** False when the destination is held off longer than `parkAfterMs`: nothing was taken. */
  take(key: string, opts?: TakeOptions): Promise<boolean>;
  holdOff(key: string, seconds: number): void;
}

/** 429s heard for one item in one check before it is left for the next. */
const MAX_RATE_LIMITED = 5;

/** Whether sending the item posts a message (and so needs the destination's turn); edits alone do not. */
function postsMessage(item: OutboxItem, ref: MessageRef | null): boolean {
  return item.kind === 'open' || item.kind === 'no_history' || (item.kind !== 'update' && ref !== null);
}

export interface DeliveryDeps {
  readonly store: Store;
  readonly charts: Charts;
  readonly slack: ChatGateway;
  readonly renderer: MessageRenderer;
  readonly logger: Logger;
  readonly now: () => number;
  readonly pacer: Pacer;
  /** Keeps each episode message as sent, so a later change of its rule can redraw it. */
  readonly messages: RuleMessages;
}

export interface MessageRef {
  readonly channel: string;
  readonly ts: string;
}

export interface Delivery {
  readonly sub: Subscription;
  readonly scope: ScopeInfo;
  readonly machine: MachineState;
  readonly message: MessageRef | null;
  readonly lastNotifiedAt: number | null;
  readonly outbox: readonly OutboxItem[];
  /** The episodes over that the open message lists above its last one (kept with the state). */
  readonly told: readonly ToldEpisode[];
}

export interface DeliveryResult {
  /** Slack messages posted (thread replies included; edits not). */
  posted: number;
  edited: number;
  /** Items whose outcome is unknown or that Slack refused: dropped, never retried. */
  dropped: number;
  rateLimited: boolean;
  /** The destination was held off too long: what is left of the outbox waits for a later check. */
  parked: boolean;
  paused: AlertPausedBecause | null;
}

export function pausedNoticeKey(subscriptionId: number): string {
  return `subscription:${subscriptionId}:paused`;
}

export class AlertDelivery {
  private readonly log: Logger;
  private readonly dms = new Map<string, string>();

  constructor(private readonly deps: DeliveryDeps) {
    this.log = deps.logger.child({ component: 'alert-delivery' });
  }

  /** The pacing key of a subscription's destination. */
  static destinationKey(sub: Subscription): string {
    return `${sub.teamId}:${sub.destinationId}`;
  }

  async deliver(d: Delivery): Promise<DeliveryResult> {
    const result: DeliveryResult = { posted: 0, edited: 0, dropped: 0, rateLimited: false, parked: false, paused: null };
    const { sub } = d;
    const log = this.log.child({ subscription: sub.id, team: sub.teamId });
    let ref = d.message;
    const items = [...d.outbox];
    const persist = () => this.store(d, ref, items);

    let limited = 0;
    while (items.length > 0) {
      const head = items[0];
      if (!head) break;
      // The destination's turn is taken before the item is marked 'sending': a parked item is
      // left queued in the store as it was, so not even a crash now could drop it.
      if (postsMessage(head, ref) && !(await this.deps.pacer.take(AlertDelivery.destinationKey(sub), { parkAfterMs: PARK_AFTER_MS }))) {
        result.parked = true;
        log.info({ kind: head.kind, destination: sub.destinationId }, 'destination is rate limited; its alerts wait for a later check, the others go on');
        break;
      }
      items[0] = { ...head, phase: 'sending' };
      await persist();
      try {
        ref = await this.send(d, head, ref, result);
        items.shift();
        limited = 0;
      } catch (err) {
        if (err instanceof SlackCallError && err.kind === 'rate_limited') {
          // Nothing posted: queued again at once, then tried after the hold (parked above if it is long).
          items[0] = head;
          await persist();
          this.deps.pacer.holdOff(AlertDelivery.destinationKey(sub), err.retryAfterSeconds ?? 1);
          result.rateLimited = true;
          limited += 1;
          if (limited <= MAX_RATE_LIMITED) continue;
          log.info({ kind: head.kind }, 'Slack keeps asking to slow down; the alert waits for the next check');
          break;
        }
        if (err instanceof SlackCallError && err.kind === 'refused') {
          const slackError = err.slackError ?? 'unknown_error';
          const reach = refusalReach(slackError);
          if (reach === 'transient') {
            // Refused, so nothing was posted: the next check sends it.
            items[0] = head;
            log.info({ kind: head.kind, slackError }, 'Slack could not take the alert just now; it waits for the next check');
            break;
          }
          const because: AlertPausedBecause = reach === 'team' ? 'access_revoked' : slackError;
          items.length = 0;
          result.paused = because;
          await this.pause(d, because, log);
          break;
        }
        // Unknown outcome (timeout, 5xx): it may have been posted, so it is never sent again.
        items.shift();
        result.dropped += 1;
        // The episode's message is unknown (open) or over (close): nothing more is said in it.
        if (head.kind === 'open' || head.kind === 'close') ref = null;
        log.warn({ err, kind: head.kind, episode: head.episodeStart }, 'alert notification not delivered; it will not be repeated');
      }
    }
    await persist();
    return result;
  }

  private async send(d: Delivery, item: OutboxItem, ref: MessageRef | null, result: DeliveryResult): Promise<MessageRef | null> {
    const chart = item.kind === 'no_data' || item.kind === 'no_history' ? null : episodeChart(this.deps.charts, d.sub, d.scope, item);
    const view = episodeView(d.sub, d.scope, item, this.deps.now(), chart);
    switch (item.kind) {
      case 'open': {
        const msg = this.deps.renderer.alert(view);
        const posted = await this.post(d.sub, msg);
        result.posted += 1;
        await this.deps.messages.posted(d.sub.teamId, d.sub.id, posted.channel, posted.ts, msg);
        // Posted already closed: nothing more will be said in it.
        return item.recoveredAt === null ? posted : null;
      }
      case 'update':
        if (ref) await this.edit(d.sub, ref, this.deps.renderer.alert(view), result);
        return ref;
      case 'still':
        if (!ref) return ref;
        await this.edit(d.sub, ref, this.deps.renderer.alert(view), result);
        await this.post(d.sub, this.deps.renderer.alertRenotify(view), ref.ts);
        result.posted += 1;
        return ref;
      case 'no_data':
        if (!ref) return ref;
        await this.post(d.sub, this.deps.renderer.alertNoData(view, item.lastPublished ?? ''), ref.ts);
        result.posted += 1;
        return ref;
      case 'no_history':
        // Told once per rule; marked first, so a crash after posting cannot repeat it.
        if (!(await this.deps.store.notices.markOnce(d.sub.teamId, noHistoryNoticeKey(d.sub.id)))) return ref;
        await this.post(d.sub, this.deps.renderer.alertNoHistory(view, item.usualWeeks ?? 0));
        result.posted += 1;
        return ref;
      case 'close':
        // Without the opening message (its outcome was unknown) a closing note could repeat it.
        if (!ref) return null;
        await this.edit(d.sub, ref, this.deps.renderer.alert(view), result);
        await this.post(d.sub, this.deps.renderer.alertRecovered(view), ref.ts);
        result.posted += 1;
        return null;
    }
  }

  /** Edits are cosmetic and idempotent: a failure is logged, never a reason to stop. */
  private async edit(sub: Subscription, ref: MessageRef, msg: ChatMessage, result: DeliveryResult): Promise<void> {
    try {
      await this.deps.slack.updateMessage(ref.channel, ref.ts, msg);
      result.edited += 1;
      await this.deps.messages.record(sub.teamId, sub.id, ref.channel, ref.ts, msg);
    } catch (err) {
      this.log.info({ err, channel: ref.channel, ts: ref.ts }, 'could not edit the alert message');
    }
  }

  /** The destination's turn was taken before the item was marked 'sending' (deliver). */
  private async post(sub: Subscription, msg: ChatMessage, threadTs?: string): Promise<MessageRef> {
    const channel = await this.channelOf(sub);
    const posted = await this.deps.slack.postMessage(channel, msg, threadTs ? { threadTs } : {});
    return { channel: posted.channel, ts: posted.ts };
  }

  /**
   * A delivery left out of a check (its destination held off too long): the evaluation is
   * stored as made, its notifications queued in the outbox for a later check.
   */
  keep(d: Delivery): Promise<void> {
    return this.store(d, d.message, d.outbox);
  }

  /** The evaluated state with the message and outbox as they stand. */
  private async store(d: Delivery, ref: MessageRef | null, outbox: readonly OutboxItem[]): Promise<void> {
    const { sub } = d;
    await this.deps.store.alertStates.put(
      stateRow(d.machine, {
        subscriptionId: sub.id,
        teamId: sub.teamId,
        messageChannel: ref?.channel ?? null,
        messageTs: ref?.ts ?? null,
        lastNotifiedAt: d.lastNotifiedAt,
        outbox,
        told: d.told,
      }),
    );
  }

  private async channelOf(sub: Subscription): Promise<string> {
    if (sub.destinationKind === 'channel') return sub.destinationId;
    const key = `${sub.teamId}:${sub.destinationId}`;
    const known = this.dms.get(key);
    if (known) return known;
    const dm = await this.deps.slack.openDm(sub.destinationId);
    this.dms.set(key, dm);
    return dm;
  }

  private async pause(d: Delivery, because: AlertPausedBecause, log: Logger): Promise<void> {
    const { sub } = d;
    await this.deps.store.subscriptions.pause(sub.teamId, sub.id, because);
    log.warn({ because, destination: sub.destinationId }, 'alert paused: Slack will keep refusing it until someone acts');
    if (because === 'access_revoked') return;
    if (!(await this.deps.store.notices.markOnce(sub.teamId, pausedNoticeKey(sub.id)))) return;
    try {
      const dm = await this.deps.slack.openDm(sub.createdBy);
      await this.deps.slack.postMessage(dm, this.deps.renderer.alertPaused(ruleView(sub, d.scope), because));
    } catch (err) {
      log.warn({ err, user: sub.createdBy }, 'could not tell the creator that their alert paused');
    }
  }
}
