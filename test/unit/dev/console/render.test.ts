/**
 * The console page's Block Kit renderer (plain browser scripts, loaded here as CommonJS):
 * mrkdwn, blocks, elements, modals, messages, and charts read back from QuickChart URLs.
 */
import { QuickChartRenderer } from '../../../../src/charts';
import type { ChartConfig } from '../../../../src/charts/model';
import { buildDigestModal, buildReportMessage, buildSubscribeModal } from '../../../../src/slack/blocks';
import { chartFromUrl, parseJsLiteral } from '../../../../dev/console/public/bk-chart';
import { findElement, initialValue } from '../../../../dev/console/public/bk-elements';
import { renderBlocks, renderMessage, renderModal } from '../../../../dev/console/public/bk-blocks';
import { mrkdwn } from '../../../../dev/console/public/bk-text';
import { chartView, reportView } from '../../slack/blocks/fixtures';

const ctx = {
  userName: (id: string) => ({ U0LOCAL001: 'grace' })[id],
  channelName: (id: string) => ({ C0FACILITY: 'facilities' })[id],
  users: [{ id: 'U0LOCAL001', label: 'Grace' }],
  conversations: [
    { id: 'C0GENERAL', label: '#general', isPrivate: false, isIm: false },
    { id: 'C0EXEC', label: '#exec', isPrivate: true, isIm: false },
    { id: 'D0001', label: 'Direct message', isPrivate: true, isIm: true },
  ],
  currentChannel: 'C0GENERAL',
};

describe('mrkdwn', () => {
  describe("Slack's <!date^…> token, on the viewer's clock", () => {
    const now = Date.parse('2026-11-25T15:00:00Z');
    const at = (iso: string) => Math.floor(Date.parse(iso) / 1000);
    const date = (seconds: number, tokens: string, timeZone: string) =>
      mrkdwn(`<!date^${seconds}^${tokens}|Thu 26 Nov 15:00 UTC>`, { ...ctx, timeZone, now: () => now });

    it('draws {date_short_pretty} {time} in the viewer\'s zone, the fallback as its title', () => {
      expect(date(at('2026-11-26T15:00:00Z'), '{date_short_pretty} {time}', 'America/New_York')).toBe(
        '<span class="bk-date" title="Thu 26 Nov 15:00 UTC">tomorrow 10:00</span>',
      );
      expect(date(at('2026-11-26T15:00:00Z'), '{date_short_pretty} {time}', 'Asia/Kolkata')).toBe(
        '<span class="bk-date" title="Thu 26 Nov 15:00 UTC">tomorrow 20:30</span>',
      );
      expect(date(at('2026-12-01T09:05:00Z'), '{date_short_pretty} {time}', 'Europe/London')).toContain('>Dec 1, 2026 09:05<');
    });

    it('knows the other tokens', () => {
      expect(date(at('2026-11-21T12:00:00Z'), '{date_num} · {date} · {date_long} · {time_secs}', 'UTC')).toContain(
        '>2026-11-21 · November 21st, 2026 · Saturday, November 21st, 2026 · 12:00:00<',
      );
      expect(date(at('2026-11-24T12:00:00Z'), '{date_pretty}', 'UTC')).toContain('>yesterday<');
    });

    it('shows the fallback when the token cannot be read', () => {
      expect(mrkdwn('<!date^soon^{time}|at some point>', ctx)).toBe('at some point');
    });
  });

  it.each([
    ['*Average*', '<b>Average</b>'],
    ['_nightly_ data', '<i>nightly</i> data'],
    ['~old~ new', '<s>old</s> new'],
    ['use `/occupancy help`', 'use <code class="bk-code">/occupancy help</code>'],
    ['a\nb', 'a<br>b'],
    ['snake_case_name and 2*3*4', 'snake_case_name and 2*3*4'],
    ['5 &lt; 6 &amp;&amp; 7 &gt; 1', '5 &lt; 6 &amp;&amp; 7 &gt; 1'],
    ['"quoted" it\'s', '&quot;quoted&quot; it&#39;s'],
    ['*bold _and italic_*', '<b>bold <i>and italic</i></b>'],
  ])('%j', (input, html) => {
    expect(mrkdwn(input, ctx)).toBe(html);
  });

  it('keeps code and preformatted text as written, entities decoded once', () => {
    expect(mrkdwn('```\nif (a &lt; b) *x*\n```', ctx)).toBe('<pre class="bk-pre">if (a &lt; b) *x*\n</pre>');
    expect(mrkdwn('`a &amp; *b*`', ctx)).toBe('<code class="bk-code">a &amp; *b*</code>');
  });

  it('names mentions and links channels and URLs', () => {
    expect(mrkdwn('Shared by <@U0LOCAL001>', ctx)).toBe('Shared by <span class="bk-mention" data-user-id="U0LOCAL001">@grace</span>');
    expect(mrkdwn('<@U999|someone>', ctx)).toContain('@someone');
    expect(mrkdwn('in <#C0FACILITY>', ctx)).toBe('in <a class="bk-channel" href="#" data-channel-id="C0FACILITY">#facilities</a>');
    expect(mrkdwn('<#C0NEW|new-room>', ctx)).toContain('#new-room');
    expect(mrkdwn('<!here> look', ctx)).toBe('<span class="bk-mention">@here</span> look');
    expect(mrkdwn('<https://status.example/a?b=1&amp;c=2|status &amp; more>', ctx)).toBe(
      '<a href="https://status.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">status &amp; more</a>',
    );
  });

  it('never lets text become markup', () => {
    const html = mrkdwn('&lt;script&gt;alert(1)&lt;/script&gt; <javascript:alert(1)|click> <img src=x onerror=alert(1)>', ctx);
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('click');
  });

  it('groups quoted lines', () => {
    expect(mrkdwn('> one\n&gt; *two*\nafter', ctx)).toBe('<blockquote class="bk-quote">one<br><b>two</b></blockquote>after');
  });
});

