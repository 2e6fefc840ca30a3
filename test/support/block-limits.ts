/**
 * Block Kit limits as a checker: every violation found, with a JSON-ish path. The builders
 * clamp as they build; this is the independent check the builder tests apply.
 */
import { LIMITS } from '../../src/slack/blocks/kit';

export interface LimitViolation {
  /** e.g. "blocks[3].fields[2].text" */
  readonly path: string;
  readonly rule: string;
  readonly limit: number;
  readonly actual: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const textOf = (v: unknown): string | null => (isObj(v) && typeof v.text === 'string' ? v.text : null);

class Checker {
  readonly violations: LimitViolation[] = [];

  max(path: string, rule: string, actual: number, limit: number): void {
    if (actual > limit) this.violations.push({ path, rule, limit, actual });
  }

  /** Length of a string field at most `limit` (absent fields pass). */
  str(path: string, rule: string, value: unknown, limit: number): void {
    if (typeof value === 'string') this.max(path, rule, value.length, limit);
  }

  /** A text object: present, non-empty, at most `limit`. */
  text(path: string, rule: string, value: unknown, limit: number, required = true): void {
    const text = textOf(value);
    if (text === null) {
      if (required || value !== undefined) this.violations.push({ path, rule: `${rule} is required`, limit: 1, actual: 0 });
      return;
    }
    if (text.length === 0) this.violations.push({ path, rule: `${rule} must not be empty`, limit: 1, actual: 0 });
    this.max(path, rule, text.length, limit);
  }
}

const OPTION_LIMITS: Readonly<Record<string, number>> = {
  static_select: LIMITS.selectOptions,
  multi_static_select: LIMITS.selectOptions,
  checkboxes: LIMITS.choiceOptions,
  radio_buttons: LIMITS.choiceOptions,
  overflow: LIMITS.overflowOptions,
};

function checkElement(c: Checker, e: unknown, path: string): void {
  if (!isObj(e)) return;
  const type = typeof e.type === 'string' ? e.type : '';
  c.str(`${path}.action_id`, 'action_id length', e.action_id, LIMITS.id);
  if (type === 'button') {
    c.text(`${path}.text`, 'button text', e.text, LIMITS.buttonText);
    c.str(`${path}.value`, 'button value length', e.value, LIMITS.buttonValue);
    c.str(`${path}.url`, 'button url length', e.url, LIMITS.imageUrl);
  }
  if (e.placeholder !== undefined) c.text(`${path}.placeholder`, 'placeholder', e.placeholder, LIMITS.placeholder);
  const optionLimit = OPTION_LIMITS[type];
  if (optionLimit !== undefined) {
    const options = arr(e.options);
    c.max(`${path}.options`, `${type} options`, options.length, optionLimit);
    options.forEach((o, i) => {
      c.text(`${path}.options[${i}].text`, 'option text', isObj(o) ? o.text : undefined, LIMITS.optionText);
      c.str(`${path}.options[${i}].value`, 'option value length', isObj(o) ? o.value : undefined, LIMITS.optionValue);
    });
  }
  if (isObj(e.confirm)) {
    c.text(`${path}.confirm.title`, 'confirm title', e.confirm.title, 100);
    c.text(`${path}.confirm.text`, 'confirm text', e.confirm.text, 300);
    c.text(`${path}.confirm.confirm`, 'confirm button', e.confirm.confirm, 30);
    c.text(`${path}.confirm.deny`, 'deny button', e.confirm.deny, 30);
  }
}

function checkBlock(c: Checker, b: unknown, path: string, blockIds: Set<string>): void {
  if (!isObj(b)) {
    c.violations.push({ path, rule: 'block must be an object', limit: 1, actual: 0 });
    return;
  }
  if (typeof b.block_id === 'string') {
    c.max(`${path}.block_id`, 'block_id length', b.block_id.length, LIMITS.id);
    if (blockIds.has(b.block_id)) c.violations.push({ path: `${path}.block_id`, rule: 'block_id must be unique', limit: 1, actual: 2 });
    blockIds.add(b.block_id);
  }
  switch (b.type) {
    case 'header':
      c.text(`${path}.text`, 'header text', b.text, LIMITS.headerText);
      break;
    case 'section': {
      const fields = arr(b.fields);
      if (b.text === undefined && fields.length === 0) c.violations.push({ path, rule: 'section needs text or fields', limit: 1, actual: 0 });
      if (b.text !== undefined) c.text(`${path}.text`, 'section text', b.text, LIMITS.sectionText);
      c.max(`${path}.fields`, 'section fields', fields.length, LIMITS.fields);
      fields.forEach((f, i) => c.text(`${path}.fields[${i}]`, 'field text', f, LIMITS.fieldText));
      if (b.accessory !== undefined) checkElement(c, b.accessory, `${path}.accessory`);
      break;
    }
    case 'context': {
      const elements = arr(b.elements);
      c.max(`${path}.elements`, 'context elements', elements.length, LIMITS.contextElements);
      if (elements.length === 0) c.violations.push({ path: `${path}.elements`, rule: 'context needs elements', limit: 1, actual: 0 });
      elements.forEach((e, i) => {
        if (isObj(e) && e.type !== 'image') c.text(`${path}.elements[${i}]`, 'context text', e, LIMITS.contextText);
      });
      break;
    }
    case 'actions': {
      const elements = arr(b.elements);
      c.max(`${path}.elements`, 'actions elements', elements.length, LIMITS.actionsElements);
      if (elements.length === 0) c.violations.push({ path: `${path}.elements`, rule: 'actions needs elements', limit: 1, actual: 0 });
      elements.forEach((e, i) => checkElement(c, e, `${path}.elements[${i}]`));
      break;
    }
    case 'image':
      c.str(`${path}.image_url`, 'image_url length', b.image_url, LIMITS.imageUrl);
      if (typeof b.alt_text !== 'string' || b.alt_text.length === 0) c.violations.push({ path: `${path}.alt_text`, rule: 'alt_text is required', limit: 1, actual: 0 });
      c.str(`${path}.alt_text`, 'alt_text length', b.alt_text, LIMITS.altText);
      if (b.title !== undefined) c.text(`${path}.title`, 'image title', b.title, LIMITS.altText);
      break;
    case 'input':
      c.text(`${path}.label`, 'input label', b.label, LIMITS.label);
      if (b.hint !== undefined) c.text(`${path}.hint`, 'input hint', b.hint, LIMITS.hint);
      checkElement(c, b.element, `${path}.element`);
      break;
    default:
      break;
  }
}

function checkBlocks(c: Checker, blocks: unknown, limit: number, surface: string): void {
  const list = arr(blocks);
  c.max('blocks', `blocks per ${surface}`, list.length, limit);
  const ids = new Set<string>();
  list.forEach((b, i) => checkBlock(c, b, `blocks[${i}]`, ids));
}

/** Limits of a chat message (chat.postMessage, respond, chat.update). */
export function checkMessageLimits(msg: { readonly text?: string; readonly blocks?: readonly unknown[] }): LimitViolation[] {
  const c = new Checker();
  const text = msg.text ?? '';
  if (text.length === 0) c.violations.push({ path: 'text', rule: 'fallback text is required', limit: 1, actual: 0 });
  c.max('text', 'message text length', text.length, LIMITS.messageText);
  checkBlocks(c, msg.blocks, LIMITS.messageBlocks, 'message');
  return c.violations;
}

/** Limits of a modal or Home tab view. */
export interface ViewLike {
  readonly type: string;
  readonly blocks: readonly unknown[];
  readonly title?: unknown;
  readonly submit?: unknown;
  readonly close?: unknown;
  readonly private_metadata?: unknown;
  readonly callback_id?: unknown;
}

export function checkViewLimits(view: ViewLike): LimitViolation[] {
  const c = new Checker();
  checkBlocks(c, view.blocks, LIMITS.viewBlocks, view.type === 'home' ? 'Home tab' : 'modal');
  if (view.type === 'modal') {
    c.text('title', 'modal title', view.title, LIMITS.viewTitle);
    if (view.submit !== undefined) c.text('submit', 'submit label', view.submit, LIMITS.viewTitle);
    if (view.close !== undefined) c.text('close', 'close label', view.close, LIMITS.viewTitle);
  }
  c.str('private_metadata', 'private_metadata length', view.private_metadata, LIMITS.privateMetadata);
  c.str('callback_id', 'callback_id length', view.callback_id, LIMITS.id);
  return c.violations;
}
