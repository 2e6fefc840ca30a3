/**
 * Block Kit element and composition-object rules, with Slack's documented limits. Each check
 * appends messages of Slack's form, `<what is wrong> [json-pointer:/blocks/0/...]`, to `errs`.
 */

export type Errs = string[];

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function err(errs: Errs, path: string, message: string): void {
  errs.push(`${message} [json-pointer:${path}]`);
}

export function checkString(errs: Errs, path: string, v: unknown, max: number, required = false): void {
  if (v === undefined) {
    if (required) err(errs, path, 'must provide a string');
    return;
  }
  if (typeof v !== 'string') return err(errs, path, 'must be a string');
  if (required && v.length === 0) err(errs, path, 'must be more than 0 characters');
  if (v.length > max) err(errs, path, `must be less than ${max + 1} characters`);
}

/** A text object; `plainOnly` for headers, buttons, labels and the like. */
export function checkText(errs: Errs, path: string, v: unknown, max: number, opts: { plainOnly?: boolean; required?: boolean } = {}): void {
  if (v === undefined) {
    if (opts.required !== false) err(errs, path, 'must provide an object');
    return;
  }
  if (!isObj(v)) return err(errs, path, 'must provide an object');
  const allowed = opts.plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof v.type !== 'string' || !allowed.includes(v.type)) return err(errs, `${path}/type`, `must be one of: ${allowed.join(', ')}`);
  checkString(errs, `${path}/text`, v.text, max, true);
  if (v.type === 'mrkdwn' && typeof v.text === 'string') checkDateTokens(errs, `${path}/text`, v.text);
}

/** Slack's date tokens (docs.slack.dev/messaging/formatting-message-text#date-formatting). */
const DATE_TOKENS = [
  'day_divider_pretty', 'date_num', 'date_slash', 'date_long', 'date_long_full', 'date_long_pretty', 'date',
  'date_pretty', 'date_short', 'date_short_pretty', 'time', 'time_secs', 'ago',
];
const DATE_TOKEN = new RegExp(`^\\d+\\^[^^|]*\\{(${DATE_TOKENS.join('|')})\\}[^^|]*(\\^[^|]+)?\\|[^|]+$`);

/**
 * `<!date^seconds^{tokens}^optional_link|fallback>`: seconds since the epoch, at least one known
 * token, and the fallback Slack shows where it cannot draw the date. Slack does not say what a
 * malformed one does; the local workspace refuses it, so a bot never ships one.
 */
function checkDateTokens(errs: Errs, path: string, text: string): void {
  for (const [, inner] of text.matchAll(/<!date\^([^>]*)>/g)) {
    if (inner === undefined || !DATE_TOKEN.test(inner)) err(errs, path, 'date formatting must be <!date^seconds^{token}^optional_link|fallback text>');
  }
}

export function checkUrl(errs: Errs, path: string, v: unknown, required: boolean): void {
  checkString(errs, path, v, 3000, required);
  if (typeof v === 'string' && v.length <= 3000 && !/^https?:\/\/[^\s]+$/i.test(v)) err(errs, path, 'must be a valid URL');
}

/**
 * Slack's limits on choices, from the Block Kit reference (docs.slack.dev/reference/block-kit):
 * an overflow menu takes up to 5 options, checkboxes and radio buttons up to 10, a static
 * select up to 100 options or 100 option groups of up to 100 each. In every option the text and
 * the description take up to 75 characters, the value up to 150, the url (overflow only) 3000;
 * a group's label 75. Select and overflow options are plain_text; checkboxes and radio buttons
 * may use mrkdwn.
 */
export const OPTION_LIMITS = {
  overflow: 5,
  checkboxes: 10,
  radioButtons: 10,
  selectOptions: 100,
  optionGroups: 100,
  groupOptions: 100,
  text: 75,
  description: 75,
  value: 150,
  url: 3000,
  groupLabel: 75,
} as const;

interface OptionRules {
  readonly max: number;
  /** Checkboxes and radio buttons may use mrkdwn; menus take plain_text only. */
  readonly plainOnly: boolean;
  /** Only overflow options may be links. */
  readonly url: boolean;
}

