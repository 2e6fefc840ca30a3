/**
 * The digest form's own data: what it remembers between opening and submission
 * (private_metadata, read back as untrusted input), and the reading of its submission, a
 * DigestDraft or errors keyed by block_id for `response_action: errors`; and opening it.
 */
import type { DigestCadence } from '../../../domain/digest';
import type { DigestDraft } from '../../../domain/drafts';
import type { Weekday } from '../../../domain/values';
import { PREVIEW_OPTION, SKIP_OPTION, buildDigestFailedModal, buildDigestLoadingModal, buildDigestModal } from '../../blocks/digest-modal';
import { DIGEST_FIELDS } from '../../blocks/ids';
import { LIMITS, fieldState, type ModalView, type ViewStateValues } from '../../blocks/kit';
import { truncate } from '../../blocks/mrkdwn';
import { isChannelId, isId, parseObject } from '../../blocks/values';
import { MAX_DIGEST_BUILDINGS } from '../../parser/digest';
import { parseZone } from '../../parser/schedule';
import { errorReply, type Actor, type ListenerDeps } from '../context';

/** What the form remembers: where it was opened, and which digest it edits. */
export interface DigestFormMeta {
  readonly origin: string | null;
  readonly digestId: number | null;
}

export function encodeFormMeta(meta: DigestFormMeta): string {
  return JSON.stringify({ v: 1, origin: meta.origin, digestId: meta.digestId });
}

/** null for anything that is not metadata this bot wrote. */
export function decodeFormMeta(text: string | undefined): DigestFormMeta | null {
  const o = parseObject(text, LIMITS.privateMetadata);
  if (!o || o.v !== 1) return null;
  const { origin, digestId } = o;
  if (origin !== null && !isChannelId(origin)) return null;
  if (digestId !== null && !isId(digestId)) return null;
  return { origin, digestId };
}

export type DigestSubmission =
  /** `preview`: "Send me a preview" was ticked (present only then). */
  | { readonly ok: true; readonly draft: DigestDraft; readonly preview?: true }
  /** Ack with `{ response_action: 'errors', errors }`. */
  | { readonly ok: false; readonly errors: Record<string, string> };

/** Ids typed in a field: whole numbers separated by commas, spaces or semicolons. */
function typedIds(text: string | null | undefined): number[] | string {
  const ids: number[] = [];
  for (const word of (text ?? '').split(/[\s,;]+/).filter((w) => w !== '')) {
    if (!/^[0-9]{1,12}$/.test(word) || Number(word) === 0) {
      return `Building ids are whole numbers like 71, separated by commas ("${truncate(word, 40)}" isn't one).`;
    }
    ids.push(Number(word));
  }
  return ids;
}

/**
 * The buildings picked: from the list and/or typed (the text input when there is no list, the
 * field for unlisted ids when there are more than a list holds). Errors keyed by block_id.
 */
function readBuildingIds(values: ViewStateValues): number[] | Record<string, string> {
  const state = fieldState(values, DIGEST_FIELDS.buildings);
  const picked = state?.selected_options ? state.selected_options.map((o) => o.value) : null;
  const main = picked ? typedIds(picked.join(',')) : typedIds(state?.value);
  if (typeof main === 'string') return { [DIGEST_FIELDS.buildings.blockId]: main };
  const more = typedIds(fieldState(values, DIGEST_FIELDS.moreBuildings)?.value);
  if (typeof more === 'string') return { [DIGEST_FIELDS.moreBuildings.blockId]: more };
  const ids = [...new Set([...main, ...more])];
  if (ids.length === 0) return { [DIGEST_FIELDS.buildings.blockId]: 'Pick at least one building.' };
  if (ids.length > MAX_DIGEST_BUILDINGS) return { [DIGEST_FIELDS.buildings.blockId]: `A digest can cover up to ${MAX_DIGEST_BUILDINGS} buildings.` };
  return ids;
}

