/**
 * The digest form (`/occupancy digest`, or Edit on a digest). Its submission is read by
 * src/slack/listeners/digests/form.ts.
 */
import { MAX_DIGEST_BUILDINGS } from '../parser/digest';
import { DIGEST_SECTIONS, type DigestSection } from '../../domain/digest';
import type { Weekday } from '../../domain/values';
import { scopeTitle } from './format';
import { CALLBACK_IDS, DIGEST_FIELDS } from './ids';
import { LIMITS, context, input, modal, modalNotice, option, plain, section, type InputBlock, type InputBlockElement, type ModalFrame, type ModalView, type PlainTextOption, type SlackMessage } from './kit';
import type { DigestModalView } from '../../views/index';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const DAY_OPTIONS: readonly PlainTextOption[] = DAY_NAMES.map((name, i) => option(name, String(i + 1)));

const CONTENT_OPTIONS: Readonly<Record<DigestSection, PlainTextOption>> = {
  chart: option('Chart of the day', 'chart'),
  topZones: option('Busiest zones', 'topZones'),
  perFloor: option('Per floor', 'perFloor'),
  weekOverWeek: option('Change vs the same day last week', 'weekOverWeek'),
};
export const SKIP_OPTION = option('Skip the message when there is no data', 'skipWhenNoData');

/**
 * How buildings are picked: from a list when InnerSpace gave one, else by typing ids. A select
 * holds at most 100 options, so a longer list shows its first 100 and a second field takes the
 * ids of the others (edits put the digest's buildings that are not listed there).
 */
function buildingBlocks(view: DigestModalView): InputBlock[] {
  const { actionId } = DIGEST_FIELDS.buildings;
  const choices = view.buildingOptions;
  if (choices === null || choices.length === 0) {
    return [
      input(DIGEST_FIELDS.buildings, 'Buildings', idsInput(actionId, view.buildingIds, '71, 12'), {
        hint: 'Building ids separated by commas; /occupancy buildings lists them.',
      }),
    ];
  }
  const listed = choices.slice(0, LIMITS.selectOptions);
  const options = listed.map((b) => option(scopeTitle(b.name, b.id), String(b.id)));
  const initial = options.filter((o) => view.buildingIds.includes(Number(o.value)));
  const select = input(
    DIGEST_FIELDS.buildings,
    'Buildings',
    {
      type: 'multi_static_select',
      action_id: actionId,
      placeholder: plain('Pick buildings', LIMITS.placeholder),
      options,
      max_selected_items: MAX_DIGEST_BUILDINGS,
      ...(initial.length > 0 ? { initial_options: initial } : {}),
    },
    // Optional when ids may be typed instead; the submission still needs one building or more.
    { hint: `Up to ${MAX_DIGEST_BUILDINGS} buildings.`, ...(listed.length < choices.length ? { optional: true } : {}) },
  );
  if (listed.length === choices.length) return [select];
  const unlisted = view.buildingIds.filter((id) => !listed.some((b) => b.id === id));
  return [
    select,
    input(DIGEST_FIELDS.moreBuildings, 'Other buildings', idsInput(DIGEST_FIELDS.moreBuildings.actionId, unlisted, String(choices[LIMITS.selectOptions]!.id)), {
      optional: true,
      hint: `The list shows the first ${listed.length} of ${choices.length} buildings. Type the ids of others here, separated by commas; /occupancy buildings lists them all.`,
    }),
  ];
}

function idsInput(actionId: string, ids: readonly number[], example: string): InputBlockElement {
  return {
    type: 'plain_text_input',
    action_id: actionId,
    placeholder: plain(example, LIMITS.placeholder),
    ...(ids.length > 0 ? { initial_value: ids.join(', ') } : {}),
  };
}

function frame(mode: 'create' | 'edit', privateMetadata: string): ModalFrame {
  return { callbackId: CALLBACK_IDS.digestModal, mode, titles: { create: 'New daily digest', edit: 'Edit digest' }, privateMetadata };
}

/** What opens at once, before the building list (and the digest, when editing) are read. */
export function buildDigestLoadingModal(mode: 'create' | 'edit', privateMetadata: string): ModalView {
  return modalNotice(frame(mode, privateMetadata), [
    section(mode === 'edit' ? 'Loading the digest…' : 'Loading the form…'),
    context(['Getting the list of buildings from InnerSpace.']),
  ]);
}

/** The form that could not be filled: why, in its place (the error's own words and blocks). */
export function buildDigestFailedModal(mode: 'create' | 'edit', privateMetadata: string, why: SlackMessage): ModalView {
  return modalNotice(frame(mode, privateMetadata), why.blocks);
}

export function buildDigestModal(view: DigestModalView): ModalView {
  const dayInitial = DAY_OPTIONS.filter((o) => view.days.includes(Number(o.value) as Weekday));
  const contentInitial = DIGEST_SECTIONS.filter((k) => view.options[k]).map((k) => CONTENT_OPTIONS[k]);
  return modal({
    ...frame(view.mode, view.privateMetadata),
    blocks: [
      input(DIGEST_FIELDS.channel, 'Channel', {
        type: 'conversations_select',
        action_id: DIGEST_FIELDS.channel.actionId,
        placeholder: plain('Pick a channel', LIMITS.placeholder),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        ...(view.channelId ? { initial_conversation: view.channelId } : { default_to_current_conversation: true }),
      }),
      ...buildingBlocks(view),
      input(DIGEST_FIELDS.time, 'Time', {
        type: 'timepicker',
        action_id: DIGEST_FIELDS.time.actionId,
        initial_time: view.time,
        placeholder: plain('08:00', LIMITS.placeholder),
      }),
      input(DIGEST_FIELDS.days, 'Days', {
        type: 'checkboxes',
        action_id: DIGEST_FIELDS.days.actionId,
        options: [...DAY_OPTIONS],
        ...(dayInitial.length > 0 ? { initial_options: dayInitial } : {}),
      }),
      input(
        DIGEST_FIELDS.timeZone,
        'Time zone',
        {
          type: 'plain_text_input',
          action_id: DIGEST_FIELDS.timeZone.actionId,
          placeholder: plain('America/Toronto', LIMITS.placeholder),
          ...(view.timeZone ? { initial_value: view.timeZone } : {}),
        },
        { optional: true, hint: "An IANA name such as Europe/London. Leave it empty to use the first building's time zone." },
      ),
      input(
        DIGEST_FIELDS.content,
        'Show',
        {
          type: 'checkboxes',
          action_id: DIGEST_FIELDS.content.actionId,
          options: DIGEST_SECTIONS.map((k) => CONTENT_OPTIONS[k]),
          ...(contentInitial.length > 0 ? { initial_options: contentInitial } : {}),
        },
        { optional: true },
      ),
      input(
        DIGEST_FIELDS.options,
        'Options',
        {
          type: 'checkboxes',
          action_id: DIGEST_FIELDS.options.actionId,
          options: [SKIP_OPTION],
          ...(view.options.skipWhenNoData ? { initial_options: [SKIP_OPTION] } : {}),
        },
        { optional: true },
      ),
    ],
  });
}
