/**
 * Small constructors for the Block Kit pieces we use, typed with Slack's own definitions
 * (re-exported by Bolt) and clamped to Slack's limits at the point of construction.
 */
import type { ViewOutput, types } from '@slack/bolt';
import type { PlacedChart } from '../../ports/chat';
import { fitMrkdwn, truncate } from './mrkdwn';

export type KnownBlock = types.KnownBlock;
export type ActionsBlockElement = types.ActionsBlockElement;
export type Button = types.Button;
export type ContextBlock = types.ContextBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextElement = types.PlainTextElement;
export type PlainTextOption = types.PlainTextOption;
export type MrkdwnElement = types.MrkdwnElement;
export type InputBlock = types.InputBlock;
export type InputBlockElement = types.InputBlockElement;
export type SectionBlock = types.SectionBlock;

/**
 * What every builder returns: fallback text (notifications, screen readers) plus blocks, and
 * the charts among them (see ChatMessage: the gateway decides how each reaches Slack).
 */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
  charts?: PlacedChart[];
}

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  id: 255,
  buttonValue: 2000,
  imageUrl: 3000,
  altText: 2000,
  messageText: 40000,
  viewTitle: 24,
  privateMetadata: 3000,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  choiceOptions: 10,
  overflowOptions: 5,
  placeholder: 150,
  label: 2000,
  hint: 2000,
} as const;

export function plain(text: string, max: number = LIMITS.sectionText): PlainTextElement {
  return { type: 'plain_text', text: truncate(text, max) };
}

export function md(text: string, max: number = LIMITS.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: fitMrkdwn(text, max) };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, LIMITS.headerText) };
}

export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: md(text) };
}

export function fields(items: readonly string[]): KnownBlock {
  return { type: 'section', fields: items.slice(0, LIMITS.fields).map((t) => md(t, LIMITS.fieldText)) };
}

export function context(parts: readonly string[], blockId?: string): KnownBlock {
  return { type: 'context', ...(blockId ? { block_id: blockId } : {}), elements: parts.slice(0, LIMITS.contextElements).map((t) => md(t, LIMITS.contextText)) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export function actions(elements: readonly ActionsBlockElement[], blockId?: string): KnownBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, LIMITS.actionsElements) };
}

export interface ButtonOptions {
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function button(text: string, actionId: string, value?: string, options: ButtonOptions = {}): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    ...(value !== undefined ? { value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm
      ? {
          confirm: {
            title: plain(options.confirm.title, 100),
            text: plain(options.confirm.text, 300),
            confirm: plain(options.confirm.confirm, 30),
            deny: plain(options.confirm.deny, 30),
          },
        }
      : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, LIMITS.optionText), value };
}

/** Fallback text shows in notifications, where bold markers would appear as stray asterisks. */
export function message(text: string, blocks: KnownBlock[], charts: PlacedChart[] = []): SlackMessage {
  return { text: fitMrkdwn(text.replace(/\*/g, ''), LIMITS.messageText), blocks, ...(charts.length > 0 ? { charts } : {}) };
}

/** view.state.values of a view_submission or block_actions payload (Bolt's type). */
export type ViewStateValues = ViewOutput['state']['values'];

/** What a form's frame is made of, whatever fills it: its id, its title for a new or an edited thing, its metadata. */
export interface ModalFrame {
  readonly callbackId: string;
  readonly mode: 'create' | 'edit';
  readonly titles: { readonly create: string; readonly edit: string };
  readonly privateMetadata: string;
}

/** The frame every form shares: its title for a new or an edited thing, Save or Create, Cancel. */
export function modal(o: ModalFrame & { readonly blocks: KnownBlock[] }): ModalView {
  return {
    type: 'modal',
    callback_id: o.callbackId,
    title: plain(o.titles[o.mode], LIMITS.viewTitle),
    submit: plain(o.mode === 'edit' ? 'Save' : 'Create', LIMITS.viewTitle),
    close: plain('Cancel', LIMITS.viewTitle),
    private_metadata: o.privateMetadata,
    blocks: o.blocks,
  };
}

/**
 * The same frame without its fields: what opens at once while they load (a trigger_id lasts
 * 3 s, too short to wait for InnerSpace first), or what stays when they could not be loaded.
 * No inputs, so no submit: only Close.
 */
export function modalNotice(o: ModalFrame, blocks: KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: o.callbackId,
    title: plain(o.titles[o.mode], LIMITS.viewTitle),
    close: plain('Close', LIMITS.viewTitle),
    private_metadata: o.privateMetadata,
    blocks,
  };
}

export function input(
  field: { blockId: string; actionId: string },
  label: string,
  element: InputBlockElement,
  options: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: field.blockId,
    label: plain(label, LIMITS.label),
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint, LIMITS.hint) } : {}),
    ...(options.dispatch ? { dispatch_action: true } : {}),
  };
}

/** The state entry of one modal field, whatever its element type. */
export function fieldState(values: ViewStateValues, field: { blockId: string; actionId: string }) {
  return values[field.blockId]?.[field.actionId];
}
