/**
 * What a batch of new buckets means for the people subscribed: which notifications to send, in
 * order, merged with those still waiting (quiet hours, snooze). Pure.
 *
 * - 'open': episodes began: one new message for all those of the batch (a nightly publish
 *   may hold a morning and an afternoon episode). The ones over are listed in it; when the last
 *   also ended before the message went out (the same nightly batch, or held by quiet hours),
 *   the message tells them all, closed, and nothing else is sent about them.
 * - 'close': the last episode of a message ended after it went out: the message is edited to
 *   say so and a thread reply tells followers.
 * - 'still': still going after the re-notify interval: a thread reply (and the message edited).
 * - 'update': still going, nothing to notify: the message is edited in place, silently.
 * - 'no_data': the publish is late while an episode is open: a thread reply, once.
 * - 'no_history': a rule relative to usual met a bucket with too little history: one
 *   message, once per rule (a notice key), saying it cannot judge yet.
 */
import type { Episode, MachineEvent, MachineState, Reading } from './machine';
import { MAX_TOLD, type OutboxItem, type OutboxKind, type ToldEpisode } from './stored';

export const MAX_OUTBOX = 100;

export interface Batch {
  readonly before: MachineState;
  readonly after: MachineState;
  readonly events: readonly MachineEvent[];
  /** The state went to NO_DATA with this batch. */
  readonly noDataEntered: boolean;
  /** Last local day with data, for the no-data notice. */
  readonly lastPublished: string | null;
  /**
   * The publish (local day) a bucket instant belongs to. A batch that catches up on several
   * publishes (after an outage) sends one message per publish, as the nightly ones would have;
   * without it the whole batch is one publish.
   */
  readonly publishOf?: (ms: number) => string;
}

/** What a message's chart covers: from its first episode's start to where its last one ended (or the data does). */
export interface ChartSpan {
  readonly start: number;
  readonly end: number;
}

/** The buckets to draw around a span, flattened: start, value, start, value… */
export type WindowFor = (span: ChartSpan) => number[];

function item(kind: OutboxKind, ep: Episode, recoveredAt: number | null, window: number[], earlier: readonly ToldEpisode[], lastPublished: string | null = null): OutboxItem {
  return {
    kind,
    phase: 'queued',
    episodeStart: ep.start,
    breachEnd: ep.breachEnd,
    recoveredAt,
    extreme: ep.extreme.value,
    extremeAt: ep.extreme.at,
    window,
    lastPublished,
    ...(earlier.length > 0 ? { earlier } : {}),
    ...(ep.extreme.usual !== undefined ? { usual: ep.extreme.usual, usualWeeks: ep.extreme.usualWeeks ?? null } : {}),
  };
}

export function noHistoryNoticeKey(subscriptionId: number): string {
  return `subscription:${subscriptionId}:no-history`;
}

/** The notice that a bucket (the first found) had too little history to be judged. */
export function noHistoryItem(r: Reading): OutboxItem {
  return {
    kind: 'no_history',
    phase: 'queued',
    episodeStart: r.start,
    breachEnd: r.end,
    recoveredAt: null,
    extreme: 0,
    extremeAt: r.start,
    window: [],
    lastPublished: null,
    usual: null,
    usualWeeks: r.usualWeeks ?? 0,
  };
}

function told(ep: Episode, recoveredAt: number): ToldEpisode {
  return { start: ep.start, breachEnd: ep.breachEnd, recoveredAt, extreme: ep.extreme.value, extremeAt: ep.extreme.at };
}

function span(earlier: readonly ToldEpisode[], ep: Episode, recoveredAt: number | null): ChartSpan {
  return { start: earlier[0]?.start ?? ep.start, end: recoveredAt ?? ep.breachEnd };
}

/** How many whole re-notify intervals an episode had lasted by `at`. */
function intervals(ep: Episode, at: number | null, minutes: number): number {
  return at === null ? 0 : Math.floor((at - ep.start) / (minutes * 60_000));
}

export interface BatchItems {
  readonly items: OutboxItem[];
  /** The episodes over that the open message lists above its last one, to keep with the state. */
  readonly told: ToldEpisode[];
}

/**
 * One message per rule per publish: every episode that began in the batch is told in one 'open'
 * item (the last one, with those before it as `earlier`); an episode carried from an earlier
 * publish is closed or edited in its own message, which lists `told` above it.
 */
