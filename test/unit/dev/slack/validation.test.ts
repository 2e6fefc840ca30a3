import { KNOWN_BLOCK_TYPES, imageUrlsOf, validateMessageBlocks, validateView } from '../../../../dev/slack/validation';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'button', text: { type: 'plain_text', text }, action_id: 'a', ...extra });
const x = (n: number) => 'x'.repeat(n);

describe('message blocks', () => {
  const accepted: Array<[string, unknown[]]> = [
    ['50 blocks', Array.from({ length: 50 }, () => ({ type: 'divider' }))],
    ['section text of 3000', [section(x(3000))]],
    ['header of 150', [{ type: 'header', text: { type: 'plain_text', text: x(150) } }]],
    ['10 fields of 2000', [{ type: 'section', fields: Array.from({ length: 10 }, () => ({ type: 'mrkdwn', text: x(2000) })) }]],
    ['image_url of 3000', [{ type: 'image', image_url: `https://q.io/${x(3000 - 13)}`, alt_text: 'chart' }]],
    ['25 buttons', [{ type: 'actions', elements: Array.from({ length: 25 }, (_, i) => button('b', { action_id: `a${i}` })) }]],
    ['button text of 75', [{ type: 'actions', elements: [button(x(75))] }]],
    ['block_id and action_id of 255', [{ type: 'actions', block_id: x(255), elements: [button('b', { action_id: x(255) })] }]],
    ['a select accessory', [{ ...section('pick'), accessory: { type: 'static_select', action_id: 's', options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }] } }]],
    ['context with text and image', [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'data through Tue' }, { type: 'image', image_url: 'https://x.io/a.png', alt_text: 'a' }] }]],
    ["Slack's date token", [section('until 10:00 Toronto (<!date^1795705200^{date_short_pretty} {time}|Thu 26 Nov 15:00 UTC> your time)')]],
    ['a date token with a link', [section('<!date^1795705200^Posted {date_long} at {time}^https://x.io/a|Thu 26 Nov 15:00 UTC>')]],
  ];
  test.each(accepted)('accepts %s', (_name, blocks) => {
    expect(validateMessageBlocks(blocks)).toEqual([]);
  });

  const rejected: Array<[string, unknown, string]> = [
    ['a date token without its fallback', [section('<!date^1795705200^{time}>')], 'date formatting must be <!date^seconds^{token}^optional_link|fallback text> [json-pointer:/blocks/0/text/text]'],
    ['a date token in milliseconds… or words', [section('<!date^soon^{time}|later>')], 'date formatting must be'],
    ['a date token without a known token', [section('<!date^1795705200^{hour}|later>')], 'date formatting must be'],
    ['51 blocks', Array.from({ length: 51 }, () => ({ type: 'divider' })), 'no more than 50 items [json-pointer:/blocks]'],
    ['section text of 3001', [section(x(3001))], 'must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    ['empty section text', [section('')], 'must be more than 0 characters [json-pointer:/blocks/0/text/text]'],
    ['section without text or fields', [{ type: 'section' }], 'must provide either text or fields'],
    ['header of 151', [{ type: 'header', text: { type: 'plain_text', text: x(151) } }], '/blocks/0/text/text'],
    ['mrkdwn header', [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], 'must be one of: plain_text [json-pointer:/blocks/0/text/type]'],
    ['11 fields', [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }], '/blocks/0/fields]'],
    ['field of 2001', [{ type: 'section', fields: [{ type: 'mrkdwn', text: x(2001) }] }], '/blocks/0/fields/0/text'],
    ['image_url of 3001', [{ type: 'image', image_url: `https://q.io/${x(3001 - 13)}`, alt_text: 'chart' }], 'must be less than 3001 characters [json-pointer:/blocks/0/image_url]'],
    ['image_url not http(s)', [{ type: 'image', image_url: 'ftp://q.io/a.png', alt_text: 'chart' }], 'must be a valid URL [json-pointer:/blocks/0/image_url]'],
    ['image without alt_text', [{ type: 'image', image_url: 'https://q.io/a.png' }], '/blocks/0/alt_text'],
    ['26 buttons', [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button('b', { action_id: `a${i}` })) }], 'no more than 25 items [json-pointer:/blocks/0/elements]'],
    ['button text of 76', [{ type: 'actions', elements: [button(x(76))] }], '/blocks/0/elements/0/text/text'],
    ['action_id of 256', [{ type: 'actions', elements: [button('b', { action_id: x(256) })] }], '/blocks/0/elements/0/action_id'],
    ['block_id of 256', [{ type: 'divider', block_id: x(256) }], '/blocks/0/block_id'],
    ['duplicate block_id', [{ type: 'divider', block_id: 'd' }, { type: 'divider', block_id: 'd' }], 'duplicate block_id: d'],
    ['unknown block type', [{ type: 'carousel' }], 'unsupported block type: carousel [json-pointer:/blocks/0/type]'],
    ['bad button style', [{ type: 'actions', elements: [button('b', { style: 'loud' })] }], '/blocks/0/elements/0/style'],
    ['blocks not a list', { type: 'divider' }, 'must provide an array [json-pointer:/blocks]'],
  ];
  test.each(rejected)('rejects %s', (_name, blocks, expected) => {
    const errors = validateMessageBlocks(blocks);
    expect(errors.some((e) => e.includes(expected))).toBe(true);
  });

  test('knows the common block types', () => {
    expect(KNOWN_BLOCK_TYPES).toEqual(expect.arrayContaining(['section', 'header', 'divider', 'image', 'actions', 'context', 'input']));
  });

  test('a slack_file names exactly one of id and url, of a file the workspace says may be shown', () => {
    const file = (ref: unknown, extra: Record<string, unknown> = {}) => [{ type: 'image', slack_file: ref, alt_text: 'chart', ...extra }];
    const known = { slackFile: (ref: { id?: string }) => ref.id === 'F0DONE' };
    expect(validateMessageBlocks(file({ id: 'F0DONE' }), known)).toEqual([]);
    expect(validateMessageBlocks(file({ id: 'F0NOPE' }), known)).toEqual(['invalid slack file [json-pointer:/blocks/0/slack_file]']);
    expect(validateMessageBlocks(file({ id: 'F0DONE', url: 'https://files/x' }), known)).toEqual(['invalid slack file [json-pointer:/blocks/0/slack_file]']);
    expect(validateMessageBlocks(file({ id: 'F0DONE' }, { image_url: 'https://x.example/a.png' }), known)).toEqual([
      'must provide either image_url or slack_file, not both [json-pointer:/blocks/0/slack_file]',
    ]);
  });

  test('finds every image URL Slack downloads: image blocks, section accessories, context elements', () => {
    const img = (url: string) => ({ type: 'image', image_url: url, alt_text: 'a' });
    const blocks = [img('https://a.example/1.png'), { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: img('https://a.example/2.png') }, { type: 'context', elements: [img('https://a.example/3.png')] }];
    expect(imageUrlsOf(blocks, '/blocks')).toEqual([
      { path: '/blocks/0/image_url', url: 'https://a.example/1.png' },
      { path: '/blocks/1/accessory/image_url', url: 'https://a.example/2.png' },
      { path: '/blocks/2/elements/0/image_url', url: 'https://a.example/3.png' },
    ]);
  });
});

