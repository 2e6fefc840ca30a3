/** Types of bk-text.js (the console page's text renderer, shared with tests). */
export interface TextContext {
  userName?(id: string): string | undefined;
  channelName?(id: string): string | undefined;
  /** The viewer's IANA zone, for `<!date^…>` (the runtime's own zone otherwise). */
  timeZone?: string;
  /** The viewer's now, for "today" / "yesterday" in `<!date^…>` tokens. */
  now?(): number;
}
export function escapeHtml(value: unknown): string;
export function decodeEntities(text: string): string;
export function mrkdwn(text: string | null | undefined, ctx?: TextContext): string;
export function plain(text: string | null | undefined): string;
export function textObject(obj: unknown, ctx?: TextContext): string;
export function textOf(obj: unknown): string;
export function safeUrl(url: string): string | null;