export function itemsForBatch(batch: Batch, renotifyMinutes: number | null, windowFor: WindowFor, toldBefore: readonly ToldEpisode[] = []): BatchItems {
  const out: OutboxItem[] = [];
  const { before, after, events } = batch;
  const openedHere = new Set(events.filter((e) => e.kind === 'fired').map((e) => e.episode.start));
  let toldNow: ToldEpisode[] = after.episode ? [...toldBefore] : [];

  for (const e of events) {
    if (e.kind === 'recovered' && !openedHere.has(e.episode.start)) {
      out.push(item('close', e.episode, e.recoveredAt, windowFor(span(toldBefore, e.episode, e.recoveredAt)), toldBefore));
    }
  }

  // The new episodes as they stand at the end of the batch: all over but perhaps the last.
  // Grouped by the publish whose bucket made each fire (its episode then ended with that bucket).
  const groups: { publish: string; fresh: { ep: Episode; recoveredAt: number | null }[] }[] = [];
  for (const [i, e] of events.entries()) {
    if (e.kind !== 'fired') continue;
    const end = events.slice(i + 1).find((x) => x.kind === 'recovered' && x.episode.start === e.episode.start);
    const f =
      end && end.kind === 'recovered'
        ? { ep: end.episode, recoveredAt: end.recoveredAt }
        : { ep: after.episode && after.episode.start === e.episode.start ? after.episode : e.episode, recoveredAt: null };
    const publish = batch.publishOf ? batch.publishOf(e.episode.breachEnd - 1) : '';
    const group = groups.at(-1);
    if (group && group.publish === publish) group.fresh.push(f);
    else groups.push({ publish, fresh: [f] });
  }
  for (const { fresh } of groups) {
    const last = fresh.at(-1);
    if (!last) continue;
    // Only the batch's very last episode can still be open: those before it in a message are over.
    const earlier = fresh.slice(0, -1).flatMap((f) => (f.recoveredAt === null ? [] : [told(f.ep, f.recoveredAt)])).slice(-MAX_TOLD);
    out.push(item('open', last.ep, last.recoveredAt, windowFor(span(earlier, last.ep, last.recoveredAt)), earlier));
    toldNow = last.recoveredAt === null ? earlier : [];
  }

  const carried = before.episode && after.episode && after.episode.start === before.episode.start ? after.episode : null;
  if (carried && before.episode && after.evaluatedThrough !== before.evaluatedThrough) {
    const remind =
      renotifyMinutes !== null &&
      renotifyMinutes > 0 &&
      intervals(carried, after.evaluatedThrough, renotifyMinutes) > intervals(carried, before.evaluatedThrough, renotifyMinutes);
    const changed = carried.breachEnd !== before.episode.breachEnd || carried.extreme.value !== before.episode.extreme.value;
    const window = () => windowFor(span(toldBefore, carried, null));
    if (remind) out.push(item('still', carried, null, window(), toldBefore));
    else if (changed) out.push(item('update', carried, null, window(), toldBefore));
  }

  if (batch.noDataEntered && after.episode) out.push(item('no_data', after.episode, null, [], [], batch.lastPublished));
  return { items: out, told: toldNow };
}

/**
 * Adds new items behind the waiting ones. Only the newest state of an episode matters for the
 * silent kinds: a newer 'update' or 'still' replaces a waiting one, and a message not yet
 * posted simply shows the newest state. Items being sent are never touched.
 */
export function mergeOutbox(existing: readonly OutboxItem[], incoming: readonly OutboxItem[]): { items: OutboxItem[]; dropped: number } {
  let items = [...existing];
  for (const next of incoming) {
    const sameEpisode = (i: OutboxItem) => i.phase === 'queued' && i.episodeStart === next.episodeStart;
    const waitingOpen = items.findIndex((i) => sameEpisode(i) && i.kind === 'open');
    if (next.kind === 'update' || next.kind === 'still' || next.kind === 'close') {
      const superseded = items.filter((i) => sameEpisode(i) && (i.kind === 'update' || i.kind === 'still'));
      items = items.filter((i) => !superseded.includes(i));
      if (waitingOpen >= 0) {
        const open = items.findIndex((i) => sameEpisode(i) && i.kind === 'open');
        // The message not yet posted keeps why it was held.
        const held = items[open]?.held ?? next.held;
        items[open] = { ...next, kind: 'open', ...(held ? { held } : {}) };
        continue;
      } else if (next.kind === 'update' && superseded.some((i) => i.kind === 'still')) {
        items.push({ ...next, kind: 'still' });
        continue;
      }
    }
    items.push(next);
  }
  let dropped = 0;
  while (items.length > MAX_OUTBOX) {
    const oldest = items.findIndex((i) => i.phase === 'queued');
    if (oldest < 0) break;
    items.splice(oldest, 1);
    dropped += 1;
  }
  return { items, dropped };
}
