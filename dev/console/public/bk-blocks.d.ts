/** Types of bk-blocks.js (Block Kit messages, modals and App Home to HTML, shared with tests). */
import type { ElementContext, JsonObject } from './bk-elements';
export interface BlockContext extends ElementContext {
  formatTime?(ms: number): string;
}
export interface RenderOptions {
  values?: Record<string, Record<string, JsonObject>>;
  errors?: Record<string, string>;
}
export interface MessageLike {
  ts: string;
  channel: string;
  author: string;
  isBot: boolean;
  text: string;
  blocks?: unknown[];
  files?: { url: string; name: string; title: string; mimetype: string }[];
  replyCount: number;
  edited: boolean;
  ephemeral: boolean;
}
export interface ViewLike {
  id: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  errors?: Record<string, string>;
  stateValues?: Record<string, Record<string, JsonObject>>;
}
export function renderBlocks(blocks: unknown, ctx?: BlockContext, opts?: RenderOptions): string;
export function renderMessage(m: MessageLike, ctx?: BlockContext, opts?: { inThread?: boolean }): string;
export function renderModal(view: ViewLike, ctx: BlockContext, values?: RenderOptions['values']): string;
export function renderHome(view: ViewLike, ctx: BlockContext): string;