export function validateDigestSubmission(values: ViewStateValues): DigestSubmission {
  const errors: Record<string, string> = {};
  const channelId = fieldState(values, DIGEST_FIELDS.channel)?.selected_conversation ?? null;
  if (!channelId) errors[DIGEST_FIELDS.channel.blockId] = 'Pick the channel the digest goes to.';

  const buildingIds = readBuildingIds(values);
  if (!Array.isArray(buildingIds)) Object.assign(errors, buildingIds);

  const time = fieldState(values, DIGEST_FIELDS.time)?.selected_time ?? '';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) errors[DIGEST_FIELDS.time.blockId] = 'Pick a time, such as 08:00.';

  const days = (fieldState(values, DIGEST_FIELDS.days)?.selected_options ?? [])
    .map((o) => Number(o.value))
    .filter((d): d is Weekday => Number.isInteger(d) && d >= 1 && d <= 7)
    .sort((a, b) => a - b);
  const cadence: DigestCadence = fieldState(values, DIGEST_FIELDS.cadence)?.selected_option?.value === 'weekly' ? 'weekly' : 'daily';
  if (days.length === 0) errors[DIGEST_FIELDS.days.blockId] = cadence === 'weekly' ? 'Tick the day the weekly digest goes out.' : 'Pick at least one day.';
  else if (cadence === 'weekly' && days.length > 1) errors[DIGEST_FIELDS.days.blockId] = 'A weekly digest goes out on one day of the week: tick just one.';

  const zoneText = (fieldState(values, DIGEST_FIELDS.timeZone)?.value ?? '').trim();
  let timeZone: string | null = null;
  if (zoneText !== '') {
    const zone = parseZone(zoneText);
    if (zone.ok) timeZone = zone.value;
    else errors[DIGEST_FIELDS.timeZone.blockId] = `"${truncate(zoneText, 40)}" isn't a time zone I know. Use an IANA name such as America/Toronto.`;
  }

  const contentValues = new Set((fieldState(values, DIGEST_FIELDS.content)?.selected_options ?? []).map((o) => o.value));
  const ticked: readonly (string | undefined)[] = (fieldState(values, DIGEST_FIELDS.options)?.selected_options ?? []).map((o) => o.value);
  const skip = ticked.includes(SKIP_OPTION.value);
  // A group id from the menu (the service checks it is one InnerSpace lists); no menu, no change.
  const group = fieldState(values, DIGEST_FIELDS.group)?.selected_option?.value;

  if (Object.keys(errors).length > 0 || !Array.isArray(buildingIds) || !channelId) return { ok: false, errors };
  return {
    ok: true,
    ...(ticked.includes(PREVIEW_OPTION.value) ? { preview: true as const } : {}),
    draft: {
      buildingIds,
      time,
      days: [...new Set(days)],
      cadence,
      timeZone,
      channel: { kind: 'id', id: channelId, name: null },
      options: {
        chart: contentValues.has('chart'),
        topZones: contentValues.has('topZones'),
        perFloor: contentValues.has('perFloor'),
        weekOverWeek: contentValues.has('weekOverWeek'),
        skipWhenNoData: skip,
      },
      ...(typeof group === 'string' && group !== '' ? { group: group.slice(0, 80) } : {}),
    },
  };
}

/**
 * Opens the form, empty or on a digest; its metadata remembers both. It opens at once, as a
 * frame saying it is loading (the trigger_id lasts 3 s and InnerSpace may be slower), then is
 * filled in; when it cannot be, the frame says why in its place. Throws only when Slack
 * refused to open it.
 */
export async function openDigestForm(
  deps: Pick<ListenerDeps, 'digests' | 'chat' | 'logger' | 'forms'>,
  actor: Actor,
  triggerId: string,
  origin: string | null,
  digestId: number | null,
): Promise<void> {
  const meta = encodeFormMeta({ origin, digestId });
  const mode = digestId === null ? 'create' : 'edit';
  const opened = await deps.chat.openView(triggerId, buildDigestLoadingModal(mode, meta));
  const forms = deps.forms;
  const ticket = await forms.opened(opened.viewId, opened.hash);
  let filled: ModalView;
  try {
    filled = buildDigestModal(await deps.digests.form(actor, origin, digestId, meta));
  } catch (err) {
    const log = deps.logger.child({ view: 'digest', team: actor.teamId, user: actor.userId });
    filled = buildDigestFailedModal(mode, meta, errorReply(err, { kind: 'digest', ...(digestId !== null ? { id: digestId } : {}) }, log));
  }
  await forms.draw(ticket, (hash) => deps.chat.updateView(opened.viewId, filled, hash));
}
