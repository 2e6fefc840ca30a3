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
 *   the one being sent ('sending'), in order; then, while the message's last episode is open,
 *   one { told } entry: the episodes over that the message lists above it.
 */
import { z } from 'zod';
import type { AlertState, AlertStateInput } from '../../domain/alert-state';
import type { JsonObject } from '../../domain/values';
import { statusOf, type Extreme, type MachineState, type Phase } from './machine';

/** Buckets an item's chart may carry (two numbers each in `window`). */
export const MAX_WINDOW_BUCKETS = 150;

export type OutboxKind = 'open' | 'update' | 'still' | 'close' | 'no_data' | 'no_history';

/** An episode over, told in the same message as a later one (one message per rule per publish). */
export interface ToldEpisode {
  readonly start: number;
  readonly breachEnd: number;
  readonly recoveredAt: number;
  readonly extreme: number;
  readonly extremeAt: number;
}

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
  /** The episodes over before this one that its message lists too, oldest first. */
  readonly earlier?: readonly ToldEpisode[];
  /** Relative rules: the usual level (people) at the extreme, and of how many weeks it is the mean. */
  readonly usual?: number | null;
  readonly usualWeeks?: number | null;
  /** Held back by a snooze (who set it, null when unknown) or quiet hours (the window), and until when. */
  readonly held?: { readonly by: string | null; readonly until: number; readonly quiet?: { readonly start: string; readonly end: string; readonly zone: string } } | null;
}

/** Episodes one message may list: more in one publish are counted, not listed (see the view). */
export const MAX_TOLD = 24;

const toldSchema = z.object({ start: z.number(), breachEnd: z.number(), recoveredAt: z.number(), extreme: z.number(), extremeAt: z.number() });

const itemSchema = z.object({
  kind: z.enum(['open', 'update', 'still', 'close', 'no_data', 'no_history']),
  phase: z.enum(['queued', 'sending']),
  episodeStart: z.number(),
  breachEnd: z.number(),
  recoveredAt: z.number().nullable(),
  extreme: z.number(),
  extremeAt: z.number(),
  window: z.array(z.number()).max(2 * MAX_WINDOW_BUCKETS),
  lastPublished: z.string().nullable(),
  earlier: z.array(toldSchema).max(MAX_TOLD).optional(),
  usual: z.number().nullable().optional(),
  usualWeeks: z.number().int().nullable().optional(),
  held: z.object({ by: z.string().nullable(), until: z.number(), quiet: z.object({ start: z.string(), end: z.string(), zone: z.string() }).optional() }).nullable().optional(),
});

/**
 * Kept beside the outbox while a message's last episode is open: the episodes over that the
 * message lists above it, so a later publish that edits the message tells them all again.
 */
const toldEntrySchema = z.object({ told: z.array(toldSchema).max(MAX_TOLD) });

/** The outbox of a stored state, and the told episodes of its open message; entries of an unknown shape are dropped rather than guessed at. */
export function readOutbox(deferred: readonly JsonObject[]): { items: OutboxItem[]; told: ToldEpisode[]; unreadable: number } {
  const items: OutboxItem[] = [];
  let told: ToldEpisode[] = [];
  let unreadable = 0;
  for (const raw of deferred) {
    const parsed = itemSchema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      continue;
    }
    const entry = toldEntrySchema.safeParse(raw);
    if (entry.success) told = entry.data.told;
    else unreadable += 1;
  }
  return { items, told, unreadable };
}

export function writeOutbox(items: readonly OutboxItem[], told: readonly ToldEpisode[] = []): JsonObject[] {
  const out: JsonObject[] = items.map(({ earlier, ...i }) => ({ ...i, window: [...i.window], ...(earlier ? { earlier: earlier.map((e) => ({ ...e })) } : {}) }));
  if (told.length > 0) out.push({ told: told.map((e) => ({ ...e })) });
  return out;
}

export function machineOf(s: AlertState | null): MachineState {
  if (!s) return { phase: 'OK', noData: false, pending: null, episode: null, evaluatedThrough: null };
  const noData = s.state === 'NO_DATA';
  const alerting = s.episodeStart !== null;
  const pendingRun = !alerting && s.pendingSince !== null && s.pendingCount > 0;
  const phase: Phase = alerting ? 'ALERTING' : pendingRun ? 'PENDING' : 'OK';
  const at = s.episodePeakAt ?? s.episodeStart ?? s.pendingSince ?? 0;
  const extreme: Extreme =
    s.episodeUsual !== null && s.episodeUsualWeeks !== null
      ? { value: s.episodePeak ?? 0, at, usual: s.episodeUsual, usualWeeks: s.episodeUsualWeeks }
      : { value: s.episodePeak ?? 0, at };
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
  /** The episodes over that the open message lists above its last one. */
  readonly told?: readonly ToldEpisode[];
}

function usualColumns(e: Extreme): { episodeUsual: number | null; episodeUsualWeeks: number | null } {
  return { episodeUsual: e.usual ?? null, episodeUsualWeeks: e.usualWeeks ?? null };
}

export function stateRow(m: MachineState, x: StateExtras): Omit<AlertState, 'updatedAt'> {
  const base = {
    subscriptionId: x.subscriptionId,
    teamId: x.teamId,
    state: statusOf(m),
    messageChannel: x.messageChannel,
    messageTs: x.messageTs,
    lastNotifiedAt: x.lastNotifiedAt,
    evaluatedThrough: m.evaluatedThrough,
    deferred: writeOutbox(x.outbox, x.told ?? []),
  };
  if (m.episode) {
    return {
      ...base,
      pendingSince: m.episode.breachEnd,
      pendingCount: 0,
      episodeStart: m.episode.start,
      episodePeak: m.episode.extreme.value,
      episodePeakAt: m.episode.extreme.at,
      ...usualColumns(m.episode.extreme),
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
      ...usualColumns(m.pending.extreme),
    };
  }
  return { ...base, pendingSince: null, pendingCount: 0, episodeStart: null, episodePeak: null, episodePeakAt: null, episodeUsual: null, episodeUsualWeeks: null };
}

/** A fresh state that starts reading after `evaluatedThrough`, keeping the "last alert" stamp. */
export function freshState(subscriptionId: number, teamId: string, evaluatedThrough: number | null, lastNotifiedAt: number | null = null): AlertStateInput {
  return stateRow(
    { phase: 'OK', noData: false, pending: null, episode: null, evaluatedThrough },
    { subscriptionId, teamId, messageChannel: null, messageTs: null, lastNotifiedAt, outbox: [] },
  );
}
