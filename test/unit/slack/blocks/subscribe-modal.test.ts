import { CALLBACK_IDS, SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_DISPATCH_ACTION_IDS, SUBSCRIBE_FIELDS, backtestText, buildBacktestBlock, buildSubscribeModal, type SubscribeModalView } from '../../../../src/slack/blocks';
import { checkViewLimits } from '../../../support/block-limits';
import { opt, pt } from './helpers';

function modalView(overrides: Partial<SubscribeModalView> = {}): SubscribeModalView {
  return {
    privateMetadata: '{"from":"alert_me"}',
    mode: 'create',
    scopeKind: 'building',
    scopeId: 71,
    measure: 'people',
    direction: 'above',
    threshold: 120,
    recovery: null,
    minBuckets: 1,
    granularity: 'PT1H',
    destination: 'dm',
    channelId: null,
    quietHours: null,
    renotifyMinutes: null,
    backtest: { status: 'ready', days: 30, episodeDates: ['2025-11-04', '2025-11-13', '2025-11-24'] },
    ...overrides,
  };
}

const LIVE = { trigger_actions_on: ['on_enter_pressed', 'on_character_entered'] };
const radio = (actionId: string, options: ReturnType<typeof opt>[], initial: number) => ({
  type: 'radio_buttons',
  action_id: actionId,
  options,
  initial_option: options[initial],
});
const RENOTIFY = [opt('Off', 'off'), opt('Every hour', '60'), opt('Every 4 hours', '240'), opt('Every day', '1440')];

const GROUPS = [
  { id: '00000000-0000-0000-0000-000000000000', name: 'Everyone' },
  { id: 'a9d1e4c7-52b3-4f08-8e6a-71c0b93d2e54', name: 'Sales' },
  { id: '3f6b2c1d-8e4a-4b7c-9d2e-5a1f0c9b8e7d', name: 'Engineering' },
];

describe('buildSubscribeModal: the Group menu', () => {
  const groupBlock = (view: SubscribeModalView) => buildSubscribeModal(view).blocks.find((b) => (b as { block_id?: string }).block_id === 'sub_group');

  it('follows the building or zone with a menu of the groups, the chosen one preselected, redrawing the backtest on change', () => {
    const built = buildSubscribeModal(modalView({ groupOptions: GROUPS, groupId: GROUPS[2]!.id }));
    const ids = built.blocks.map((b) => (b as { block_id?: string }).block_id);
    expect(ids.indexOf('sub_group')).toBe(ids.indexOf(SUBSCRIBE_FIELDS.scopeBuilding.blockId) + 1);
    expect(groupBlock(modalView({ groupOptions: GROUPS, groupId: GROUPS[2]!.id }))).toEqual({
      type: 'input',
      block_id: 'sub_group',
      dispatch_action: true,
      label: pt('Group'),
      hint: pt('Whose occupancy the rule watches: everyone, or one department.'),
      element: {
        type: 'static_select',
        action_id: 'sub_group_select',
        options: GROUPS.map((g) => opt(g.name, g.id)),
        initial_option: opt('Engineering', GROUPS[2]!.id),
      },
    });
    expect(checkViewLimits(built)).toEqual([]);
  });

  it('preselects the default group (listed first) when the chosen one is not listed', () => {
    const el = (groupBlock(modalView({ groupOptions: GROUPS, groupId: GROUPS[0]!.id })) as { element: { initial_option: unknown } }).element;
    expect(el.initial_option).toEqual(opt('Everyone', GROUPS[0]!.id));
    const unlisted = (groupBlock(modalView({ groupOptions: GROUPS, groupId: 'c0c0c0c0-0000-4000-8000-000000000000' })) as { element: { initial_option: unknown } }).element;
    expect(unlisted.initial_option).toEqual(opt('Everyone', GROUPS[0]!.id));
  });

  it('has no menu when InnerSpace lists one group or none', () => {
    expect(groupBlock(modalView())).toBeUndefined();
    expect(groupBlock(modalView({ groupOptions: GROUPS.slice(0, 1), groupId: GROUPS[0]!.id }))).toBeUndefined();
  });
});