function checkOptions(errs: Errs, path: string, v: unknown, rules: OptionRules): void {
  if (!Array.isArray(v)) return err(errs, path, 'must provide an array');
  if (v.length < 1) err(errs, path, 'must provide at least 1 items');
  if (v.length > rules.max) err(errs, path, `must provide no more than ${rules.max} items`);
  v.forEach((o, i) => {
    const p = `${path}/${i}`;
    if (!isObj(o)) return err(errs, p, 'must provide an object');
    checkText(errs, `${p}/text`, o.text, OPTION_LIMITS.text, { plainOnly: rules.plainOnly });
    checkString(errs, `${p}/value`, o.value, OPTION_LIMITS.value, true);
    if (o.description !== undefined) checkText(errs, `${p}/description`, o.description, OPTION_LIMITS.description, { plainOnly: rules.plainOnly });
    if (o.url !== undefined) {
      if (rules.url) checkUrl(errs, `${p}/url`, o.url, false);
      else err(errs, `${p}/url`, 'is only allowed in overflow menus');
    }
  });
}

const MENU_OPTIONS: OptionRules = { max: OPTION_LIMITS.selectOptions, plainOnly: true, url: false };

/** A static select's choices: `options`, or `option_groups` of options, not both. */
function checkSelectChoices(errs: Errs, path: string, el: Record<string, unknown>): void {
  if (el.options !== undefined && el.option_groups !== undefined) return err(errs, path, 'must provide either options or option_groups, not both');
  if (el.option_groups === undefined) return checkOptions(errs, `${path}/options`, el.options, MENU_OPTIONS);
  const groups = el.option_groups;
  if (!Array.isArray(groups)) return err(errs, `${path}/option_groups`, 'must provide an array');
  if (groups.length < 1) err(errs, `${path}/option_groups`, 'must provide at least 1 items');
  if (groups.length > OPTION_LIMITS.optionGroups) err(errs, `${path}/option_groups`, `must provide no more than ${OPTION_LIMITS.optionGroups} items`);
  groups.forEach((g, i) => {
    const p = `${path}/option_groups/${i}`;
    if (!isObj(g)) return err(errs, p, 'must provide an object');
    checkText(errs, `${p}/label`, g.label, OPTION_LIMITS.groupLabel, { plainOnly: true });
    checkOptions(errs, `${p}/options`, g.options, { ...MENU_OPTIONS, max: OPTION_LIMITS.groupOptions });
  });
}

/** One option object, as a menu takes it: plain_text text of up to 75, a value of up to 150. */
function checkOption(errs: Errs, path: string, o: unknown): void {
  if (!isObj(o)) return err(errs, path, 'must provide an object');
  checkText(errs, `${path}/text`, o.text, OPTION_LIMITS.text, { plainOnly: true });
  checkString(errs, `${path}/value`, o.value, OPTION_LIMITS.value, true);
  if (o.description !== undefined) checkText(errs, `${path}/description`, o.description, OPTION_LIMITS.description, { plainOnly: true });
}

/**
 * A menu whose options the app sends on block_suggestion (Block Kit reference, select menu of
 * external data source): it lists none itself; `min_query_length` is a count of characters (0 or
 * more; Slack's default is 3); the preselected choices are whole option objects, since Slack has
 * no list to look values up in; a multi-select's `max_selected_items` is at least 1.
 */
function checkExternalSelect(errs: Errs, path: string, el: Record<string, unknown>): void {
  if (el.placeholder !== undefined) checkText(errs, `${path}/placeholder`, el.placeholder, 150, { plainOnly: true });
  if (el.options !== undefined || el.option_groups !== undefined) err(errs, path, 'external select menus load their options from the app: must not provide options or option_groups');
  const min = el.min_query_length;
  if (min !== undefined && !(typeof min === 'number' && Number.isInteger(min) && min >= 0)) err(errs, `${path}/min_query_length`, 'must be an integer of 0 or more');
  if (el.type === 'external_select') {
    if (el.initial_options !== undefined) err(errs, `${path}/initial_options`, 'is only allowed in multi-select menus');
    if (el.initial_option !== undefined) checkOption(errs, `${path}/initial_option`, el.initial_option);
    return;
  }
  if (el.initial_option !== undefined) err(errs, `${path}/initial_option`, 'is only allowed in single-select menus');
  const max = el.max_selected_items;
  if (max !== undefined && !(typeof max === 'number' && Number.isInteger(max) && max >= 1)) err(errs, `${path}/max_selected_items`, 'must be an integer of 1 or more');
  const initial = el.initial_options;
  if (initial === undefined) return;
  if (!Array.isArray(initial)) return err(errs, `${path}/initial_options`, 'must provide an array');
  if (typeof max === 'number' && initial.length > max) err(errs, `${path}/initial_options`, `must provide no more than ${max} items`);
  initial.forEach((o, i) => checkOption(errs, `${path}/initial_options/${i}`, o));
}

