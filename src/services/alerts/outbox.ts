/**
 * What a batch of new buckets means for the people subscribed: which notifications to send, in
 * order, merged with those still waiting (quiet hours, snooze). Pure.
 *
 * - 'open': an episode began: one new message. When it also ended before the message went
 *   out (the same nightly batch, or both held by quiet hours), that message tells the whole
 *   episode, closed, and nothing else is sent about it.
 * - 'close': it ended after its message went out: the message is edited to say so and a
 *   thread reply tells followers.
 * - 'still': still going after the re-notify interval: a thread reply (and the message edited).
 * - 'update': still going, nothing to notify: the message is edited in place, silently.
 * - 'no_data': the publish is late while an episode is open: a thread reply, once.
 */
import type { Episode, MachineEvent, MachineState } from './machine';
import type { OutboxItem, OutboxKind } from './stored';

export const MAX_OUTBOX = 100;

export interface Batch {
  readonly before: MachineState;
  readonly after: MachineState;
  readonly events: readonly MachineEvent[];
  /** The state went to NO_DATA with this batch. */
  readonly noDataEntered: boolean;
  /** Last local day with data, for the no-data notice. */
  readonly lastPublished: string | null;
}

/** The buckets to draw around an episode, flattened: start, value, start, value… */
export type WindowFor = (episode: Episode, recoveredAt: number | null) => number[];

function item(kind: OutboxKind, ep: Episode, recoveredAt: number | null, window: number[], lastPublished: string | null = null): OutboxItem {
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
  };
}

/** How many whole re-notify intervals an episode had lasted by `at`. */
function intervals(ep: Episode, at: number | null, minutes: number): number {
  return at === null ? 0 : Math.floor((at - ep.start) / (minutes * 60_000));
}

export function itemsForBatch(batch: Batch, renotifyMinutes: number | null, windowFor: WindowFor): OutboxItem[] {
  const out: OutboxItem[] = [];
  const { before, after, events } = batch;
  const openedHere = new Set(events.filter((e) => e.kind === 'fired').map((e) => e.episode.start));
  for (const [i, e] of events.entries()) {
    if (e.kind === 'recovered') {
      if (!openedHere.has(e.episode.start)) out.push(item('close', e.episode, e.recoveredAt, windowFor(e.episode, e.recoveredAt)));
      continue;
    }
    // The message of a new episode shows how it stands at the end of the batch.
    const end = events.slice(i + 1).find((x) => x.kind === 'recovered' && x.episode.start === e.episode.start);
    if (end && end.kind === 'recovered') out.push(item('open', end.episode, end.recoveredAt, windowFor(end.episode, end.recoveredAt)));
    else {
      const latest = after.episode && after.episode.start === e.episode.start ? after.episode : e.episode;
      out.push(item('open', latest, null, windowFor(latest, null)));
    }
  }

  const carried = before.episode && after.episode && after.episode.start === before.episode.start ? after.episode : null;
  if (carried && before.episode && after.evaluatedThrough !== before.evaluatedThrough) {
    const remind =
      renotifyMinutes !== null &&
      renotifyMinutes > 0 &&
      intervals(carried, after.evaluatedThrough, renotifyMinutes) > intervals(carried, before.evaluatedThrough, renotifyMinutes);
    const changed = carried.breachEnd !== before.episode.breachEnd || carried.extreme.value !== before.episode.extreme.value;
    if (remind) out.push(item('still', carried, null, windowFor(carried, null)));
    else if (changed) out.push(item('update', carried, null, windowFor(carried, null)));
  }

  if (batch.noDataEntered && after.episode) out.push(item('no_data', after.episode, null, [], batch.lastPublished));
  return out;
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