describe('buildSubscribeModal', () => {
  it('has every field of issue 5, dispatching changes for the backtest', () => {
    expect(buildSubscribeModal(modalView())).toEqual({
      type: 'modal',
      callback_id: CALLBACK_IDS.subscribeModal,
      title: pt('New alert'),
      submit: pt('Create'),
      close: pt('Cancel'),
      private_metadata: '{"from":"alert_me"}',
      blocks: [
        {
          type: 'input',
          block_id: 'sub_scope_kind',
          label: pt('Watch a'),
          element: radio('sub_scope_kind_radio', [opt('Building', 'building'), opt('Zone', 'zone')], 0),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_scope_id',
          label: pt('Building'),
          element: {
            type: 'external_select', action_id: 'sub_scope_building_select', placeholder: pt('Type a building name or id'), min_query_length: 0,
            initial_option: opt('Building 71', '71'),
          },
          hint: pt("Type part of a name (accents and case don't matter) or an id."),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_measure',
          label: pt('Measure'),
          element: radio(
            'sub_measure_radio',
            [opt('People in a bucket', 'people'), opt('% of capacity', 'percent'), opt('% of usual (same weekday and hour, last 4 weeks)', 'usual')],
            0,
          ),
          hint: pt(
            "Each hourly (or daily) bucket is compared with the threshold, as for an answer's peak. % of capacity works where InnerSpace knows the capacity. % of usual compares a bucket with the mean of the same weekday and hour over the 4 weeks before it.",
          ),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_direction',
          label: pt('Alert when it is'),
          element: radio('sub_direction_radio', [opt('Above', 'above'), opt('Below', 'below')], 0),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_threshold',
          label: pt('Threshold'),
          element: { type: 'number_input', action_id: 'sub_threshold_input', is_decimal_allowed: true, min_value: '0', initial_value: '120', dispatch_action_config: LIVE },
          hint: pt('People, or a percentage when the measure is % of capacity or of usual.'),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_recovery',
          label: pt('Recovery level'),
          element: { type: 'number_input', action_id: 'sub_recovery_input', is_decimal_allowed: true, min_value: '0', dispatch_action_config: LIVE },
          optional: true,
          hint: pt('Optional: alerts end once it is back below this. Default: 108.'),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_duration',
          label: pt('For at least (buckets)'),
          element: { type: 'number_input', action_id: 'sub_duration_input', is_decimal_allowed: false, min_value: '1', max_value: '168', initial_value: '1', dispatch_action_config: LIVE },
          hint: pt('Consecutive hours (or days, with daily data) past the threshold before an alert.'),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_granularity',
          label: pt('Data'),
          element: radio('sub_granularity_radio', [opt('Hourly', 'PT1H'), opt('Daily', 'P1D')], 0),
          dispatch_action: true,
        },
        {
          type: 'input',
          block_id: 'sub_destination',
          label: pt('Send alerts to'),
          element: radio('sub_destination_radio', [opt('A direct message to me', 'dm'), opt('A channel', 'channel')], 0),
        },
        {
          type: 'input',
          block_id: 'sub_channel',
          label: pt('Channel'),
          element: { type: 'conversations_select', action_id: 'sub_channel_select', placeholder: pt('Pick a channel'), filter: { include: ['public', 'private'], exclude_bot_users: true } },
          optional: true,
          hint: pt('Only when sending to a channel.'),
        },
        {
          type: 'input',
          block_id: 'sub_quiet_start',
          label: pt('Quiet hours from'),
          element: { type: 'timepicker', action_id: 'sub_quiet_start_picker' },
          optional: true,
          hint: pt('Alerts due in quiet hours wait until they end; none are dropped.'),
        },
        { type: 'input', block_id: 'sub_quiet_end', label: pt('Quiet hours until'), element: { type: 'timepicker', action_id: 'sub_quiet_end_picker' }, optional: true },
        {
          type: 'input',
          block_id: 'sub_renotify',
          label: pt('Remind me while it lasts'),
          element: { type: 'static_select', action_id: 'sub_renotify_select', options: RENOTIFY, initial_option: RENOTIFY[0] },
        },
        {
          type: 'section',
          block_id: 'sub_backtest',
          text: { type: 'mrkdwn', text: '*Backtest:* Over the last 30 published days this rule would have alerted 3 times: Tue 4 Nov, Thu 13 Nov, Mon 24 Nov.' },
        },
      ],
    });
  });

  it('prefills an edit, zone in % below with a channel, quiet hours and reminders', () => {
    const view = buildSubscribeModal(
      modalView({
        mode: 'edit',
        scopeKind: 'zone',
        scopeId: 5,
        measure: 'percent',
        direction: 'below',
        threshold: 10,
        recovery: 15,
        minBuckets: 3,
        granularity: 'P1D',
        destination: 'channel',
        channelId: 'C0FACILITY',
        quietHours: { start: '22:00', end: '07:00' },
        renotifyMinutes: 240,
        backtest: { status: 'incomplete' },
      }),
    );
    expect(view.title).toEqual(pt('Edit alert'));
    const el = (i: number) => (view.blocks[i] as unknown as { element: Record<string, unknown> }).element;
    expect(view.blocks[1]).toMatchObject({ label: pt('Zone'), element: { type: 'external_select', action_id: 'sub_scope_zone_select', initial_option: opt('Zone 5', '5') } });
    expect(el(2).initial_option).toEqual(opt('% of capacity', 'percent'));
    expect(el(3).initial_option).toEqual(opt('Below', 'below'));
    expect(view.blocks[5]).toMatchObject({ element: { initial_value: '15' }, hint: pt('Optional: alerts end once it is back above this. Default: 11%.') });
    expect(el(6).initial_value).toBe('3');
    expect(el(7).initial_option).toEqual(opt('Daily', 'P1D'));
    expect(el(8).initial_option).toEqual(opt('A channel', 'channel'));
    expect(el(9).initial_conversation).toBe('C0FACILITY');
    expect(el(10).initial_time).toBe('22:00');
    expect(el(11).initial_time).toBe('07:00');
    expect(el(12).initial_option).toEqual(opt('Every 4 hours', '240'));
    expect(checkViewLimits(view)).toEqual([]);
  });

  it('lists exactly the inputs that dispatch actions', () => {
    const view = buildSubscribeModal(modalView({ groupOptions: GROUPS, groupId: GROUPS[0]!.id }));
    const inputs = view.blocks as unknown as { dispatch_action?: boolean; element?: { action_id?: string } }[];
    const dispatching = inputs.filter((b) => b.dispatch_action === true).map((b) => b.element?.action_id);
    // One scope menu is drawn, the building's or the zone's; the number input is only read from older forms.
    const scopeIds: readonly string[] = [SUBSCRIBE_FIELDS.scopeId.actionId, SUBSCRIBE_FIELDS.scopeZone.actionId];
    expect(dispatching).toEqual(SUBSCRIBE_DISPATCH_ACTION_IDS.filter((id) => !scopeIds.includes(id)));
    const zone = buildSubscribeModal({ ...modalView(), scopeKind: 'zone' }).blocks as unknown as { dispatch_action?: boolean; element?: { action_id?: string } }[];
    expect(zone.filter((b) => b.dispatch_action === true).map((b) => b.element?.action_id)).toContain(SUBSCRIBE_FIELDS.scopeZone.actionId);
  });

  it('names the picked building or zone in its menu, as the menu named it, within 75 characters', () => {
    const named = buildSubscribeModal({ ...modalView(), scopeTitle: 'DEMO building (71)' });
    expect((named.blocks[1] as unknown as { element: { initial_option: unknown } }).element.initial_option).toEqual(opt('DEMO building (71)', '71'));
    const none = buildSubscribeModal({ ...modalView(), scopeId: null });
    expect((none.blocks[1] as unknown as { element: Record<string, unknown> }).element.initial_option).toBeUndefined();
    const long = buildSubscribeModal({ ...modalView(), scopeTitle: 'x'.repeat(200) });
    expect(checkViewLimits(long)).toEqual([]);
  });
});