/** The minimum query length Slack uses for an external select that does not say (Block Kit reference). */
export const DEFAULT_MIN_QUERY_LENGTH = 3;

/**
 * An app's answer to block_suggestion: `options` (up to 100) or `option_groups` (up to 100 of up
 * to 100 each), each option's text up to 75 characters and value up to 150. Slack shows nothing
 * in the menu for an answer that breaks a rule (no error reaches the app): the problems are for
 * tests and the console to see why.
 */
export function validateOptionsResponse(body: unknown): Errs {
  const errs: Errs = [];
  if (!isObj(body)) {
    err(errs, '', 'must provide an object with options or option_groups');
    return errs;
  }
  if (body.options === undefined && body.option_groups === undefined) err(errs, '', 'must provide options or option_groups');
  // No match is an empty list: the menu says so.
  else if (Array.isArray(body.options) && body.options.length === 0 && body.option_groups === undefined) return errs;
  else checkSelectChoices(errs, '', body);
  return errs;
}

const SELECTS = ['static_select', 'multi_static_select', 'external_select', 'multi_external_select', 'users_select', 'multi_users_select',
  'conversations_select', 'multi_conversations_select', 'channels_select', 'multi_channels_select'];
const INPUT_ONLY = ['plain_text_input', 'number_input', 'email_text_input', 'url_text_input', 'rich_text_input', 'file_input'];
const INTERACTIVE = ['button', 'overflow', 'datepicker', 'timepicker', 'datetimepicker', 'checkboxes', 'radio_buttons', 'workflow_button', ...SELECTS];

export const ACCESSORY_TYPES = [...INTERACTIVE, 'image'];
export const ACTIONS_TYPES = [...INTERACTIVE, 'rich_text_input'];
export const INPUT_TYPES = [...INTERACTIVE.filter((t) => t !== 'button' && t !== 'overflow' && t !== 'workflow_button'), ...INPUT_ONLY];

export function checkElement(errs: Errs, path: string, el: unknown, allowed: readonly string[]): void {
  if (!isObj(el)) return err(errs, path, 'must provide an object');
  if (typeof el.type !== 'string' || !allowed.includes(el.type)) return err(errs, `${path}/type`, `unsupported element type: ${String(el.type)}`);
  checkString(errs, `${path}/action_id`, el.action_id, 255);
  switch (el.type) {
    case 'button':
      checkText(errs, `${path}/text`, el.text, 75, { plainOnly: true });
      checkString(errs, `${path}/value`, el.value, 2000);
      if (el.url !== undefined) checkUrl(errs, `${path}/url`, el.url, false);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') err(errs, `${path}/style`, 'must be one of: primary, danger');
      break;
    case 'image':
      checkUrl(errs, `${path}/image_url`, el.image_url, el.slack_file === undefined);
      checkString(errs, `${path}/alt_text`, el.alt_text, 2000, true);
      break;
    case 'overflow':
      checkOptions(errs, `${path}/options`, el.options, { max: OPTION_LIMITS.overflow, plainOnly: true, url: true });
      break;
    case 'checkboxes':
      checkOptions(errs, `${path}/options`, el.options, { max: OPTION_LIMITS.checkboxes, plainOnly: false, url: false });
      break;
    case 'radio_buttons':
      checkOptions(errs, `${path}/options`, el.options, { max: OPTION_LIMITS.radioButtons, plainOnly: false, url: false });
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.placeholder !== undefined) checkText(errs, `${path}/placeholder`, el.placeholder, 150, { plainOnly: true });
      checkSelectChoices(errs, path, el);
      break;
    case 'external_select':
    case 'multi_external_select':
      checkExternalSelect(errs, path, el);
      break;
    case 'datepicker':
      if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) err(errs, `${path}/initial_date`, 'must be a date in the format YYYY-MM-DD');
      break;
    case 'timepicker':
      if (el.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(el.initial_time))) err(errs, `${path}/initial_time`, 'must be a time in the format HH:mm');
      break;
    case 'plain_text_input':
      if (el.placeholder !== undefined) checkText(errs, `${path}/placeholder`, el.placeholder, 150, { plainOnly: true });
      checkString(errs, `${path}/initial_value`, el.initial_value, 3000);
      if (typeof el.max_length === 'number' && el.max_length > 3000) err(errs, `${path}/max_length`, 'must be less than 3001');
      break;
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean') err(errs, `${path}/is_decimal_allowed`, 'must provide a boolean');
      break;
    default:
      if (el.placeholder !== undefined) checkText(errs, `${path}/placeholder`, el.placeholder, 150, { plainOnly: true });
  }
}