describe('views', () => {
  const modal = (extra: Record<string, unknown> = {}) => ({ type: 'modal', title: { type: 'plain_text', text: 'Digest' }, blocks: [], ...extra });
  const input = { type: 'input', block_id: 'time', label: { type: 'plain_text', text: 'Time' }, element: { type: 'timepicker', action_id: 't' } };

  test('accepts a modal of 100 blocks with a submit button', () => {
    expect(validateView(modal({ blocks: [...Array.from({ length: 99 }, () => ({ type: 'divider' })), input], submit: { type: 'plain_text', text: 'Save' } }))).toEqual([]);
  });

  test.each([
    ['101 blocks', modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }), 'no more than 100 items [json-pointer:/view/blocks]'],
    ['a title of 25', modal({ title: { type: 'plain_text', text: x(25) } }), '/view/title/text'],
    ['no title', { type: 'modal', blocks: [] }, '/view/title'],
    ['inputs without submit', modal({ blocks: [input] }), '/view/submit'],
    ['private_metadata of 3001', modal({ private_metadata: x(3001) }), '/view/private_metadata'],
    ['a button as input element', modal({ submit: { type: 'plain_text', text: 'S' }, blocks: [{ ...input, element: button('b') }] }), '/view/blocks/0/element/type'],
    ['an unknown view type', { type: 'workflow_step' }, '/view/type'],
  ])('rejects %s', (_name, view, expected) => {
    expect(validateView(view).some((e) => e.includes(expected))).toBe(true);
  });

  test('a Home tab takes 100 blocks and needs no title', () => {
    expect(validateView({ type: 'home', blocks: Array.from({ length: 100 }, () => ({ type: 'divider' })) })).toEqual([]);
    expect(validateView({ type: 'home', blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) })).not.toEqual([]);
  });
});

