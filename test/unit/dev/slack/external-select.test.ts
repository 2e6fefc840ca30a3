/**
 * The embedded Slack's rules for menus whose options come from the app (external_select,
 * multi_external_select) and for the app's answers to block_suggestion.
 */
import { validateOptionsResponse, validateView } from '../../../../dev/slack';

const x = (n: number) => 'x'.repeat(n);
const opt = (text: string, value = 'v') => ({ text: { type: 'plain_text', text }, value });
const many = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`, String(i)));

function errorsOf(element: Record<string, unknown>): string[] {
  return validateView({
    type: 'modal', title: { type: 'plain_text', text: 'Form' }, submit: { type: 'plain_text', text: 'Save' },
    blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element }],
  });
}
const single = (extra: Record<string, unknown> = {}) => ({ type: 'external_select', action_id: 'e', placeholder: { type: 'plain_text', text: 'Pick' }, ...extra });
const multi = (extra: Record<string, unknown> = {}) => ({ ...single(extra), type: 'multi_external_select' });

describe('external select elements', () => {
  test.each([
    ['a bare external select', single()],
    ['min_query_length 0 and a whole initial option', single({ min_query_length: 0, initial_option: opt(x(75), x(150)) })],
    ['a multi with max_selected_items and initial options up to it', multi({ max_selected_items: 2, initial_options: many(2) })],
  ])('accepts %s', (_name, element) => {
    expect(errorsOf(element)).toEqual([]);
  });

  test.each([
    ['options of its own', single({ options: many(1) }), 'must not provide options or option_groups'],
    ['a negative min_query_length', single({ min_query_length: -1 }), '/min_query_length]'],
    ['a fractional min_query_length', multi({ min_query_length: 1.5 }), '/min_query_length]'],
    ['an initial option that is only a value', single({ initial_option: { value: '71' } }), '/initial_option/text]'],
    ['an initial option text of 76', single({ initial_option: opt(x(76)) }), 'must be less than 76 characters [json-pointer:/view/blocks/0/element/initial_option/text/text]'],
    ['an initial option value of 151', single({ initial_option: opt('a', x(151)) }), '/initial_option/value]'],
    ['a mrkdwn initial option', single({ initial_option: { text: { type: 'mrkdwn', text: '*a*' }, value: '1' } }), '/initial_option/text/type]'],
    ['initial_options on a single select', single({ initial_options: many(1) }), 'is only allowed in multi-select menus'],
    ['initial_option on a multi-select', multi({ initial_option: opt('a') }), 'is only allowed in single-select menus'],
    ['max_selected_items of 0', multi({ max_selected_items: 0 }), '/max_selected_items]'],
    ['more initial options than max_selected_items', multi({ max_selected_items: 2, initial_options: many(3) }), 'must provide no more than 2 items [json-pointer:/view/blocks/0/element/initial_options]'],
    ['initial options that are only values', multi({ initial_options: ['71'] }), '/initial_options/0]'],
  ])('refuses %s', (_name, element, message) => {
    expect(errorsOf(element).join('\n')).toContain(message);
  });
});

describe('answers to block_suggestion', () => {
  test.each([
    ['no match', { options: [] }],
    ['100 options, text 75, value 150', { options: [...many(99), opt(x(75), x(150))] }],
    ['100 groups of 100', { option_groups: Array.from({ length: 100 }, (_, g) => ({ label: { type: 'plain_text', text: `g${g}` }, options: many(100) })) }],
  ])('takes %s', (_name, body) => {
    expect(validateOptionsResponse(body)).toEqual([]);
  });

  test.each([
    ['nothing', undefined, 'must provide an object'],
    ['an object without options', {}, 'must provide options or option_groups'],
    ['101 options', { options: many(101) }, 'must provide no more than 100 items'],
    ['an option text of 76', { options: [opt(x(76))] }, 'must be less than 76 characters'],
    ['a value of 151', { options: [opt('a', x(151))] }, '/options/0/value]'],
    ['a mrkdwn option', { options: [{ text: { type: 'mrkdwn', text: 'a' }, value: '1' }] }, 'must be one of: plain_text'],
    ['both options and groups', { options: many(1), option_groups: [] }, 'not both'],
    ['101 groups', { option_groups: Array.from({ length: 101 }, () => ({ label: { type: 'plain_text', text: 'g' }, options: many(1) })) }, 'no more than 100 items'],
  ])('refuses %s', (_name, body, message) => {
    expect(validateOptionsResponse(body).join('\n')).toContain(message);
  });
});
