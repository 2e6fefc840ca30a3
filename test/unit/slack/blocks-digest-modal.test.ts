import { CALLBACK_IDS, DIGEST_FIELDS, buildDigestModal, checkViewLimits, validateDigestSubmission, type DigestModalView, type ViewStateValues } from '../../../src/slack/blocks';
import { opt, pt } from './blocks-helpers';

const CONTENT = { chart: true, topZones: true, perFloor: false, weekOverWeek: true };

function modalView(overrides: Partial<DigestModalView> = {}): DigestModalView {
  return {
    privateMetadata: '{"origin":"C0FACILITY"}',
    mode: 'create',
    channelId: null,
    buildingOptions: [
      { id: 71, name: 'DEMO building' },
      { id: 12, name: 'Harbour office' },
    ],
    buildingIds: [71],
    time: '08:00',
    days: [1, 2, 3, 4, 5],
    timeZone: 'America/Toronto',
    content: CONTENT,
    skipWhenNoData: false,
    ...overrides,
  };
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((d, i) => opt(d, String(i + 1)));
const CONTENT_OPTS = [
  opt('Chart of the day', 'chart'),
  opt('Busiest zones', 'topZones'),
  opt('Per floor', 'perFloor'),
  opt('Change vs the same day last week', 'weekOverWeek'),
];
const SKIP = opt('Skip the message when there is no data', 'skipWhenNoData');

describe('buildDigestModal', () => {
  it('opens with the defaults of issue 4', () => {
    expect(buildDigestModal(modalView())).toEqual({
      type: 'modal',
      callback_id: CALLBACK_IDS.digestModal,
      title: pt('New daily digest'),
      submit: pt('Create'),
      close: pt('Cancel'),
      private_metadata: '{"origin":"C0FACILITY"}',
      blocks: [
        {
          type: 'input',
          block_id: 'digest_channel',
          label: pt('Channel'),
          element: {
            type: 'conversations_select',
            action_id: 'digest_channel_select',
            placeholder: pt('Pick a channel'),
            filter: { include: ['public', 'private'], exclude_bot_users: true },
            default_to_current_conversation: true,
          },
        },
        {
          type: 'input',
          block_id: 'digest_buildings',
          label: pt('Buildings'),
          element: {
            type: 'multi_static_select',
            action_id: 'digest_buildings_input',
            placeholder: pt('Pick buildings'),
            options: [opt('DEMO building (71)', '71'), opt('Harbour office (12)', '12')],
            max_selected_items: 25,
            initial_options: [opt('DEMO building (71)', '71')],
          },
          hint: pt('Up to 25 buildings.'),
        },
        {
          type: 'input',
          block_id: 'digest_time',
          label: pt('Time'),
          element: { type: 'timepicker', action_id: 'digest_time_picker', initial_time: '08:00', placeholder: pt('08:00') },
        },
        {
          type: 'input',
          block_id: 'digest_days',
          label: pt('Days'),
          element: { type: 'checkboxes', action_id: 'digest_days_checkboxes', options: DAYS, initial_options: DAYS.slice(0, 5) },
        },
        {
          type: 'input',
          block_id: 'digest_time_zone',
          label: pt('Time zone'),
          element: { type: 'plain_text_input', action_id: 'digest_time_zone_input', placeholder: pt('America/Toronto'), initial_value: 'America/Toronto' },
          optional: true,
          hint: pt("An IANA name such as Europe/London. Leave it empty to use the first building's time zone."),
        },
        {
          type: 'input',
          block_id: 'digest_content',
          label: pt('Show'),
          element: {
            type: 'checkboxes',
            action_id: 'digest_content_checkboxes',
            options: CONTENT_OPTS,
            initial_options: [CONTENT_OPTS[0], CONTENT_OPTS[1], CONTENT_OPTS[3]],
          },
          optional: true,
        },
        {
          type: 'input',
          block_id: 'digest_options',
          label: pt('Options'),
          element: { type: 'checkboxes', action_id: 'digest_options_checkboxes', options: [SKIP] },
          optional: true,
        },
      ],
    });
  });

  it('edits with a fixed channel, a text input of ids when the list is unknown, and no empty initial values', () => {
    const view = buildDigestModal(
      modalView({ mode: 'edit', channelId: 'C0FACILITY', buildingOptions: null, buildingIds: [71, 12], timeZone: null, days: [], content: { chart: false, topZones: false, perFloor: false, weekOverWeek: false }, skipWhenNoData: true }),
    );
    expect(view.title).toEqual(pt('Edit digest'));
    expect(view.submit).toEqual(pt('Save'));
    expect(view.blocks.map((b) => ('element' in b ? b.element : null))).toEqual([
      {
        type: 'conversations_select',
        action_id: 'digest_channel_select',
        placeholder: pt('Pick a channel'),
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        initial_conversation: 'C0FACILITY',
      },
      { type: 'plain_text_input', action_id: 'digest_buildings_input', placeholder: pt('71, 12'), initial_value: '71, 12' },
      { type: 'timepicker', action_id: 'digest_time_picker', initial_time: '08:00', placeholder: pt('08:00') },
      { type: 'checkboxes', action_id: 'digest_days_checkboxes', options: DAYS },
      { type: 'plain_text_input', action_id: 'digest_time_zone_input', placeholder: pt('America/Toronto') },
      { type: 'checkboxes', action_id: 'digest_content_checkboxes', options: CONTENT_OPTS },
      { type: 'checkboxes', action_id: 'digest_options_checkboxes', options: [SKIP], initial_options: [SKIP] },
    ]);
    expect(checkViewLimits(view)).toEqual([]);
  });

  it('falls back to the text input past 100 buildings', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, name: `B${i + 1}` }));
    const view = buildDigestModal(modalView({ buildingOptions: many }));
    expect(view.blocks[1]).toMatchObject({ element: { type: 'plain_text_input' }, hint: pt('Building ids separated by commas; /occupancy buildings lists them.') });
    expect(checkViewLimits(view)).toEqual([]);
  });
});

