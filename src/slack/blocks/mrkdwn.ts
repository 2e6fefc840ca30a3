/**
 * Text hygiene for everything we put in front of Slack: escaping user and upstream text for
 * mrkdwn, and cutting text to Block Kit limits without breaking an entity or a mention.
 */

/** Slack's three control characters in mrkdwn; everything else may pass. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A moment each reader sees on their own clock: Slack's date formatting,
 * `<!date^1764082800^{date_short_pretty} {time}|Tue 25 Nov 15:00 UTC>` (seconds since the epoch,
 * the tokens, then the text shown where the tokens cannot be rendered).
 */
export function readerDate(ms: number, fallback: string): string {
  // The fallback ends the token at `>` and would be cut at a `|`.
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${escapeMrkdwn(fallback).replace(/\|/g, '/')}>`;
}

/** Slack sends &, < and > in command text as entities; undo that before echoing or measuring. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Cuts plain text to at most `max` UTF-16 units, ending with "…", never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * Cuts already-escaped mrkdwn to `max` units: the cut moves back so it never lands inside an
 * entity (`&amp;`) or a `<…>` mention or link, which Slack would render as garbage.
 */
export function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && text.indexOf(';', amp) >= cut) cut = amp;
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && text.indexOf('>', open) >= cut) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Names from InnerSpace or users: one line, bounded, escaped for mrkdwn. */
export function safeName(text: string, max = 80): string {
  return escapeMrkdwn(truncate(text.replace(/\s+/g, ' ').trim(), max));
}

/** Plain-text (header, button, option) variant: no escaping, since Slack shows it verbatim. */
export function plainName(text: string, max = 80): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

export const ECHO_MAX = 40;

/**
 * A piece of user input made harmless to show back: entities decoded then re-escaped (so the
 * user sees what they typed and `<!channel>` stays text), whitespace flattened, backticks
 * replaced so a code span cannot be closed early, and cut to a few dozen characters.
 */
export function echo(token: string, max = ECHO_MAX): string {
  const flat = decodeSlackEntities(token).replace(/\s+/g, ' ').replace(/`/g, "'");
  return escapeMrkdwn(truncate(flat, max));
}

/** Slack's formatting characters: outside a code span `*x*` shows bold, `_x_` italic, `~x~` struck. */
const FORMATTING = /[*_~]/;

/**
 * `"token"`, for values shown back in a sentence. mrkdwn has no escape for `*`, `_` and `~`,
 * so text with any of them is shown as code instead, the one place Slack shows them as typed.
 */
export function echoQuoted(token: string): string {
  const shown = echo(token);
  return FORMATTING.test(shown) ? `\`${shown}\`` : `"${shown}"`;
}

/** `` `token` ``, for words shown back as code. */
export function echoCode(token: string): string {
  return `\`${echo(token)}\``;
}

/** "84 people", "1 person": people are whole numbers when read. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function formatPeople(value: number): string {
  const n = Math.round(value);
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'person' : 'people'}`;
}

/** A percentage already scaled to 0–100: "52%". */
export function formatPct(pct: number): string {
  return `${Math.round(pct).toLocaleString('en-US')}%`;
}

/** Rule thresholds are what people typed: keep one decimal when there is one. */
// One formatter for every call: toLocaleString builds a new one each time.
const LEVEL_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatLevel(value: number): string {
  return LEVEL_FORMAT.format(value);
}

/** "▲ 12%", "▼ 5%", "no change"; null when there is nothing to compare. */
export function formatChange(pct: number | null): string | null {
  if (pct === null || !Number.isFinite(pct)) return null;
  const rounded = Math.round(pct);
  if (rounded === 0) return 'no change';
  return `${rounded > 0 ? '▲' : '▼'} ${Math.abs(rounded).toLocaleString('en-US')}%`;
}

/** `<@U123>`: ids come from Slack payloads, but a mention is markup, so only the id alphabet passes. */
export function userMention(id: string): string {
  return /^[UW][A-Z0-9]{1,30}$/i.test(id) ? `<@${id.toUpperCase()}>` : 'someone';
}

/** `<#C123>`, the same way. */
export function channelMention(id: string): string {
  return /^[CGD][A-Z0-9]{1,30}$/i.test(id) ? `<#${id.toUpperCase()}>` : 'a channel';
}