describe('charts from QuickChart URLs', () => {
  const config: ChartConfig = {
    type: 'bar',
    data: {
      labels: ['06', "it's", 'Café ▲ 12%'],
      datasets: [
        { type: 'bar', label: 'Tue 25 Nov', data: [1, null, 143.5], backgroundColor: '#4e79a7', order: 1 },
        { type: 'line', label: 'Threshold "120"', data: [120, 120, 120], borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    options: { plugins: { title: { display: true, text: 'DEMO (71) · Tue 25 Nov' }, legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
  };

  it('reads back exactly the config the bot put in its chart URL', () => {
    const url = new QuickChartRenderer({ baseUrl: 'http://127.0.0.1:3400/qc' }).url(config, { width: 600, height: 300 });
    expect(url).not.toBeNull();
    const chart = chartFromUrl(url!);
    expect(chart).toEqual({ config, width: 600, height: 300, background: '#ffffff' });
  });

  it('takes JSON configs and refuses what is not a chart', () => {
    expect(chartFromUrl(`https://quickchart.io/chart?c=${encodeURIComponent(JSON.stringify(config))}`)?.config).toEqual(config);
    expect(chartFromUrl('https://example.com/picture.png')).toBeNull();
    expect(chartFromUrl('https://quickchart.io/chart?c=%7Btype%3A')).toBeNull();
    expect(chartFromUrl('https://quickchart.io/chart?c=%5B1%2C2%5D')).toBeNull();
    expect(chartFromUrl('not a url')).toBeNull();
  });

  it('parses JavaScript literals without evaluating them', () => {
    expect(parseJsLiteral("{a:1,'b-c':[true,null,undefined,-1.5e2,],\"d\":'x\\'y\\u00e9\\n',}")).toEqual({ a: 1, 'b-c': [true, null, undefined, -150], d: "x'yé\n" });
    const polluted = parseJsLiteral('{__proto__:{polluted:1},constructor:2,ok:3}') as Record<string, unknown>;
    expect(polluted).toEqual({ ok: 3 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => parseJsLiteral('{a:alert(1)}')).toThrow(SyntaxError);
    expect(() => parseJsLiteral('{a:1} trailing')).toThrow(SyntaxError);
  });
});

describe('blocks', () => {
  it('renders the report answer: header, fields, a chart canvas, context and buttons', () => {
    const url = new QuickChartRenderer({ baseUrl: 'https://quickchart.io' }).url({ type: 'bar', data: { labels: ['a'], datasets: [{ data: [1] }] } })!;
    const msg = buildReportMessage(reportView({ chart: chartView({ url, altText: 'Hourly occupancy' }) }));
    const html = renderBlocks(msg.blocks, ctx);
    expect(html).toContain('<div class="bk-header">🏢 DEMO building (71) · Tue 25 Nov</div>');
    expect(html).toContain('<div class="bk-field"><b>Average while occupied</b><br>');
    expect(html).toMatch(/<canvas data-chart="\{&quot;config&quot;:\{&quot;type&quot;:&quot;bar&quot;/);
    expect(html).toContain('aria-label="Hourly occupancy"');
    expect(html).toContain('<div class="bk-context"><span>Nightly data through Tue 25 Nov');
    expect(html).toMatch(/<button type="button" class="bk-button" data-bk="button" data-action-id="occupancy_share" data-type="button" data-value="[^"]+">Share in channel<\/button>/);
  });

  it('draws other images as images, and only from safe URLs', () => {
    expect(renderBlocks([{ type: 'image', image_url: 'https://example.com/a.png', alt_text: 'A "plan"' }])).toContain(
      '<img src="https://example.com/a.png" alt="A &quot;plan&quot;" title="A &quot;plan&quot;" loading="lazy">',
    );
    expect(renderBlocks([{ type: 'image', image_url: 'javascript:alert(1)', alt_text: 'x' }])).not.toContain('javascript:');
    expect(renderBlocks([{ type: 'image', slack_file: { id: 'F0001ABC' }, alt_text: 'chart' }])).toContain('src="/console/files/F0001ABC"');
  });

  it('renders dividers, section accessories, overflow menus, selects and confirmations', () => {
    const html = renderBlocks([
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'row',
        text: { type: 'mrkdwn', text: 'Rule #7' },
        accessory: { type: 'overflow', action_id: 'menu', options: [{ text: { type: 'plain_text', text: 'Mute' }, value: 'mute' }] },
      },
      {
        type: 'actions',
        block_id: 'acts',
        elements: [
          {
            type: 'static_select',
            action_id: 'snooze',
            placeholder: { type: 'plain_text', text: 'Snooze' },
            options: [
              { text: { type: 'plain_text', text: '1 h' }, value: '60' },
              { text: { type: 'plain_text', text: '1 day' }, value: '1440' },
            ],
            initial_option: { text: { type: 'plain_text', text: '1 day' }, value: '1440' },
          },
          {
            type: 'button',
            action_id: 'delete',
            style: 'danger',
            text: { type: 'plain_text', text: 'Delete' },
            confirm: { title: { type: 'plain_text', text: 'Delete?' }, text: { type: 'plain_text', text: 'Sure' }, confirm: { type: 'plain_text', text: 'Delete' }, deny: { type: 'plain_text', text: 'Keep' } },
          },
        ],
      },
    ], ctx);
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toContain('data-bk="overflow-option" data-action-id="menu" data-block-id="row" data-type="overflow" data-value="mute" data-text="Mute"');
    expect(html).toContain('<option value="1440" selected>1 day</option>');
    expect(html).toContain('class="bk-button bk-danger"');
    expect(html).toContain('data-confirm="{&quot;title&quot;:&quot;Delete?&quot;,&quot;text&quot;:&quot;Sure&quot;,&quot;confirm&quot;:&quot;Delete&quot;,&quot;deny&quot;:&quot;Keep&quot;}"');
  });

  it('says which blocks it cannot show instead of dropping them', () => {
    expect(renderBlocks([{ type: 'video' }])).toBe('<div class="bk-unsupported">[video block]</div>');
  });
});

describe('modals', () => {
  const digestModal = buildDigestModal({
    privateMetadata: '{}',
    mode: 'create',
    channelId: null,
    buildingOptions: [{ id: 71, name: 'DEMO' }, { id: 104, name: 'Southwark Works' }],
    buildingIds: [],
    time: '08:00',
    days: [1, 2, 3, 4, 5],
    cadence: 'daily',
    timeZone: null,
    options: { chart: true, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: false },
  });
  const view = { id: 'V1', title: digestModal.title, submit: digestModal.submit, close: digestModal.close, blocks: digestModal.blocks as unknown[] };

  it('renders the digest form with its initial values, the current channel and its buttons', () => {
    const html = renderModal(view, ctx, {});
    expect(html).toContain('<span class="modal-title">New digest</span>');
    expect(html).toContain('<option value="C0GENERAL" selected>#general</option>');
    expect(html).toContain('<option value="C0EXEC">#exec</option>');
    // exclude_bot_users and include public/private: no DM in the list.
    expect(html).not.toContain('D0001');
    expect(html).toContain('<input class="bk-picker" type="time" value="08:00"');
    expect(html).toMatch(/<input type="checkbox" name="bk-digest_days-digest_days_checkboxes" value="3" checked>/);
    expect(html).toMatch(/<input type="checkbox" name="bk-digest_days-digest_days_checkboxes" value="6">/);
    expect(html).toContain('data-bk="modal-submit">Create</button>');
    expect(html).toContain('>Cancel</button>');
  });

  it('shows what the person typed over the initial values, and errors under their inputs', () => {
    const html = renderModal({ ...view, errors: { digest_buildings: 'Pick at least one building.' } }, ctx, {
      digest_time: { digest_time_picker: { selected_time: '10:30' } },
      digest_buildings: { digest_buildings_input: { selected_options: [{ value: '104', text: { type: 'plain_text', text: 'Southwark Works (104)' } }] } },
    });
    expect(html).toContain('type="time" value="10:30"');
    expect(html).toMatch(/value="104" data-text="Southwark Works \(104\)" checked><span>Southwark Works \(104\)<\/span>/);
    expect(html).toMatch(/<div class="bk-input bk-has-error" data-bk-input="multi_external_select" data-block-id="digest_buildings"/);
    // A type-ahead menu: a search box the page sends block_suggestion from.
    expect(html).toMatch(/<div class="bk-external" data-action-id="digest_buildings_input" data-block-id="digest_buildings" data-type="multi_external_select" data-min-query="0"><input type="search" class="bk-suggest"/);
    expect(html).toContain('<div class="bk-error" role="alert">Pick at least one building.</div>');
  });

  it('marks inputs that dispatch actions, and live ones', () => {
    const modal = buildSubscribeModal({
      privateMetadata: '{}', mode: 'create', scopeKind: 'building', scopeId: 71, measure: 'people', direction: 'above', threshold: null,
      recovery: null, minBuckets: 1, granularity: 'PT1H', destination: 'dm', channelId: null, quietHours: null, renotifyMinutes: null,
      backtest: { status: 'incomplete' },
    } as Parameters<typeof buildSubscribeModal>[0]);
    const html = renderModal({ id: 'V2', title: modal.title, submit: modal.submit, blocks: modal.blocks as unknown[] }, ctx, {});
    expect(html).toMatch(/data-bk-input="number_input" data-block-id="sub_threshold" data-action-id="sub_threshold_input" data-dispatch data-live>/);
    expect(html).toMatch(/data-bk-input="radio_buttons" data-block-id="sub_scope_kind" data-action-id="sub_scope_kind_radio" data-dispatch>/);
    expect(html).toMatch(/data-bk-input="external_select" data-block-id="sub_scope_id" data-action-id="sub_scope_building_select" data-dispatch>/);
    expect(html).toMatch(/<input type="radio" name="bk-sub_scope_id-sub_scope_building_select" value="71" data-text="Building 71" checked>/);
    expect(html).toMatch(/type="radio" name="bk-sub_scope_kind-sub_scope_kind_radio" value="building" checked>/);
  });

  it('finds elements and their untouched values as Slack reports them', () => {
    const el = findElement(view.blocks, 'digest_channel', 'digest_channel_select')!;
    expect(initialValue(el, ctx)).toEqual({ selected_conversation: 'C0GENERAL' });
    expect(initialValue(findElement(view.blocks, 'digest_time', 'digest_time_picker')!)).toEqual({ selected_time: '08:00' });
    expect(initialValue(findElement(view.blocks, 'digest_time_zone', 'digest_time_zone_input')!)).toEqual({ value: null });
    expect(findElement(view.blocks, 'digest_time', 'nope')).toBeNull();
  });
});

describe('messages', () => {
  const base = { ts: '1795000000.000100', channel: 'C0GENERAL', author: 'occupancy', isBot: true, text: 'Hello *there*', replyCount: 0, edited: false, ephemeral: false };

  it('marks ephemeral and edited messages and shows the fallback text when there are no blocks', () => {
    const html = renderMessage({ ...base, ephemeral: true, edited: true }, { formatTime: () => '10:00' });
    expect(html).toContain('<div class="msg msg-ephemeral" data-message-ts="1795000000.000100" data-channel="C0GENERAL">');
    expect(html).toContain('👁 Only visible to you');
    expect(html).toContain('<span class="msg-app">APP</span><time>10:00</time>');
    expect(html).toContain('Hello <b>there</b>');
    expect(html).toContain('<span class="msg-edited">(edited)</span>');
  });

  it('offers the thread of a message with replies', () => {
    expect(renderMessage({ ...base, replyCount: 2 })).toContain('data-bk="thread" data-thread-ts="1795000000.000100">2 replies</button>');
    expect(renderMessage({ ...base, replyCount: 1 })).toContain('>1 reply</button>');
    expect(renderMessage({ ...base, replyCount: 2 }, {}, { inThread: true })).not.toContain('data-bk="thread"');
  });

  it('escapes author names', () => {
    expect(renderMessage({ ...base, author: '<b>x</b>' })).toContain('<span class="msg-author">&lt;b&gt;x&lt;/b&gt;</span>');
  });
});