describe('choices: option counts and lengths, in messages and views alike', () => {
  const opt = (text: string, value = 'v', extra: Record<string, unknown> = {}) => ({ text: { type: 'plain_text', text }, value, ...extra });
  const many = (n: number) => Array.from({ length: n }, (_, i) => opt(`o${i}`, String(i)));
  const overflow = (options: unknown[]) => ({ type: 'overflow', action_id: 'o', options });
  const checkboxes = (options: unknown[]) => ({ type: 'checkboxes', action_id: 'c', options });
  const radio = (options: unknown[]) => ({ type: 'radio_buttons', action_id: 'r', options });
  const select = (choices: Record<string, unknown>) => ({ type: 'static_select', action_id: 's', placeholder: { type: 'plain_text', text: 'Pick' }, ...choices });
  const multi = (choices: Record<string, unknown>) => ({ ...select(choices), type: 'multi_static_select' });
  const group = (label: string, options: unknown[]) => ({ label: { type: 'plain_text', text: label }, options });

  /** The element in a message (as an accessory) and in a modal (as an input, where it may be one). */
  function errorsOf(element: Record<string, unknown>): { message: string[]; view: string[] } {
    const message = validateMessageBlocks([{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: element }]);
    const asInput = element.type !== 'overflow';
    const view = validateView({
      type: 'modal', title: { type: 'plain_text', text: 'Form' }, submit: { type: 'plain_text', text: 'Save' },
      blocks: [asInput ? { type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element } : { type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory: element }],
    });
    return { message, view };
  }

  test.each([
    ['an overflow of 1', overflow(many(1))],
    ['an overflow of 5', overflow(many(5))],
    ['an overflow option that is a link', overflow([opt('Docs', 'd', { url: 'https://example.com/docs' })])],
    ['10 checkboxes with mrkdwn text and descriptions of 75', checkboxes(many(10).map((o) => ({ ...o, text: { type: 'mrkdwn', text: '*b*' }, description: { type: 'mrkdwn', text: x(75) } })))],
    ['10 radio buttons', radio(many(10))],
    ['a select of 100 options, text 75, value 150', select({ options: [...many(99), opt(x(75), x(150))] })],
    ['a multi-select of 100 groups of 100', multi({ option_groups: Array.from({ length: 100 }, (_, g) => group(x(75), many(100).map((o) => ({ ...o, value: `${g}-${o.value}` })))) })],
  ])('accepts %s', (_name, element) => {
    expect(errorsOf(element)).toEqual({ message: [], view: [] });
  });

  test.each([
    ['an empty overflow', overflow([]), 'must provide at least 1 items [json-pointer:', '/options]'],
    ['an overflow of 6', overflow(many(6)), 'must provide no more than 5 items', '/options]'],
    ['11 checkboxes', checkboxes(many(11)), 'must provide no more than 10 items', '/options]'],
    ['11 radio buttons', radio(many(11)), 'must provide no more than 10 items', '/options]'],
    ['a checkbox text of 76', checkboxes([opt(x(76))]), 'must be less than 76 characters', '/options/0/text/text]'],
    ['a select of 101 options', select({ options: many(101) }), 'must provide no more than 100 items', '/options]'],
    ['a multi-select of 101 options', multi({ options: many(101) }), 'must provide no more than 100 items', '/options]'],
    ['101 option groups', select({ option_groups: Array.from({ length: 101 }, () => group('g', many(1))) }), 'must provide no more than 100 items', '/option_groups]'],
    ['a group of 101 options', select({ option_groups: [group('g', many(101))] }), 'must provide no more than 100 items', '/option_groups/0/options]'],
    ['a group label of 76', select({ option_groups: [group(x(76), many(1))] }), 'must be less than 76 characters', '/option_groups/0/label/text]'],
    ['both options and groups', select({ options: many(1), option_groups: [group('g', many(1))] }), 'must provide either options or option_groups', ']'],
    ['an option text of 76', select({ options: [opt(x(76))] }), 'must be less than 76 characters', '/options/0/text/text]'],
    ['an option value of 151', select({ options: [opt('a', x(151))] }), 'must be less than 151 characters', '/options/0/value]'],
    ['an option without a value', select({ options: [{ text: { type: 'plain_text', text: 'a' } }] }), 'must provide a string', '/options/0/value]'],
    ['an option description of 76', overflow([opt('a', 'v', { description: { type: 'plain_text', text: x(76) } })]), 'must be less than 76 characters', '/options/0/description/text]'],
    ['mrkdwn in a menu option', select({ options: [{ text: { type: 'mrkdwn', text: '*a*' }, value: 'v' }] }), 'must be one of: plain_text', '/options/0/text/type]'],
    ['a link in a select option', select({ options: [opt('a', 'v', { url: 'https://example.com' })] }), 'is only allowed in overflow menus', '/options/0/url]'],
  ])('rejects %s', (_name, element, message, pointerEnd) => {
    const { message: inMessage, view: inView } = errorsOf(element);
    for (const errors of [inMessage, inView]) expect(errors.some((e) => e.includes(message) && e.endsWith(pointerEnd))).toBe(true);
  });
});