describe('backtest', () => {
  it.each([
    [{ status: 'incomplete' as const }, '*Backtest:* fill in the id and the threshold to see how often this rule would have alerted over the last 30 published days.'],
    [{ status: 'unavailable' as const }, "*Backtest:* I couldn't reach InnerSpace to try this rule on past data. You can still save it."],
    [{ status: 'ready' as const, days: 30, episodeDates: [] }, '*Backtest:* Over the last 30 published days this rule would not have alerted.'],
    [{ status: 'ready' as const, days: 28, episodeDates: ['2025-11-04'] }, '*Backtest:* Over the last 28 published days this rule would have alerted once: Tue 4 Nov.'],
    [
      {
        status: 'ready' as const, days: 30, episodeDates: ['2025-11-04', '2025-11-04', '2025-11-13'],
        messages: [{ date: '2025-11-04', episodes: 2 }, { date: '2025-11-13', episodes: 1 }],
      },
      '*Backtest:* Over the last 30 published days this rule would have alerted 3 times in 2 messages, one per nightly publish: Tue 4 Nov (2), Thu 13 Nov.',
    ],
    [
      { status: 'ready' as const, days: 30, episodeDates: ['2025-11-04'], messages: [{ date: '2025-11-04', episodes: 1 }] },
      '*Backtest:* Over the last 30 published days this rule would have alerted once: Tue 4 Nov.',
    ],
    [
      { status: 'ready' as const, days: 30, episodeDates: Array.from({ length: 14 }, (_, i) => `2025-11-${String(i + 1).padStart(2, '0')}`) },
      '*Backtest:* Over the last 30 published days this rule would have alerted 14 times: Sat 1 Nov, Sun 2 Nov, Mon 3 Nov, Tue 4 Nov, Wed 5 Nov, Thu 6 Nov, Fri 7 Nov, Sat 8 Nov, Sun 9 Nov, Mon 10 Nov, Tue 11 Nov, Wed 12 Nov and 2 more.',
    ],
  ])('%j', (backtest, text) => {
    expect(backtestText(backtest)).toBe(text);
    expect(buildBacktestBlock(backtest)).toEqual({ type: 'section', block_id: SUBSCRIBE_BACKTEST_BLOCK_ID, text: { type: 'mrkdwn', text } });
  });
});

