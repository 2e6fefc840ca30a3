/**
 * Digests as the list and the form show them. The form's private metadata is the listener's:
 * it arrives here already encoded and is carried through untouched.
 */
import type { Building, Group } from '../../domain/occupancy';
import type { DigestModalView, DigestPauseReason, DigestPermissions, DigestRunView, DigestSummaryView } from '../../views/index';
import { DEFAULT_DIGEST_OPTIONS, DEFAULT_DIGEST_TIME, WEEKDAYS_MON_FRI } from '../../domain/digest';
import type { Digest, DigestRun } from '../../domain/digest';

const PAUSE_REASONS: ReadonlySet<string> = new Set<DigestPauseReason>(['channel_not_found', 'not_in_channel', 'is_archived', 'access_revoked']);

export function pauseReasonOf(digest: Digest): DigestPauseReason | null {
  if (digest.status !== 'paused') return null;
  const r = digest.pausedReason;
  return r !== null && PAUSE_REASONS.has(r) ? (r as DigestPauseReason) : 'by_user';
}

/** How many runs a list row and App Home show. */
export const RECENT_RUNS = 3;

/** A stored run as history shows it. */
export function runView(run: DigestRun): DigestRunView {
  const outcome = run.state === 'claimed' ? 'under_way' : run.state === 'sent' && run.lateMinutes > 0 ? 'late' : run.state;
  return {
    localDate: run.localDate,
    outcome,
    atMs: run.finishedAt ?? run.claimedAt,
    lateMinutes: run.lateMinutes,
    reason: run.state === 'sent' ? null : run.reason,
  };
}

export function summaryView(
  digest: Digest,
  opts: { nextRunMs: number | null; names: ReadonlyMap<number, string> | null; may: DigestPermissions; runs?: readonly DigestRun[]; groupLabel?: string | null },
): DigestSummaryView {
  return {
    ...(opts.runs ? { recentRuns: opts.runs.map(runView) } : {}),
    id: digest.id,
    channelId: digest.channelId,
    buildings: digest.buildingIds.map((id) => ({ id, name: opts.names?.get(id) ?? null })),
    ...(opts.groupLabel ? { groupLabel: opts.groupLabel } : {}),
    time: digest.timeOfDay,
    days: digest.days,
    cadence: digest.cadence,
    timeZone: digest.timeZone,
    nextRunMs: digest.status === 'active' ? opts.nextRunMs : null,
    status: digest.status,
    pauseReason: pauseReasonOf(digest),
    createdBy: digest.createdBy,
    may: opts.may,
  };
}

export function modalView(opts: {
  origin: string | null;
  buildings: readonly Building[] | null;
  digest: Digest | null;
  privateMetadata: string;
  /** The groups, default first, and the default's id; null: no group menu. */
  groups?: { readonly list: readonly Group[]; readonly defaultId: string } | null;
}): DigestModalView {
  const { digest } = opts;
  const groups = opts.groups && opts.groups.list.length > 1 ? opts.groups : null;
  const groupFields = groups
    ? { groupOptions: groups.list.map((g) => ({ id: g.id, name: g.name })), groupId: digest?.groupId ?? groups.defaultId }
    : {};
  const buildingOptions = opts.buildings ? [...opts.buildings].sort((a, b) => a.id - b.id).map((b) => ({ id: b.id, name: b.name })) : null;
  const { privateMetadata } = opts;
  if (!digest) {
    return {
      privateMetadata,
      mode: 'create',
      channelId: opts.origin,
      buildingOptions,
      buildingIds: [],
      time: DEFAULT_DIGEST_TIME,
      days: WEEKDAYS_MON_FRI,
      cadence: 'daily',
      timeZone: null,
      options: DEFAULT_DIGEST_OPTIONS,
      ...groupFields,
    };
  }
  return {
    privateMetadata,
    mode: 'edit',
    channelId: digest.channelId,
    buildingOptions,
    buildingIds: digest.buildingIds,
    time: digest.timeOfDay,
    days: digest.days,
    cadence: digest.cadence,
    timeZone: digest.timeZone,
    options: digest.options,
    ...groupFields,
  };
}
