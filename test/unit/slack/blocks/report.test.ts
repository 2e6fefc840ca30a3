import { ACTION_IDS, buildReportMessage, buildZonesMessage, decodeReportValue } from '../../../../src/slack/blocks';
import { actionsBlock, btn, chartBlock, contextBlock, fieldsBlock, headerBlock, sectionBlock } from './helpers';
import { CHART, at, chartView, reportView, zonesView } from './fixtures';

const value = (kind: string, id: number, date: string, granularity = 'PT1H') => JSON.stringify({ kind, id, date, granularity });
const STAMP = 'Nightly data through Tue 25 Nov, America/Toronto · hourly · everyone';
const HOURLY_NOTE = contextBlock('Average while occupied: the hourly buckets with anyone present · 24-hour average: every hourly bucket · peak: the highest hourly bucket');

describe('buildReportMessage', () => {
  it('draws the building answer of messages.md', () => {
    expect(buildReportMessage(reportView())).toEqual({
      text: 'DEMO building (71) on Tue 25 Nov: avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00 (nightly data).',
      blocks: [
        headerBlock('🏢 DEMO building (71) · Tue 25 Nov'),
        fieldsBlock('*Average while occupied*\n84 people (52% of capacity), 08:00–18:00', '*24-hour average*\n52 people', '*Peak*\n143 at 12:00', '*Busiest hour*\n12:00–13:00', '*vs last Tuesday*\n▲ 12%'),
        HOURLY_NOTE,
        chartBlock(CHART),
        sectionBlock('*By floor:* L1 31 · L2 28 · L3 25'),
        contextBlock(STAMP),
        actionsBlock(
          btn('◀ Mon 24', ACTION_IDS.previousDay, value('building', 71, '2025-11-24')),
          btn('Share in channel', ACTION_IDS.share, value('building', 71, '2025-11-25')),
          btn('🔔 Alert me…', ACTION_IDS.alertMe, value('building', 71, '2025-11-25')),
        ),
      ],
      charts: [{ blockId: 'chart-1', chart: CHART }],
    });
  });

  it('says when the day the clock expects is not published yet, and which day it shows instead', () => {
    const msg = buildReportMessage(reportView({ date: '2025-11-24', dataThrough: '2025-11-24', awaitedDate: '2025-11-25' }));
    expect(msg.blocks[0]).toEqual(headerBlock('🏢 DEMO building (71) · Mon 24 Nov'));
    expect(msg.blocks[1]).toEqual(contextBlock('⏳ Tue 25 Nov is not published yet; this is Mon 24 Nov.'));
    expect(msg.blocks).toContainEqual(contextBlock('Nightly data through Mon 24 Nov, America/Toronto · hourly · everyone'));
    expect(msg.text.endsWith('(nightly data). Tue 25 Nov is not published yet.')).toBe(true);
  });

  it('stamps "Nightly data" without a day when no latest day was found', () => {
    const msg = buildReportMessage(reportView({ dataThrough: null }));
    expect(msg.blocks).toContainEqual(contextBlock('Nightly data, America/Toronto · hourly · everyone'));
  });

  it('draws a zone with its type, capacity and building, a text table instead of a missing chart, and both day buttons', () => {
    const view = reportView({
      scope: { kind: 'zone', id: 5, name: 'Open desks N', zoneType: 'desk', building: { id: 71, name: 'DEMO building' } },
      granularity: 'PT15M',
      stats: {
        mean: 41.2,
        occupied: { start: at('2025-11-25T07:45'), end: at('2025-11-25T18:15') },
        dayMean: 20.6,
        peak: { start: at('2025-11-25T11:45'), value: 52 },
        busiestHour: null,
        capacity: 45,
        meanPctOfCapacity: 91.6,
        lastWeek: { date: '2025-11-18', mean: 44 },
        changeVsLastWeekPct: -6.4,
      },
      floors: [],
      chart: null,
      series: [
        { start: at('2025-11-25T09:15'), value: 30 },
        { start: at('2025-11-25T09:00'), value: 10 },
      ],
      nextDate: '2025-11-26',
    });
    expect(buildReportMessage(view)).toEqual({
      text: 'Open desks N (5) on Tue 25 Nov: avg 41 while occupied (92% of capacity), 07:45–18:15, peak 52 at 11:45 (nightly data).',
      blocks: [
        headerBlock('📍 Open desks N (5) · Tue 25 Nov'),
        fieldsBlock(
          '*Average while occupied*\n41 people (92% of capacity), 07:45–18:15',
          '*24-hour average*\n21 people',
          '*Peak*\n52 at 11:45',
          '*vs last Tuesday*\n▼ 6%',
          '*Type*\nDesk',
          '*Capacity*\n45 people',
          '*Building*\nDEMO building (71)',
        ),
        contextBlock('Average while occupied: the 15-minute buckets with anyone present · 24-hour average: every 15-minute bucket · peak: the highest 15-minute bucket'),
        sectionBlock('*15-minute occupancy*\n```\n09:00 10 ███████\n09:15 30 ████████████████████\n```'),
        contextBlock('Nightly data through Tue 25 Nov, America/Toronto · 15-minute · everyone'),
        actionsBlock(
          btn('◀ Mon 24', ACTION_IDS.previousDay, value('zone', 5, '2025-11-24', 'PT15M')),
          btn('Wed 26 ▶', ACTION_IDS.nextDay, value('zone', 5, '2025-11-26', 'PT15M')),
          btn('Share in channel', ACTION_IDS.share, value('zone', 5, '2025-11-25', 'PT15M')),
          btn('🔔 Alert me…', ACTION_IDS.alertMe, value('zone', 5, '2025-11-25', 'PT15M')),
        ),
      ],
    });
  });

  it('leaves out what is unknown and credits the sharer without buttons', () => {
    const view = reportView({
      granularity: 'P1D',
      groupLabel: 'Visitors',
      stats: { mean: 1, occupied: null, dayMean: 1, peak: { start: at('2025-11-25T00:00'), value: 3 }, busiestHour: null, capacity: null, meanPctOfCapacity: null, lastWeek: null, changeVsLastWeekPct: null },
      floors: [{ name: 'L1', mean: null }],
      chart: chartView({ url: `https://quickchart.example/chart?c=${'x'.repeat(3000)}`, altText: 'too long to show' }),
      series: [],
      sharedBy: 'U0SHARER',
    });
    expect(buildReportMessage(view)).toEqual({
      text: 'DEMO building (71) on Tue 25 Nov: avg 1 while occupied, peak 3 (nightly data).',
      blocks: [
        headerBlock('🏢 DEMO building (71) · Tue 25 Nov'),
        fieldsBlock('*Average*\n1 person', '*Peak*\n3'),
        contextBlock("Daily figures: the day's mean occupancy as InnerSpace publishes it"),
        contextBlock('Nightly data through Tue 25 Nov, America/Toronto · daily · Visitors', 'Shared by <@U0SHARER>'),
      ],
    });
  });

  it('escapes names in mrkdwn and keeps them verbatim in plain text', () => {
    const view = reportView({
      scope: { kind: 'building', id: 71, name: '<!channel> & <https://x|y>' },
      floors: [{ name: '<@U1>', mean: 3 }],
      sharedBy: '<!here>',
      chart: null,
      series: [],
    });
    const msg = buildReportMessage(view);
    expect(msg.text).toBe(
      '&lt;!channel&gt; &amp; &lt;https://x|y&gt; (71) on Tue 25 Nov: avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00 (nightly data).',
    );
    expect(msg.blocks).toEqual([
      headerBlock('🏢 <!channel> & <https://x|y> (71) · Tue 25 Nov'),
      fieldsBlock('*Average while occupied*\n84 people (52% of capacity), 08:00–18:00', '*24-hour average*\n52 people', '*Peak*\n143 at 12:00', '*Busiest hour*\n12:00–13:00', '*vs last Tuesday*\n▲ 12%'),
        HOURLY_NOTE,
      sectionBlock('*By floor:* &lt;@U1&gt; 3'),
      contextBlock(STAMP, 'Shared by someone'),
    ]);
  });

  it('names the year of a day in another year, on the header, the fallback and the buttons', () => {
    const msg = buildReportMessage(reportView({ date: '2025-11-20', previousDate: '2025-11-19', nextDate: '2025-11-21', today: '2026-11-25' }));
    expect(msg.blocks[0]).toEqual(headerBlock('🏢 DEMO building (71) · Thu 20 Nov 2025'));
    expect(msg.text).toContain('on Thu 20 Nov 2025:');
    const buttons = JSON.stringify(msg.blocks[msg.blocks.length - 1]);
    expect(buttons).toContain('◀ Wed 19 Nov 2025');
    expect(buttons).toContain('Fri 21 Nov 2025 ▶');
    // This year's days stay short.
    const recent = buildReportMessage(reportView({ nextDate: '2025-11-26', today: '2025-11-27' }));
    expect(recent.blocks[0]).toEqual(headerBlock('🏢 DEMO building (71) · Tue 25 Nov'));
    expect(JSON.stringify(recent.blocks)).toContain('Wed 26 ▶');
  });

  it('says "vs Tue 11 Nov" when the comparison day is not a week earlier', () => {
    const base = reportView();
    const msg = buildReportMessage(reportView({ stats: { ...base.stats, lastWeek: { date: '2025-11-11', mean: 80 }, changeVsLastWeekPct: 0.2 } }));
    expect(msg.blocks[1]).toEqual(
      fieldsBlock('*Average while occupied*\n84 people (52% of capacity), 08:00–18:00', '*24-hour average*\n52 people', '*Peak*\n143 at 12:00', '*Busiest hour*\n12:00–13:00', '*vs Tue 11 Nov*\nno change'),
    );
  });

  it('puts state the listener can decode in every button', () => {
    const msg = buildReportMessage(reportView());
    const actions = msg.blocks[msg.blocks.length - 1] as { elements: { value: string }[] };
    expect(actions.elements.map((e) => decodeReportValue(e.value))).toEqual([
      { kind: 'building', id: 71, date: '2025-11-24', granularity: 'PT1H' },
      { kind: 'building', id: 71, date: '2025-11-25', granularity: 'PT1H' },
      { kind: 'building', id: 71, date: '2025-11-25', granularity: 'PT1H' },
    ]);
  });
});