describe('backtest of a rule relative to usual', () => {
  it('says how many buckets had too little history, beside what it found', () => {
    const text = backtestText({ status: 'ready', days: 30, episodeDates: ['2025-11-04'], shortHistory: { buckets: 24, of: 720 } });
    expect(text).toBe(
      '*Backtest:* Over the last 30 published days this rule would have alerted once: Tue 4 Nov. 24 of 720 buckets had too little history (fewer than 2 of the 4 weeks before them) and were not judged.',
    );
  });

  it('says there is too little history instead of "would not have alerted" when nothing could be judged', () => {
    const text = backtestText({ status: 'ready', days: 30, episodeDates: [], shortHistory: { buckets: 720, of: 720 } });
    expect(text).toBe(
      '*Backtest:* too little history to judge this rule: the usual level of a bucket needs data in at least 2 of the 4 weeks before it, and none of the last 30 published days had that. It alerts only once there is enough.',
    );
  });

  it('offers % of usual as a measure and keeps it when the form is drawn again', () => {
    const view = buildSubscribeModal({ ...modalView(), measure: 'usual', threshold: 130 });
    const measure = view.blocks[2] as unknown as { element: { initial_option: unknown } };
    expect(measure.element.initial_option).toEqual(opt('% of usual (same weekday and hour, last 4 weeks)', 'usual'));
    expect(view.blocks[5]).toMatchObject({ hint: pt('Optional: alerts end once it is back below this. Default: 117% of usual.') });
    expect(checkViewLimits(view)).toEqual([]);
  });
});
