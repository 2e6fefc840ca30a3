/**
 * Literal Block Kit shapes for expected values, so whole-output assertions stay readable.
 */
export const md = (text: string) => ({ type: 'mrkdwn' as const, text });
export const pt = (text: string) => ({ type: 'plain_text' as const, text });
export const headerBlock = (text: string) => ({ type: 'header', text: pt(text) });
export const sectionBlock = (text: string) => ({ type: 'section', text: md(text) });
export const fieldsBlock = (...texts: string[]) => ({ type: 'section', fields: texts.map(md) });
export const contextBlock = (...texts: string[]) => ({ type: 'context', elements: texts.map(md) });
export const imageBlock = (url: string, alt: string) => ({ type: 'image', image_url: url, alt_text: alt });
/** The n-th chart of a message: its image block, found again by its block_id. */
export const chartBlock = (chart: { url: string; altText: string }, n = 1) => ({ type: 'image', block_id: `chart-${n}`, image_url: chart.url, alt_text: chart.altText });
export const actionsBlock = (...elements: unknown[]) => ({ type: 'actions', elements });
export const dividerBlock = { type: 'divider' };
export const btn = (text: string, actionId: string, value?: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: actionId,
  text: pt(text),
  ...(value !== undefined ? { value } : {}),
  ...extra,
});
export const confirm = (title: string, text: string, yes: string, no: string) => ({
  confirm: { title: pt(title), text: pt(text), confirm: pt(yes), deny: pt(no) },
});
export const opt = (text: string, value: string) => ({ text: pt(text), value });
