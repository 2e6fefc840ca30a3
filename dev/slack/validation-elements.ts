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
}

export function checkUrl(errs: Errs, path: string, v: unknown, required: boolean): void {
  checkString(errs, path, v, 3000, required);
  if (typeof v === 'string' && v.length <= 3000 && !/^https?:\/\/[^\s]+$/i.test(v)) err(errs, path, 'must be a valid URL');
}

function checkOptions(errs: Errs, path: string, v: unknown, min: number, max: number, textMax = 75, plainOnly = true): void {
  if (!Array.isArray(v)) return err(errs, path, 'must provide an array');
  if (v.length < min) err(errs, path, `must provide at least ${min} items`);
  if (v.length > max) err(errs, path, `must provide no more than ${max} items`);
  v.forEach((o, i) => {
    const p = `${path}/${i}`;
    if (!isObj(o)) return err(errs, p, 'must provide an object');
    checkText(errs, `${p}/text`, o.text, textMax, { plainOnly });
    checkString(errs, `${p}/value`, o.value, 150, true);
  });
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
      checkOptions(errs, `${path}/options`, el.options, 1, 5);
      break;
    case 'checkboxes':
    case 'radio_buttons':
      checkOptions(errs, `${path}/options`, el.options, 1, 10, 150, false);
      break;
    case 'static_select':
    case 'multi_static_select':
      if (el.placeholder !== undefined) checkText(errs, `${path}/placeholder`, el.placeholder, 150, { plainOnly: true });
      if (el.option_groups === undefined) checkOptions(errs, `${path}/options`, el.options, 1, 100);
      else if (!Array.isArray(el.option_groups) || el.option_groups.length > 100) err(errs, `${path}/option_groups`, 'must provide no more than 100 items');
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
