/**
 * The digest form (`/occupancy digest`, or Edit on a digest). Its submission is read by
 * src/slack/listeners/digests/form.ts.
 */
import { MAX_DIGEST_BUILDINGS } from '../parser/digest';
import { DIGEST_CADENCES, DIGEST_SECTIONS, type DigestCadence, type DigestSection } from '../../domain/digest';
import type { Weekday } from '../../domain/values';
import { CALLBACK_IDS, DIGEST_FIELDS } from './ids';
import { groupMenu } from './groups';
import { nameOption, unnamedOption } from './name-options';
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
/** Not stored: on saving, the person gets what the channel would get, shown only to them. Never preselected. */
export const PREVIEW_OPTION = option('Send me a preview when I save', 'preview');

export const CADENCE_OPTIONS: Readonly<Record<DigestCadence, PlainTextOption>> = {
  daily: option('Daily: the latest day, on the days ticked', 'daily'),
  weekly: option('Weekly: last week (Mon–Sun), on one day', 'weekly'),
};

/**
 * How buildings are picked: by name from a menu the bot fills as the user types (it searches
 * the whole directory, so there is no 100-option limit to work around), with the digest's
 * buildings preselected on an edit; or by typing ids when InnerSpace gave no list.
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
  // Slack has no list to find a preselected value in: each is a whole option, named here.
  const initial = view.buildingIds.slice(0, MAX_DIGEST_BUILDINGS).map((id) => {
    const b = choices.find((c) => c.id === id);
    return b ? nameOption(b) : unnamedOption('building', id);
  });
  return [
    input(
      DIGEST_FIELDS.buildings,
      'Buildings',
      {
        type: 'multi_external_select',
        action_id: actionId,
        placeholder: plain('Type a building name or id', LIMITS.placeholder),
        // Opening the menu lists buildings at once; typing narrows them.
        min_query_length: 0,
        max_selected_items: MAX_DIGEST_BUILDINGS,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
      { hint: `Type part of a name (accents and case don't matter) or an id. Up to ${MAX_DIGEST_BUILDINGS} buildings.` },
    ),
  ];
}

/** Whose occupancy the digest shows. */
function groupBlocks(view: DigestModalView): InputBlock[] {
  return groupMenu(DIGEST_FIELDS.group, view, { hint: 'Whose occupancy the digest shows: everyone, or one department.' });
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
  return { callbackId: CALLBACK_IDS.digestModal, mode, titles: { create: 'New digest', edit: 'Edit digest' }, privateMetadata };
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
      ...groupBlocks(view),
      input(DIGEST_FIELDS.cadence, 'How often', {
        type: 'radio_buttons',
        action_id: DIGEST_FIELDS.cadence.actionId,
        options: DIGEST_CADENCES.map((c) => CADENCE_OPTIONS[c]),
        initial_option: CADENCE_OPTIONS[view.cadence],
      }),
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
      }, { hint: 'A weekly digest goes out on the one day ticked.' }),
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
        { optional: true, hint: 'A weekly digest shows the week’s chart and the change vs the week before; busiest zones and floors are in daily ones.' },
      ),
      input(
        DIGEST_FIELDS.options,
        'Options',
        {
          type: 'checkboxes',
          action_id: DIGEST_FIELDS.options.actionId,
          options: [SKIP_OPTION, PREVIEW_OPTION],
          ...(view.options.skipWhenNoData ? { initial_options: [SKIP_OPTION] } : {}),
        },
        { optional: true },
      ),
    ],
  });
}
