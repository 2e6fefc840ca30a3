import { buildCompareMessage } from '../../../../src/slack/blocks/compare';
import type { CompareSubjectView, CompareView } from '../../../../src/views';
import { checkMessageLimits } from '../../../support/block-limits';
import { CHART, at } from './fixtures';

const DEMO: CompareSubjectView = {
  scope: { kind: 'building', id: 71, name: 'DEMO' },
  timeZone: 'America/Toronto',
  date: '2026-11-23',
  range: null,
  dataThrough: '2026-11-24',
  mean: 118.4,
  meanPctOfCapacity: 47.6,
  occupied: { start: at('2026-11-23T08:00'), end: at('2026-11-23T18:00') },
  peak: { start: at('2026-11-23T12:00'), value: 151 },
  busiestHour: { start: at('2026-11-23T12:00'), end: at('2026-11-23T13:00') },
  busiestDay: null,
  changePct: 12.2,
  comparedWith: '2026-11-16',
};

const EMPTY: CompareSubjectView = {
  scope: { kind: 'building', id: 104, name: 'Southwark <Works>' },
  timeZone: 'Europe/London',
  date: '2026-11-23',
  range: null,
  dataThrough: '2026-11-24',
  mean: null,
  meanPctOfCapacity: null,
  occupied: null,
  peak: null,
  busiestHour: null,
  busiestDay: null,
  changePct: null,
  comparedWith: null,
};

function dayView(overrides: Partial<CompareView> = {}): CompareView {
  return {
    kind: 'building',
    mode: 'day',
    subjects: [DEMO, EMPTY],
    date: '2026-11-23',
    range: null,
    words: null,
    today: '2026-11-25',
    groupLabel: 'everyone',
    chart: CHART,
    previousDate: '2026-11-22',
    nextDate: '2026-11-24',
    previousRange: null,
    nextRange: null,
    ...overrides,
  };
}

const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (text: string, action_id: string, value: string) => ({ type: 'button', action_id, text: { type: 'plain_text', text }, value });

describe('buildCompareMessage', () => {
  it('draws a field per subject, the chart, what the numbers are, and the day buttons', () => {
    const msg = buildCompareMessage(dayView());
    expect(msg).toEqual({
      text: 'Compared, Mon 23 Nov (each in its own time zone): DEMO (71) avg 118, Southwark &lt;Works&gt; (104) nobody present (nightly data).',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: '🏢 DEMO vs Southwark <Works> · Mon 23 Nov (each in its own time zone)' } },
        {
          type: 'section',
          fields: [
            mrkdwn('*DEMO (71)*\nAvg 118 while occupied (48% of capacity), 08:00–18:00\nPeak 151 at 12:00\nBusiest hour 12:00–13:00\n▲ 12% vs last Mon'),
            mrkdwn('*Southwark &lt;Works&gt; (104)*\nNobody was present'),
          ],
        },
        { type: 'image', block_id: 'chart-1', image_url: CHART.url, alt_text: CHART.altText },
        {
          type: 'context',
          elements: [
            mrkdwn('Average while occupied: the hourly buckets with anyone present · peak: the highest hourly bucket'),
            mrkdwn('Nightly data · hourly · everyone · DEMO: America/Toronto, through Tue 24 Nov · Southwark &lt;Works&gt;: Europe/London, through Tue 24 Nov'),
          ],
        },
        {
          type: 'actions',
          elements: [
            button('◀ Sun 22', 'occupancy_prev_day', '{"compare":"building","ids":[71,104],"date":"2026-11-22"}'),
            button('Tue 24 ▶', 'occupancy_next_day', '{"compare":"building","ids":[71,104],"date":"2026-11-24"}'),
            button('Share in channel', 'occupancy_share', '{"compare":"building","ids":[71,104],"date":"2026-11-23"}'),
          ],
        },
      ],
      charts: [{ blockId: 'chart-1', chart: CHART }],
    });
    expect(checkMessageLimits(msg)).toEqual([]);
  });

  it("names each subject's own day when they differ, shares it as shown, and drops the buttons once shared", () => {
    const msg = buildCompareMessage(dayView({ date: null, subjects: [DEMO, { ...EMPTY, date: '2026-11-24' }] }));
    const json = JSON.stringify(msg);
    expect(json).toContain('🏢 DEMO vs Southwark <Works> · the latest published day of each');
    expect(json).toContain('*DEMO (71)* · Mon 23 Nov');
    expect(json).toContain('*Southwark &lt;Works&gt; (104)* · Tue 24 Nov');
    expect(json).toContain('"value":"{\\"compare\\":\\"building\\",\\"ids\\":[71,104]}"');
    const shared = JSON.stringify(buildCompareMessage(dayView({ sharedBy: 'U123' })));
    expect(shared).toContain('Shared by <@U123>');
    expect(shared).not.toContain('"actions"');
  });

  it('draws a range: its words, busiest day, change against the period before, range buttons, the table without a chart', () => {
    const subject: CompareSubjectView = {
      ...DEMO,
      date: null,
      range: { from: '2026-11-16', to: '2026-11-22' },
      occupied: null,
      busiestHour: null,
      peak: { start: at('2026-11-17T11:00'), value: 183 },
      busiestDay: { date: '2026-11-17', mean: 131.2 },
      comparedWith: null,
    };
    const msg = buildCompareMessage(
      dayView({
        mode: 'range',
        kind: 'zone',
        subjects: [subject, { ...subject, scope: { kind: 'zone', id: 71002, name: 'Café' } }],
        date: null,
        range: { from: '2026-11-16', to: '2026-11-22', unit: 'week' },
        words: 'last week',
        chart: { ...CHART, url: '' },
        previousDate: null,
        nextDate: null,
        previousRange: { from: '2026-11-09', to: '2026-11-15', unit: 'week' },
        nextRange: null,
      }),
    );
    const json = JSON.stringify(msg);
    expect(json).toContain('📍 DEMO vs Café · Mon 16 – Sun 22 Nov');
    expect(json).toContain('*Last week*, each on its own calendar');
    expect(json).toContain('Avg 118 while occupied (48% of capacity)\\nPeak 183 at 11:00 on Tue 17 Nov\\nBusiest day Tue 17 Nov (avg 131)\\n▲ 12% vs the period before');
    expect(json).toContain('of the days with data');
    expect(json).not.toContain('"image"');
    expect(json).toContain('11:00');
    expect(json).toContain('"text":"◀ Mon 9 – Sun 15 Nov"');
    expect(json).toContain('"range\\":{\\"from\\":\\"2026-11-09\\",\\"to\\":\\"2026-11-15\\",\\"unit\\":\\"week\\"}');
    expect(checkMessageLimits(msg)).toEqual([]);
  });
});
