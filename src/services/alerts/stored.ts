/**
 * How a subscription's machine state and its outbox sit in the alert_state row.
 *
 * Column use, by phase (the row has no column of its own for an episode's breach end):
 * - PENDING: pendingSince / pendingCount describe the run; episodePeak(At) its extreme so far.
 * - ALERTING: episodeStart and episodePeak(At) describe the episode; pendingSince holds the end
 *   of its latest bucket past the threshold, pendingCount is 0.
 * - NO_DATA: the same columns, read as whichever of the above lies underneath.
 * - lastNotifiedAt: start of the latest episode that fired (App Home's "last alert").
 * - deferred: the outbox, notifications not yet sent (quiet hours, snooze, rate limits) and
 *   the one being sent ('sending'), in order.
 */
import { z } from 'zod';
import type { AlertState, AlertStateInput } from '../../domain/alert-state';
import type { JsonObject } from '../../domain/values';
import { statusOf, type MachineState, type Phase } from './machine';

export type OutboxKind = 'open' | 'update' | 'still' | 'close' | 'no_data';

/** One notification to deliver, with everything needed to render it later. */
export interface OutboxItem {
  readonly kind: OutboxKind;
  /** 'sending' was handed to Slack and the outcome is not recorded: never sent again. */
  readonly phase: 'queued' | 'sending';
  readonly episodeStart: number;
  readonly breachEnd: number;
  readonly recoveredAt: number | null;
  readonly extreme: number;
  readonly extremeAt: number;
  /** The buckets around the episode for its chart, flattened: start, value, start, value… */
  readonly window: readonly number[];
  /** no_data only: the last local day published, YYYY-MM-DD. */
  readonly lastPublished: string | null;
  /** Held back by a snooze: who set it (null when unknown) and until when. */
  readonly held?: { readonly by: string | null; readonly until: number } | null;
}

const itemSchema = z.object({
  kind: z.enum(['open', 'update', 'still', 'close', 'no_data']),
  phase: z.enum(['queued', 'sending']),
  episodeStart: z.number(),
  breachEnd: z.number(),
  recoveredAt: z.number().nullable(),
  extreme: z.number(),
  extremeAt: z.number(),
  window: z.array(z.number()).max(200),
  lastPublished: z.string().nullable(),
  held: z.object({ by: z.string().nullable(), until: z.number() }).nullable().optional(),
});

/** The outbox of a stored state; entries of an unknown shape are dropped rather than guessed at. */
export function readOutbox(deferred: readonly JsonObject[]): { items: OutboxItem[]; unreadable: number } {
  const items: OutboxItem[] = [];
  let unreadable = 0;
  for (const raw of deferred) {
    const parsed = itemSchema.safeParse(raw);
    if (parsed.success) items.push(parsed.data);
    else unreadable += 1;
  }
  return { items, unreadable };
}

export function writeOutbox(items: readonly OutboxItem[]): JsonObject[] {
  return items.map((i) => ({ ...i, window: [...i.window] }));
}

export function machineOf(s: AlertState | null): MachineState {
  if (!s) return { phase: 'OK', noData: false, pending: null, episode: null, evaluatedThrough: null };
  const noData = s.state === 'NO_DATA';
  const alerting = s.episodeStart !== null;
  const pendingRun = !alerting && s.pendingSince !== null && s.pendingCount > 0;
  const phase: Phase = alerting ? 'ALERTING' : pendingRun ? 'PENDING' : 'OK';
  const extreme = { value: s.episodePeak ?? 0, at: s.episodePeakAt ?? s.episodeStart ?? s.pendingSince ?? 0 };
  return {
    phase,
    noData,
    pending: pendingRun ? { since: s.pendingSince ?? 0, count: s.pendingCount, extreme } : null,
    episode: alerting ? { start: s.episodeStart ?? 0, breachEnd: s.pendingSince ?? s.episodeStart ?? 0, extreme } : null,
    evaluatedThrough: s.evaluatedThrough,
  };
}

export interface StateExtras {
  readonly subscriptionId: number;
  readonly teamId: string;
  readonly messageChannel: string | null;
  readonly messageTs: string | null;
  readonly lastNotifiedAt: number | null;
  readonly outbox: readonly OutboxItem[];
}

export function stateRow(m: MachineState, x: StateExtras): AlertStateInput {
  const base = {
    subscriptionId: x.subscriptionId,
    teamId: x.teamId,
    state: statusOf(m),
    messageChannel: x.messageChannel,
    messageTs: x.messageTs,
    lastNotifiedAt: x.lastNotifiedAt,
    evaluatedThrough: m.evaluatedThrough,
    deferred: writeOutbox(x.outbox),
  };
  if (m.episode) {
    return {
      ...base,
      pendingSince: m.episode.breachEnd,
      pendingCount: 0,
      episodeStart: m.episode.start,
      episodePeak: m.episode.extreme.value,
      episodePeakAt: m.episode.extreme.at,
    };
  }
  if (m.pending) {
    return {
      ...base,
      pendingSince: m.pending.since,
      pendingCount: m.pending.count,
      episodeStart: null,
      episodePeak: m.pending.extreme.value,
      episodePeakAt: m.pending.extreme.at,
    };
  }
  return { ...base, pendingSince: null, pendingCount: 0, episodeStart: null, episodePeak: null, episodePeakAt: null };
}

/** A fresh state that starts reading after `evaluatedThrough`, keeping the "last alert" stamp. */
export function freshState(subscriptionId: number, teamId: string, evaluatedThrough: number | null, lastNotifiedAt: number | null = null): AlertStateInput {
  return stateRow(
    { phase: 'OK', noData: false, pending: null, episode: null, evaluatedThrough },
    { subscriptionId, teamId, messageChannel: null, messageTs: null, lastNotifiedAt, outbox: [] },
  );
}
