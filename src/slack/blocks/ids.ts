/**
 * Every action_id, callback_id and modal block_id the bot uses. Listeners register against
 * these constants and the manifest test reads them, so a rename happens in one place.
 */

export const ACTION_IDS = {
  // Answers (/occupancy building|zone|zones)
  previousDay: 'occupancy_prev_day',
  nextDay: 'occupancy_next_day',
  share: 'occupancy_share',
  alertMe: 'occupancy_alert_me',
  /** A candidate for a name that fit several buildings or zones (or none): runs the command with its id. */
  pickName: 'occupancy_pick_name',
  // Alert episode messages, subscription lists and App Home
  snooze: 'alert_snooze',
  mute: 'alert_mute',
  unmute: 'alert_unmute',
  unsubscribe: 'alert_unsubscribe',
  editSubscription: 'alert_edit',
  takeOverSubscription: 'alert_take_over',
  sendTestAlert: 'alert_send_test',
  newSubscription: 'subscription_new',
  // Digest lists and App Home
  digestPause: 'digest_pause',
  digestResume: 'digest_resume',
  digestDelete: 'digest_delete',
  digestSend: 'digest_send',
  digestEdit: 'digest_edit',
  digestTakeOver: 'digest_take_over',
  newDigest: 'digest_new',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

export const CALLBACK_IDS = {
  digestModal: 'occupancy_digest_modal',
  subscribeModal: 'occupancy_subscribe_modal',
} as const;

/** One input of a modal: where its value sits in view.state.values[blockId][actionId]. */
export interface FieldId {
  readonly blockId: string;
  readonly actionId: string;
}

export const DIGEST_FIELDS = {
  channel: { blockId: 'digest_channel', actionId: 'digest_channel_select' },
  buildings: { blockId: 'digest_buildings', actionId: 'digest_buildings_input' },
  /** Ids typed in beside the list, when a workspace has more buildings than a select can hold. */
  moreBuildings: { blockId: 'digest_more_buildings', actionId: 'digest_more_buildings_input' },
  /** Daily or weekly (last week's summary); a form drawn before it existed reads as daily. */
  cadence: { blockId: 'digest_cadence', actionId: 'digest_cadence_radio' },
  time: { blockId: 'digest_time', actionId: 'digest_time_picker' },
  days: { blockId: 'digest_days', actionId: 'digest_days_checkboxes' },
  timeZone: { blockId: 'digest_time_zone', actionId: 'digest_time_zone_input' },
  content: { blockId: 'digest_content', actionId: 'digest_content_checkboxes' },
  options: { blockId: 'digest_options', actionId: 'digest_options_checkboxes' },
  /** Whose occupancy: shown only when InnerSpace lists more than one group. */
  group: { blockId: 'digest_group', actionId: 'digest_group_select' },
} as const satisfies Record<string, FieldId>;

export const SUBSCRIBE_FIELDS = {
  scopeKind: { blockId: 'sub_scope_kind', actionId: 'sub_scope_kind_radio' },
  /** The id typed in a number input: forms drawn before the building and zone menus. */
  scopeId: { blockId: 'sub_scope_id', actionId: 'sub_scope_id_input' },
  /** The building or zone, picked by name from a menu the bot fills as the user types; one action id per kind, so a change of kind starts the menu afresh. */
  scopeBuilding: { blockId: 'sub_scope_id', actionId: 'sub_scope_building_select' },
  scopeZone: { blockId: 'sub_scope_id', actionId: 'sub_scope_zone_select' },
  /** Whose occupancy the rule watches: shown only when InnerSpace lists more than one group. */
  group: { blockId: 'sub_group', actionId: 'sub_group_select' },
  measure: { blockId: 'sub_measure', actionId: 'sub_measure_radio' },
  direction: { blockId: 'sub_direction', actionId: 'sub_direction_radio' },
  threshold: { blockId: 'sub_threshold', actionId: 'sub_threshold_input' },
  recovery: { blockId: 'sub_recovery', actionId: 'sub_recovery_input' },
  duration: { blockId: 'sub_duration', actionId: 'sub_duration_input' },
  granularity: { blockId: 'sub_granularity', actionId: 'sub_granularity_radio' },
  destination: { blockId: 'sub_destination', actionId: 'sub_destination_radio' },
  channel: { blockId: 'sub_channel', actionId: 'sub_channel_select' },
  quietStart: { blockId: 'sub_quiet_start', actionId: 'sub_quiet_start_picker' },
  quietEnd: { blockId: 'sub_quiet_end', actionId: 'sub_quiet_end_picker' },
  renotify: { blockId: 'sub_renotify', actionId: 'sub_renotify_select' },
} as const satisfies Record<string, FieldId>;

/** block_id of the backtest section, which the refresh handler replaces. */
export const SUBSCRIBE_BACKTEST_BLOCK_ID = 'sub_backtest';

/**
 * Inputs of the subscribe modal that dispatch block_actions as they change, so the backtest
 * can be refreshed (views.update) before the rule is saved. Register one listener for these.
 */
export const SUBSCRIBE_DISPATCH_ACTION_IDS: readonly string[] = [
  SUBSCRIBE_FIELDS.scopeKind.actionId,
  SUBSCRIBE_FIELDS.scopeId.actionId,
  SUBSCRIBE_FIELDS.scopeBuilding.actionId,
  SUBSCRIBE_FIELDS.scopeZone.actionId,
  SUBSCRIBE_FIELDS.group.actionId,
  SUBSCRIBE_FIELDS.measure.actionId,
  SUBSCRIBE_FIELDS.direction.actionId,
  SUBSCRIBE_FIELDS.threshold.actionId,
  SUBSCRIBE_FIELDS.recovery.actionId,
  SUBSCRIBE_FIELDS.duration.actionId,
  SUBSCRIBE_FIELDS.granularity.actionId,
];

/**
 * Menus whose options the bot sends as the user types (external selects, answered on
 * block_suggestion), and what each one searches.
 */
export const NAME_MENU_ACTION_IDS = {
  [DIGEST_FIELDS.buildings.actionId]: 'building',
  [SUBSCRIBE_FIELDS.scopeBuilding.actionId]: 'building',
  [SUBSCRIBE_FIELDS.scopeZone.actionId]: 'zone',
} as const satisfies Record<string, 'building' | 'zone'>;

/** Blocks of an alert message redrawn when its rule changes (muted, snoozed, deleted). */
export const ALERT_BLOCK_IDS = {
  status: 'alert_status',
  actions: 'alert_actions',
  held: 'alert_held',
  removed: 'alert_removed',
} as const;