function state(parts: {
  channel?: string | null;
  buildings?: { selected?: string[]; text?: string };
  time?: string | null;
  days?: string[];
  zone?: string;
  content?: string[];
  skip?: boolean;
}): ViewStateValues {
  const F = DIGEST_FIELDS;
  const sel = (values: string[]) => values.map((value) => ({ text: pt(value), value }));
  return {
    [F.channel.blockId]: { [F.channel.actionId]: { type: 'conversations_select', selected_conversation: parts.channel ?? null } },
    [F.buildings.blockId]: {
      [F.buildings.actionId]: parts.buildings?.selected
        ? { type: 'multi_static_select', selected_options: sel(parts.buildings.selected) }
        : { type: 'plain_text_input', value: parts.buildings?.text ?? null },
    },
    [F.time.blockId]: { [F.time.actionId]: { type: 'timepicker', selected_time: parts.time ?? null } },
    [F.days.blockId]: { [F.days.actionId]: { type: 'checkboxes', selected_options: sel(parts.days ?? []) } },
    [F.timeZone.blockId]: { [F.timeZone.actionId]: { type: 'plain_text_input', value: parts.zone ?? null } },
    [F.content.blockId]: { [F.content.actionId]: { type: 'checkboxes', selected_options: sel(parts.content ?? []) } },
    [F.options.blockId]: { [F.options.actionId]: { type: 'checkboxes', selected_options: sel(parts.skip ? ['skipWhenNoData'] : []) } },
  };
}

describe('validateDigestSubmission', () => {
  it('reads a complete submission into a draft', () => {
    const values = state({ channel: 'C0FACILITY', buildings: { selected: ['71', '12', '71'] }, time: '07:30', days: ['5', '1'], zone: ' europe/london ', content: ['chart', 'weekOverWeek'], skip: true });
    expect(validateDigestSubmission(values)).toEqual({
      ok: true,
      draft: {
        buildingIds: [71, 12],
        time: '07:30',
        days: [1, 5],
        timeZone: 'Europe/London',
        channel: { kind: 'id', id: 'C0FACILITY', name: null },
        content: { chart: true, topZones: false, perFloor: false, weekOverWeek: true },
        skipWhenNoData: true,
      },
    });
  });

  it('reads ids typed as text and an empty zone as the first building\'s', () => {
    const result = validateDigestSubmission(state({ channel: 'C1', buildings: { text: '71, 12;9 ' }, time: '08:00', days: ['1'] }));
    expect(result).toMatchObject({ ok: true, draft: { buildingIds: [71, 12, 9], timeZone: null } });
  });

  it('returns every error keyed by block_id', () => {
    expect(validateDigestSubmission(state({ buildings: { text: '71, <!channel>' }, time: null, zone: 'Mars/Olympus' }))).toEqual({
      ok: false,
      errors: {
        digest_channel: 'Pick the channel the digest goes to.',
        digest_buildings: 'Building ids are whole numbers like 71, separated by commas ("<!channel>" isn\'t one).',
        digest_time: 'Pick a time, such as 08:00.',
        digest_days: 'Pick at least one day.',
        digest_time_zone: '"Mars/Olympus" isn\'t a time zone I know. Use an IANA name such as America/Toronto.',
      },
    });
  });

  it.each([
    [{ text: '' }, 'Pick at least one building.'],
    [{ text: '0' }, 'Building ids are whole numbers like 71, separated by commas ("0" isn\'t one).'],
    [{ text: '٧١' }, 'Building ids are whole numbers like 71, separated by commas ("٧١" isn\'t one).'],
    [{ text: Array.from({ length: 26 }, (_, i) => i + 1).join(',') }, 'A digest can cover up to 25 buildings.'],
  ])('refuses buildings %j', (buildings, error) => {
    expect(validateDigestSubmission(state({ channel: 'C1', buildings, time: '08:00', days: ['1'] }))).toEqual({ ok: false, errors: { digest_buildings: error } });
  });
});
