import { CALLBACK_IDS, buildDigestModal, type DigestModalView } from '../../../../src/slack/blocks';
import { checkViewLimits } from '../../../support/block-limits';
import { opt, pt } from './helpers';

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
    options: { ...CONTENT, skipWhenNoData: false },
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
      modalView({ mode: 'edit', channelId: 'C0FACILITY', buildingOptions: null, buildingIds: [71, 12], timeZone: null, days: [], options: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: true } }),
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

  it('past 100 buildings: lists the first 100 and takes the ids of the others in a field of their own', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: `B${i + 1}` }));
    const view = buildDigestModal(modalView({ mode: 'edit', buildingOptions: many, buildingIds: [7, 120, 150] }));
    const [, list, more] = view.blocks as { block_id: string; optional?: boolean; element: { options?: unknown[]; initial_options?: unknown[]; initial_value?: string }; hint: unknown }[];
    expect(list!.block_id).toBe('digest_buildings');
    expect(list!.element.options).toHaveLength(100);
    expect(list!.element.initial_options).toEqual([opt('B7 (7)', '7')]);
    expect(list!.optional).toBe(true);
    expect(more).toEqual({
      type: 'input',
      block_id: 'digest_more_buildings',
      label: pt('Other buildings'),
      optional: true,
      element: { type: 'plain_text_input', action_id: 'digest_more_buildings_input', placeholder: pt('101'), initial_value: '120, 150' },
      hint: pt('The list shows the first 100 of 150 buildings. Type the ids of others here, separated by commas; /occupancy buildings lists them all.'),
    });
    expect(checkViewLimits(view)).toEqual([]);
  });

  it('exactly 100 buildings: one list, no extra field', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `B${i + 1}` }));
    const blocks = buildDigestModal(modalView({ buildingOptions: hundred })).blocks as { block_id: string }[];
    expect(blocks.map((b) => b.block_id)).not.toContain('digest_more_buildings');
  });
});
