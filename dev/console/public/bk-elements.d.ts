/** Types of bk-elements.js (Block Kit elements and inputs to HTML, shared with tests). */
import type { TextContext } from './bk-text';
export interface Choice {
  id: string;
  label: string;
  isIm?: boolean;
  isPrivate?: boolean;
}
export interface ElementContext extends TextContext {
  users?: Choice[];
  conversations?: Choice[];
  currentChannel?: string;
}
export type JsonObject = Record<string, unknown>;
export function attrs(map: Record<string, unknown>): string;
export function optionsOf(el: JsonObject): JsonObject[];
export function element(el: unknown, blockId: string | undefined, ctx: ElementContext, opts?: { current?: JsonObject; input?: boolean }): string;
export function initialValue(el: JsonObject, ctx?: ElementContext): JsonObject;
export function findElement(blocks: unknown, blockId: string | undefined, actionId: string): JsonObject | null;
export function choicesOf(el: JsonObject, ctx: ElementContext): Choice[];
export function suggestion(o: JsonObject, multi: boolean, name: string, checked: boolean): string;
