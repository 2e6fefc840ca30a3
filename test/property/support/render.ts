/**
 * What Slack would render from mrkdwn, reduced to the question the properties ask: did text a
 * user typed come out as formatting, a live mention or a link? User text in the suite carries a
 * marker (MARK, letters the bot never writes itself), so anything live that contains it came
 * from the user. Slack's rules, as modelled here:
 * - `<…>` is an entity wherever it stands, code spans included (the three control characters
 *   must be escaped everywhere): `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>` notify
 *   people; `<@U…>`, `<#C…>` and `<url|label>` become mentions and links.
 * - `*x*`, `_x_`, `~x~` format when the opening marker does not follow a letter or digit and is
 *   followed by a non-space, and the closing one follows a non-space and is not followed by a
 *   letter or digit, on one line. Inside `code` or ```blocks``` nothing formats.
 */

/** Letters the bot never writes on its own; every arbitrary puts them inside what the user types. */
export const MARK = 'qzx';

const MARK_RE = new RegExp(MARK, 'i');

export interface RenderProblem {
  readonly problem: string;
  readonly snippet: string;
}

/** Special mentions the bot never sends: each one notifies people. */
const SPECIAL = /^!(channel|here|everyone|group|subteam\^)/i;

export function mrkdwnProblems(text: string): RenderProblem[] {
  const problems: RenderProblem[] = [];
  for (const m of text.matchAll(/<([^<>]*)>/g)) {
    const inner = m[1] ?? '';
    if (SPECIAL.test(inner)) problems.push({ problem: 'a live special mention', snippet: m[0] });
    else if (MARK_RE.test(inner)) problems.push({ problem: 'user text made a live mention or link', snippet: m[0] });
  }
  for (const segment of outsideCode(text)) {
    for (const marker of ['*', '_', '~']) {
      for (const span of formattedSpans(segment, marker)) {
        if (MARK_RE.test(span)) problems.push({ problem: `user text rendered with ${marker} formatting`, snippet: `${marker}${span}${marker}` });
      }
    }
  }
  return problems;
}

/** The parts of `text` outside ```code blocks``` and `inline code`. */
export function outsideCode(text: string): string[] {
  const parts: string[] = [];
  const re = /```[\s\S]*?```|`[^`\n]+`/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

const WORD = /[\p{L}\p{N}]/u;

/** Contents of the spans `marker` formats in a code-free segment. */
export function formattedSpans(segment: string, marker: string): string[] {
  const spans: string[] = [];
  for (const line of segment.split('\n')) {
    let i = 0;
    while (i < line.length) {
      const open = line.indexOf(marker, i);
      if (open < 0) break;
      const before = line[open - 1];
      const after = line[open + 1];
      const opens = (before === undefined || !WORD.test(before)) && before !== marker && after !== undefined && !/\s/.test(after) && after !== marker;
      if (!opens) {
        i = open + 1;
        continue;
      }
      let close = line.indexOf(marker, open + 1);
      let found = -1;
      while (close >= 0) {
        const prev = line[close - 1] ?? '';
        const next = line[close + 1];
        if (!/\s/.test(prev) && (next === undefined || !WORD.test(next))) {
          found = close;
          break;
        }
        close = line.indexOf(marker, close + 1);
      }
      if (found < 0) {
        i = open + 1;
        continue;
      }
      spans.push(line.slice(open + 1, found));
      i = found + 1;
    }
  }
  return spans;
}

/** Every mrkdwn text in a message or view: `mrkdwn` text objects anywhere, and a message's own text. */
export function mrkdwnTexts(root: unknown, messageText?: string): string[] {
  const out: string[] = messageText !== undefined ? [messageText] : [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    for (const x of Object.values(o)) walk(x);
  };
  walk(root);
  return out;
}