describe('buildZonesMessage', () => {
  it('shows zone types as words, not their API names', () => {
    const view = zonesView({
      zones: [{ id: 5, name: 'Open desks N', zoneType: 'desk_area', mean: 41.2, peak: 52, meanPctOfCapacity: 91.4 }],
      zoneTypes: [
        { zoneType: 'desk_area', mean: 120.4, meanPctOfCapacity: 64.2, zoneCount: 12 },
        { zoneType: 'meeting_room', mean: 8, meanPctOfCapacity: null, zoneCount: 3 },
        { zoneType: 'Focus pods', mean: 2, meanPctOfCapacity: null, zoneCount: 1 },
      ],
    });
    const text = JSON.stringify(buildZonesMessage(view).blocks);
    expect(text).toContain('*Open desks N* (5) · Desk area — avg 41 (91%), peak 52');
    expect(text).toContain('Desk area — avg 120 (64%) · 12 zones\\nMeeting room — avg 8 · 3 zones\\nFocus pods — avg 2 · 1 zone');
    expect(text).not.toMatch(/desk_area|meeting_room/);
  });

  it('lists the busiest zones and the breakdown by zone type', () => {
    expect(buildZonesMessage(zonesView())).toEqual({
      text: 'Zones of DEMO building (71) on Tue 25 Nov: busiest was Open desks N, avg 41 (91%) (nightly data).',
      blocks: [
        headerBlock('🏢 DEMO building (71) · busiest zones · Tue 25 Nov'),
        sectionBlock(
          '*All 2 zones* (average while occupied, % of capacity)\n1. *Open desks N* (5) · Desk — avg 41 (91%), peak 52\n2. *Café* (9) · Amenity — avg 31, peak 61',
        ),
        sectionBlock('*By zone type*\nDesk — avg 120 (64%) · 12 zones\nAmenity — avg 31 · 1 zone'),
        contextBlock(STAMP),
        actionsBlock(
          btn('◀ Mon 24', ACTION_IDS.previousDay, value('zones', 71, '2025-11-24')),
          btn('Wed 26 ▶', ACTION_IDS.nextDay, value('zones', 71, '2025-11-26')),
          btn('Share in channel', ACTION_IDS.share, value('zones', 71, '2025-11-25')),
        ),
      ],
    });
  });

  it('says when the zones answer shows an older day because the expected one is not published yet', () => {
    const msg = buildZonesMessage(zonesView({ date: '2025-11-24', dataThrough: '2025-11-24', awaitedDate: '2025-11-25' }));
    expect(msg.blocks[1]).toEqual(contextBlock('⏳ Tue 25 Nov is not published yet; this is Mon 24 Nov.'));
  });

  it('shows the first ten of many zones, and says when there are none', () => {
    const zones = Array.from({ length: 12 }, (_, i) => ({ id: i + 1, name: `Z${i + 1}`, zoneType: null, mean: 12 - i, peak: null, meanPctOfCapacity: null }));
    const many = buildZonesMessage(zonesView({ zones, zoneTypes: [], previousDate: null, nextDate: null, sharedBy: 'U0SHARER' }));
    expect(many).toEqual({
      text: 'Zones of DEMO building (71) on Tue 25 Nov: busiest was Z1, avg 12 (nightly data).',
      blocks: [
        headerBlock('🏢 DEMO building (71) · busiest zones · Tue 25 Nov'),
        sectionBlock(
          `*Top 10 of 12 zones* (average while occupied, % of capacity)\n${zones
            .slice(0, 10)
            .map((z, i) => `${i + 1}. *${z.name}* (${z.id}) — avg ${z.mean}`)
            .join('\n')}`,
        ),
        contextBlock(STAMP, 'Shared by <@U0SHARER>'),
      ],
    });
    const none = buildZonesMessage(zonesView({ zones: [], zoneTypes: [] }));
    expect(none.text).toBe('Zones of DEMO building (71) on Tue 25 Nov (nightly data).');
    expect(none.blocks[1]).toEqual(sectionBlock('No zone data was published for this day.'));
  });
});
