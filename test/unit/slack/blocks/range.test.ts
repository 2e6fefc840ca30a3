import { buildRangeMessage } from '../../../../src/slack/blocks/range';
import { decodeReportValue, encodeReportValue } from '../../../../src/slack/blocks/values';
import { ACTION_IDS } from '../../../../src/slack/blocks';
import type { RangeReportView } from '../../../../src/views';
import { checkMessageLimits } from '../../../support/block-limits';
import { CHART, rangeReportView } from './fixtures';

/** The shared range fixture, with the usual weekday hours and its own 24-hour average. */
function rangeView(overrides: Partial<RangeReportView> = {}): RangeReportView {
  const base = rangeReportView();
  return rangeReportView({ stats: { ...base.stats, dayMean: 31.2, weekdayHours: { from: '08:00', to: '18:00' } }, ...overrides });
}

const json = (v: unknown) => JSON.stringify(v);

describe('buildRangeMessage', () => {
  it('draws the figures, the weekday pattern, the chart and the buttons', () => {
    const msg = buildRangeMessage(rangeView());
    const text = json(msg.blocks);
    expect(msg.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🏢 DEMO (71) · Mon 16 – Sun 22 Nov' } });
    for (const words of [
      '*Average while occupied*\\n72 people (24% of capacity), 08:00–18:00 on weekdays',
      '*24-hour average*\\n31 people',
      'Average while occupied: the hourly buckets with anyone present · 24-hour average: every hourly bucket · peak: the highest hourly bucket, of the days with data',
      '*Peak*\\n183 at 11:00 on Tue 17 Nov',
      '*Busiest day*\\nMon 16 Nov (avg 100)',
      '*Quietest weekday*\\nFri 20 Nov (avg 60)',
      '*vs the week before*\\n▲ 12%',
      '*Weekdays:* Mon 100 · Tue 90 · Wed 80 · Fri 60',
      '1 of 7 days have no data',
    ]) expect(text).toContain(words);
    expect(msg.charts).toEqual([{ blockId: 'chart-1', chart: CHART }]);
    const actions = msg.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value: string; text: { text: string } }[] };
    expect(actions.elements.map((e) => [e.text.text, e.action_id])).toEqual([
      ['◀ 9–15 Nov', ACTION_IDS.previousDay],
      ['23–24 Nov ▶', ACTION_IDS.nextDay],
      ['Share in channel', ACTION_IDS.share],
      ['🔔 Alert me…', ACTION_IDS.alertMe],
    ]);
    expect(decodeReportValue(actions.elements[0]!.value)).toEqual({
      kind: 'building', id: 71, date: '2026-11-15', granularity: 'PT1H', range: { from: '2026-11-09', to: '2026-11-15', unit: 'week' },
    });
    expect(checkMessageLimits(msg)).toEqual([]);
  });

  it('shows the bars as a table without a chart, a month button by its name, and no buttons when shared', () => {
    const msg = buildRangeMessage(
      rangeView({
        chart: null,
        range: { from: '2026-10-01', to: '2026-10-31', unit: 'month' },
        previousRange: { from: '2026-09-01', to: '2026-09-30', unit: 'month' },
        nextRange: { from: '2026-11-01', to: '2026-11-24', unit: 'month' },
      }),
    );
    const text = json(msg.blocks);
    expect(text).toContain('*Daily averages*');
    expect(text).toContain('Mon 16 Nov');
    expect(text).toContain('◀ Sep');
    expect(text).toContain('Nov ▶');
    const shared = buildRangeMessage(rangeView({ sharedBy: 'U0ADA' }));
    expect(json(shared.blocks)).toContain('Shared by <@U0ADA>');
    expect(shared.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('names a zone type in words', () => {
    const msg = buildRangeMessage(rangeView({ scope: { kind: 'zone', id: 7105, name: 'Open desks N', zoneType: 'desk_area', building: { id: 71, name: 'DEMO' } } }));
    expect(JSON.stringify(msg.blocks)).toContain('*Type*\\nDesk area');
    expect(JSON.stringify(msg)).not.toContain('desk_area');
  });

  it('stays within Block Kit limits with a long zone name and a year of weekly bars', () => {
    const name = 'Open desks north wing beside the very long corridor '.repeat(4);
    const bars = Array.from({ length: 53 }, (_, i) => ({ from: '2025-12-01', to: '2025-12-07', mean: i % 5 === 0 ? null : i * 3.3 }));
    const msg = buildRangeMessage(
      rangeView({ scope: { kind: 'zone', id: 7105, name, zoneType: 'desk', building: { id: 71, name } }, barUnit: 'week', bars, chart: null, words: null }),
    );
    expect(checkMessageLimits(msg)).toEqual([]);
  });
});

describe('range button values', () => {
  it('round-trips, and refuses ranges that are not ranges', () => {
    const v = { kind: 'zone', id: 5, date: '2026-11-22', granularity: 'PT1H', range: { from: '2026-11-16', to: '2026-11-22', unit: 'days' } } as const;
    expect(decodeReportValue(encodeReportValue(v))).toEqual(v);
    const bad = (range: unknown) => decodeReportValue(JSON.stringify({ ...v, range }));
    expect(bad({ from: '2026-11-22', to: '2026-11-16', unit: 'days' })).toBeNull();
    expect(bad({ from: '2024-01-01', to: '2026-01-01', unit: 'days' })).toBeNull();
    expect(bad({ from: '2026-11-16', to: '2026-11-22', unit: 'year' })).toBeNull();
    expect(bad('2026-11-16..2026-11-22')).toBeNull();
    expect(decodeReportValue(JSON.stringify({ ...v, kind: 'zones' }))).toBeNull();
  });
});
