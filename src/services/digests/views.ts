/**
 * Digests as the list and the form show them, and the form's private metadata: what the
 * modal carries between opening and submission, read back as untrusted input.
 */
import type { Building } from '../../domain/occupancy';
import { LIMITS } from '../../slack/blocks/kit';
import type { DigestModalView, DigestPauseReason, DigestSummaryView } from '../../views/index';
import { DEFAULT_DIGEST_OPTIONS, DEFAULT_DIGEST_TIME, WEEKDAYS_MON_FRI } from '../../domain/digest';
import type { Digest } from '../../domain/digest';

const PAUSE_REASONS: ReadonlySet<string> = new Set<DigestPauseReason>(['channel_not_found', 'not_in_channel', 'is_archived', 'access_revoked']);

export function pauseReasonOf(digest: Digest): DigestPauseReason | null {
  if (digest.status !== 'paused') return null;
  const r = digest.pausedReason;
  return r !== null && PAUSE_REASONS.has(r) ? (r as DigestPauseReason) : 'by_user';
}

export function summaryView(digest: Digest, opts: { nextRunMs: number | null; names: ReadonlyMap<number, string> | null; canManage: boolean }): DigestSummaryView {
  return {
    id: digest.id,
    channelId: digest.channelId,
    buildings: digest.buildingIds.map((id) => ({ id, name: opts.names?.get(id) ?? null })),
    time: digest.timeOfDay,
    days: digest.days,
    timeZone: digest.timeZone,
    nextRunMs: digest.status === 'active' ? opts.nextRunMs : null,
    status: digest.status,
    pauseReason: pauseReasonOf(digest),
    canManage: opts.canManage,
  };
}

/** What the form remembers: where it was opened, and which digest it edits. */
export interface DigestFormMeta {
  readonly origin: string | null;
  readonly digestId: number | null;
}

const CONVERSATION_RE = /^[CDG][A-Z0-9]{2,30}$/;

export function encodeFormMeta(meta: DigestFormMeta): string {
  return JSON.stringify({ v: 1, origin: meta.origin, digestId: meta.digestId });
}

/** null for anything that is not metadata this bot wrote. */
export function decodeFormMeta(text: string | undefined): DigestFormMeta | null {
  if (typeof text !== 'string' || text.length > LIMITS.privateMetadata) return null;
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const { v, origin, digestId } = o as Record<string, unknown>;
  if (v !== 1) return null;
  if (origin !== null && (typeof origin !== 'string' || !CONVERSATION_RE.test(origin))) return null;
  if (digestId !== null && (typeof digestId !== 'number' || !Number.isSafeInteger(digestId) || digestId <= 0)) return null;
  return { origin, digestId };
}

export function modalView(opts: { origin: string | null; buildings: readonly Building[] | null; digest: Digest | null }): DigestModalView {
  const { digest } = opts;
  const buildingOptions = opts.buildings ? [...opts.buildings].sort((a, b) => a.id - b.id).map((b) => ({ id: b.id, name: b.name })) : null;
  const privateMetadata = encodeFormMeta({ origin: opts.origin, digestId: digest?.id ?? null });
  if (!digest) {
    return {
      privateMetadata,
      mode: 'create',
      channelId: opts.origin,
      buildingOptions,
      buildingIds: [],
      time: DEFAULT_DIGEST_TIME,
      days: WEEKDAYS_MON_FRI,
      timeZone: null,
      options: DEFAULT_DIGEST_OPTIONS,
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
    timeZone: digest.timeZone,
    options: digest.options,
  };
}
