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
    cadence: 'daily',
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
/** Never preselected, on an edit either: it is a wish for one save, not part of the digest. */
const PREVIEW = opt('Send me a preview when I save', 'preview');
const DAILY = opt('Daily: the latest day, on the days ticked', 'daily');
const WEEKLY = opt('Weekly: last week (Mon–Sun), on one day', 'weekly');
const CADENCE = (initial: typeof DAILY) => ({ type: 'radio_buttons', action_id: 'digest_cadence_radio', options: [DAILY, WEEKLY], initial_option: initial });
const SHOW_HINT = pt('A weekly digest shows the week’s chart and the change vs the week before; busiest zones and floors are in daily ones.');

describe('buildDigestModal', () => {
  it('opens with the defaults of issue 4', () => {
    expect(buildDigestModal(modalView())).toEqual({
      type: 'modal',
      callback_id: CALLBACK_IDS.digestModal,
      title: pt('New digest'),
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
            type: 'multi_external_select',
            action_id: 'digest_buildings_input',
            placeholder: pt('Type a building name or id'),
            min_query_length: 0,
            max_selected_items: 25,
            initial_options: [opt('DEMO building (71)', '71')],
          },
          hint: pt("Type part of a name (accents and case don't matter) or an id. Up to 25 buildings."),
        },
        { type: 'input', block_id: 'digest_cadence', label: pt('How often'), element: CADENCE(DAILY) },
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
          hint: pt('A weekly digest goes out on the one day ticked.'),
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
          hint: SHOW_HINT,
        },
        {
          type: 'input',
          block_id: 'digest_options',
          label: pt('Options'),
          element: { type: 'checkboxes', action_id: 'digest_options_checkboxes', options: [SKIP, PREVIEW] },
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
      CADENCE(DAILY),
      { type: 'timepicker', action_id: 'digest_time_picker', initial_time: '08:00', placeholder: pt('08:00') },
      { type: 'checkboxes', action_id: 'digest_days_checkboxes', options: DAYS },
      { type: 'plain_text_input', action_id: 'digest_time_zone_input', placeholder: pt('America/Toronto') },
      { type: 'checkboxes', action_id: 'digest_content_checkboxes', options: CONTENT_OPTS },
      { type: 'checkboxes', action_id: 'digest_options_checkboxes', options: [SKIP, PREVIEW], initial_options: [SKIP] },
    ]);
    expect(checkViewLimits(view)).toEqual([]);
  });

  it('an edit of a weekly digest has Weekly chosen and its one day ticked', () => {
    const view = buildDigestModal(modalView({ mode: 'edit', cadence: 'weekly', days: [1] }));
    const blocks = view.blocks as { block_id?: string; element?: unknown }[];
    expect(blocks.find((b) => b.block_id === 'digest_cadence')?.element).toEqual(CADENCE(WEEKLY));
    expect(blocks.find((b) => b.block_id === 'digest_days')?.element).toEqual({ type: 'checkboxes', action_id: 'digest_days_checkboxes', options: DAYS, initial_options: [DAYS[0]] });
    expect(checkViewLimits(view)).toEqual([]);
  });

  it('past 100 buildings: one menu searches them all, an edit preselects each of its buildings by name', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, name: i === 119 ? 'x'.repeat(200) : `B${i + 1}` }));
    const view = buildDigestModal(modalView({ mode: 'edit', buildingOptions: many, buildingIds: [7, 120, 150, 999] }));
    const blocks = view.blocks as { block_id: string; element: { type: string; options?: unknown[]; initial_options?: { text: { text: string }; value: string }[] } }[];
    const list = blocks.find((b) => b.block_id === 'digest_buildings')!;
    expect(list.element.type).toBe('multi_external_select');
    expect(list.element.options).toBeUndefined();
    const initial = list.element.initial_options!;
    expect(initial.map((o) => o.value)).toEqual(['7', '120', '150', '999']);
    expect(initial[0]).toEqual(opt('B7 (7)', '7'));
    // A long name is shortened, its id kept; a building InnerSpace no longer lists still shows, by id.
    expect(initial[1]!.text.text).toMatch(/^x+… \(120\)$/);
    expect(initial[1]!.text.text.length).toBeLessThanOrEqual(75);
    expect(initial[3]).toEqual(opt('Building 999', '999'));
    expect(blocks.map((b) => b.block_id)).not.toContain('digest_more_buildings');
    expect(checkViewLimits(view)).toEqual([]);
  });
});

describe('buildDigestModal: the group menu', () => {
  const groups = [
    { id: '00000000-0000-0000-0000-000000000000', name: 'Everyone' },
    { id: 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54', name: 'Sales' },
  ];
  const groupBlock = (view: DigestModalView) => buildDigestModal(view).blocks.find((b) => (b as { block_id?: string }).block_id === 'digest_group');

  it('follows the buildings with a menu of the groups, the digest’s selected', () => {
    const built = buildDigestModal(modalView({ groupOptions: groups, groupId: groups[1]!.id }));
    const ids = built.blocks.map((b) => (b as { block_id?: string }).block_id);
    expect(ids.indexOf('digest_group')).toBe(ids.indexOf('digest_buildings') + 1);
    expect(groupBlock(modalView({ groupOptions: groups, groupId: groups[1]!.id }))).toEqual({
      type: 'input',
      block_id: 'digest_group',
      label: pt('Group'),
      hint: pt('Whose occupancy the digest shows: everyone, or one department.'),
      element: {
        type: 'static_select',
        action_id: 'digest_group_select',
        options: [opt('Everyone', groups[0]!.id), opt('Sales', groups[1]!.id)],
        initial_option: opt('Sales', groups[1]!.id),
      },
    });
    expect(checkViewLimits(built)).toEqual([]);
  });

  it('has no menu when InnerSpace lists one group or none', () => {
    expect(groupBlock(modalView())).toBeUndefined();
    expect(groupBlock(modalView({ groupOptions: groups.slice(0, 1), groupId: groups[0]!.id }))).toBeUndefined();
  });
});
