import { buildDigestMessages } from '../../../../src/slack/blocks';
import type { WeeklyDigestBuildingView, WeeklyDigestView } from '../../../../src/views';
import { checkMessageLimits } from '../../../support/block-limits';
import { chartBlock, contextBlock, headerBlock } from './helpers';
import { CHART, rangeReportView } from './fixtures';

const WEEK = { from: '2026-11-16', to: '2026-11-22' };

function building(overrides: Partial<WeeklyDigestBuildingView> = {}): WeeklyDigestBuildingView {
  return { id: 71, name: 'DEMO', timeZone: 'America/Toronto', week: WEEK, range: rangeReportView(), ...overrides };
}

function weekly(overrides: Partial<WeeklyDigestView> = {}): WeeklyDigestView {
  return {
    cadence: 'weekly',
    digestId: 5,
    buildings: [building()],
    content: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: false },
    lateMinutes: null,
    ...overrides,
  };
}

describe('the weekly digest', () => {
  it('of one group says whose week it is in the heading, the fallback and the stamp', () => {
    const [msg] = buildDigestMessages(weekly({ groupLabel: 'Sales' }));
    expect(msg?.blocks[0]).toEqual(headerBlock('📊 Occupancy last week · Mon 16 – Sun 22 Nov · Sales'));
    expect(msg?.text).toMatch(/^Occupancy last week · Mon 16 – Sun 22 Nov \(Sales\): /);
    expect(msg?.blocks.at(-1)).toEqual(contextBlock('Nightly data through Tue 24 Nov · group Sales · digest #5 · managed with `/occupancy digest`'));
  });

  it('shows last week per building with the range answer’s figures, weekday pattern and chart, and no buttons', () => {
    const [msg, more] = buildDigestMessages(weekly());
    expect(more).toBeUndefined();
    expect(msg?.blocks[0]).toEqual(headerBlock('📊 Occupancy last week · Mon 16 – Sun 22 Nov'));
    expect(msg?.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*DEMO (71)*\n1 of 7 days have no data; they are left out, not counted as zero.\n*Weekdays:* Mon 100 · Tue 90 · Wed 80 · Fri 60' },
      fields: [
        { type: 'mrkdwn', text: '*Average while occupied*\n72 people (24% of capacity)' },
        { type: 'mrkdwn', text: '*24-hour average*\n41 people' },
        { type: 'mrkdwn', text: '*Busiest day*\nMon 16 Nov (avg 100)' },
        { type: 'mrkdwn', text: '*Quietest weekday*\nFri 20 Nov (avg 60)' },
        { type: 'mrkdwn', text: '*Peak*\n183 at 11:00 on Tue 17 Nov' },
        { type: 'mrkdwn', text: '*vs the week before*\n▲ 12%' },
      ],
    });
    expect(msg?.blocks[2]).toEqual(chartBlock(CHART));
    expect(msg?.blocks[3]).toEqual(contextBlock('Nightly data through Tue 24 Nov · digest #5 · managed with `/occupancy digest`'));
    expect(msg?.blocks).toHaveLength(4);
    expect(msg?.text).toBe('Occupancy last week · Mon 16 – Sun 22 Nov: DEMO (71) average 72 people, peak 183, ▲ 12% vs the week before.');
  });

  it('follows the content options, says a week with nothing published, and a late run', () => {
    const view = weekly({
      content: { chart: false, topZones: true, perFloor: true, weekOverWeek: false, skipWhenNoData: false },
      lateMinutes: 20,
      buildings: [building(), building({ id: 12, name: 'Harbour', range: null })],
    });
    const [msg] = buildDigestMessages(view);
    const text = JSON.stringify(msg?.blocks);
    expect(text).not.toContain('vs the week before');
    expect(text).not.toContain('"image"');
    expect(msg?.blocks[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Harbour (12)* — nothing was published for Mon 16 – Sun 22 Nov.' } });
    expect(msg?.blocks.at(-1)).toEqual(contextBlock('Nightly data through Tue 24 Nov · digest #5 · managed with `/occupancy digest` · sent 20 min late'));
  });

  it('buildings in different weeks (far-apart zones): each section names its week; heading and stamp name none', () => {
    const sydney = building({
      id: 118,
      name: 'Barangaroo',
      timeZone: 'Australia/Sydney',
      week: { from: '2026-11-23', to: '2026-11-29' },
      range: rangeReportView({ range: { from: '2026-11-23', to: '2026-11-29', unit: 'week' }, today: '2026-11-30', dataThrough: '2026-11-29' }),
    });
    const [msg] = buildDigestMessages(weekly({ buildings: [building(), sydney] }));
    expect(msg?.blocks[0]).toEqual(headerBlock('📊 Occupancy last week'));
    const sections = (msg?.blocks ?? []).filter((b) => b.type === 'section').map((b) => JSON.stringify(b));
    expect(sections[0]).toContain('*DEMO (71)* · Mon 16 – Sun 22 Nov');
    expect(sections[1]).toContain('*Barangaroo (118)* · Mon 23 – Sun 29 Nov');
    expect(msg?.blocks.at(-1)).toEqual(contextBlock('Nightly data through each building’s day shown, in its local time · digest #5 · managed with `/occupancy digest`'));
  });

  it('splits 25 buildings with charts over messages within Block Kit limits', () => {
    const buildings = Array.from({ length: 25 }, (_, i) => building({ id: i + 1, name: `Building ${i + 1}` }));
    const messages = buildDigestMessages(weekly({ buildings }));
    expect(messages).toHaveLength(2);
    expect(messages[0]?.blocks[0]).toEqual(headerBlock('📊 Occupancy last week · Mon 16 – Sun 22 Nov (1/2)'));
    for (const m of messages) expect(checkMessageLimits(m)).toEqual([]);
  });
});
