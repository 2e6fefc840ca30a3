import { ACTION_IDS, buildDigestListMessage, buildDigestMessages } from '../../../../src/slack/blocks';
import { checkMessageLimits } from '../../../support/block-limits';
import { actionsBlock, btn, chartBlock, confirm, contextBlock, headerBlock, sectionBlock } from './helpers';
import { CHART, at, digestBuilding, digestSummary, digestView } from './fixtures';

const STAMP = 'Nightly data through Tue 25 Nov · digest #3 · managed with `/occupancy digest`';

describe('buildDigestMessages', () => {
  it('draws the digest of messages.md in one message', () => {
    expect(buildDigestMessages(digestView())).toEqual([
      {
        text: 'Occupancy for Tue 25 Nov: DEMO building (71) avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00, ▲ 12% vs last Tue; Harbour office (12) no data.',
        blocks: [
          headerBlock('📊 Occupancy for Tue 25 Nov'),
          sectionBlock('*DEMO building (71)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00, ▲ 12% vs last Tue\nBusiest (average people while occupied, % of capacity): Open desks N 41 (91%), Café 30 (77%), Board room 9 (64%)'),
          chartBlock(CHART),
          sectionBlock('*Harbour office (12)* — nothing was published for Tue 25 Nov.'),
          contextBlock(STAMP),
        ],
        charts: [{ blockId: 'chart-1', chart: CHART }],
      },
    ]);
  });

  it('follows the content options, heads with the day shown, and says when it is late', () => {
    const view = digestView({
      content: { chart: false, topZones: false, perFloor: true, weekOverWeek: false, skipWhenNoData: false },
      lateMinutes: 14.4,
      buildings: [
        digestBuilding({
          date: '2025-11-24',
          floors: [
            { name: 'L1', mean: 31 },
            { name: 'L2 & <roof>', mean: 2.5 },
          ],
        }),
      ],
    });
    expect(buildDigestMessages(view)).toEqual([
      {
        text: 'Occupancy for Mon 24 Nov: DEMO building (71) avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00.',
        blocks: [
          headerBlock('📊 Occupancy for Mon 24 Nov'),
          sectionBlock('*DEMO building (71)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00\nBy floor: L1 31 · L2 &amp; &lt;roof&gt; 3'),
          contextBlock('Nightly data through Mon 24 Nov · digest #3 · managed with `/occupancy digest` · sent 14 min late'),
        ],
      },
    ]);
  });

  it('shows zones without capacity by their average, and a late run in hours', () => {
    const view = digestView({
      lateMinutes: 75,
      buildings: [digestBuilding({ topZones: [{ name: 'Café', mean: 30.4, meanPctOfCapacity: null }], chart: null })],
    });
    const [msg] = buildDigestMessages(view);
    expect(msg?.blocks.slice(1)).toEqual([
      sectionBlock('*DEMO building (71)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00, ▲ 12% vs last Tue\nBusiest (average people while occupied, % of capacity): Café 30'),
      contextBlock(`${STAMP} · sent 1 h 15 min late`),
    ]);
  });

  it('splits 30 buildings with charts over two messages, keeping each chart with its building', () => {
    const buildings = Array.from({ length: 30 }, (_, i) => digestBuilding({ id: i + 1, name: `Building ${i + 1}` }));
    const messages = buildDigestMessages(digestView({ buildings }));
    expect(messages).toHaveLength(2);
    const [first, second] = messages;
    expect(first?.blocks).toHaveLength(50);
    expect(first?.blocks[0]).toEqual(headerBlock('📊 Occupancy for Tue 25 Nov (1/2)'));
    expect(second?.blocks[0]).toEqual(headerBlock('📊 Occupancy for Tue 25 Nov (2/2)'));
    // Each message numbers its own charts: 24 in the first, 6 in the second.
    expect(first?.blocks[48]).toEqual(chartBlock(CHART, 24));
    expect(first?.charts?.map((c) => c.blockId)).toEqual(Array.from({ length: 24 }, (_, i) => `chart-${i + 1}`));
    expect(second?.blocks[2]).toEqual(chartBlock(CHART, 1));
    expect(second?.charts).toHaveLength(6);
    expect(second?.blocks[1]).toEqual(
      sectionBlock('*Building 25 (25)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00, ▲ 12% vs last Tue\nBusiest (average people while occupied, % of capacity): Open desks N 41 (91%), Café 30 (77%), Board room 9 (64%)'),
    );
    expect(second?.blocks).toHaveLength(2 + 6 * 2);
    expect(second?.blocks[second.blocks.length - 1]).toEqual(contextBlock(STAMP));
    expect(second?.text.startsWith('Occupancy for Tue 25 Nov (2/2): Building 25 (25) avg 84')).toBe(true);
    for (const m of messages) expect(checkMessageLimits(m)).toEqual([]);
  });

  it('sent before the publish: heading, note, sections and stamp all name the day shown', () => {
    const late = { date: '2025-11-24', awaitedDate: '2025-11-25' };
    const view = digestView({
      ...late,
      dataThrough: '2025-11-24',
      content: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: false },
      buildings: [digestBuilding(late), digestBuilding({ id: 12, name: 'Harbour office', ...late })],
    });
    const [msg, more] = buildDigestMessages(view);
    expect(more).toBeUndefined();
    expect(msg?.blocks).toEqual([
      headerBlock('📊 Occupancy for Mon 24 Nov'),
      contextBlock('⏳ Tue 25 Nov is not published yet; this digest shows Mon 24 Nov.'),
      sectionBlock('*DEMO building (71)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00'),
      sectionBlock('*Harbour office (12)* — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00'),
      contextBlock('Nightly data through Mon 24 Nov · digest #3 · managed with `/occupancy digest`'),
    ]);
    expect(msg?.text.endsWith('⏳ Tue 25 Nov is not published yet; this digest shows Mon 24 Nov.')).toBe(true);
  });

  it('buildings published to different days: no heading note that a section contradicts; each says its own', () => {
    const late = { date: '2025-11-24', awaitedDate: '2025-11-25' };
    const view = digestView({
      ...late,
      dataThrough: '2025-11-24',
      content: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: false },
      buildings: [
        digestBuilding(late),
        // Published in time: shows the expected day.
        digestBuilding({ id: 12, name: 'Harbour office', date: '2025-11-25' }),
        // Late by two days.
        digestBuilding({ id: 13, name: 'Depot', date: '2025-11-23', awaitedDate: '2025-11-25' }),
      ],
    });
    const [msg] = buildDigestMessages(view);
    expect(msg?.blocks).toEqual([
      headerBlock('📊 Occupancy for Sun 23 Nov – Tue 25 Nov'),
      sectionBlock('*DEMO building (71)* · Mon 24 Nov (Tue 25 Nov is not published yet) — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00'),
      sectionBlock('*Harbour office (12)* · Tue 25 Nov — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00'),
      sectionBlock('*Depot (13)* · Sun 23 Nov (Tue 25 Nov is not published yet) — avg 84 while occupied (52% of capacity), 08:00–18:00, peak 143 at 12:00, busiest hour 12:00–13:00'),
      contextBlock('Nightly data through each building’s day shown, in its local time · digest #3 · managed with `/occupancy digest`'),
    ]);
  });

  it('a digest over time zones: each section names its own day; heading and stamp never contradict one', () => {
    // Toronto's latest day is Mon 24 Nov while Sydney's is already Tue 25 Nov.
    const view = digestView({
      date: '2025-11-24',
      dataThrough: '2025-11-24',
      content: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: false },
      buildings: [
        digestBuilding({ date: '2025-11-24' }),
        digestBuilding({ id: 118, name: 'Barangaroo Tower', timeZone: 'Australia/Sydney', date: '2025-11-25' }),
      ],
    });
    const [msg] = buildDigestMessages(view);
    const sections = (msg?.blocks ?? []).filter((b) => b.type === 'section').map((b) => JSON.stringify(b));
    expect(sections[0]).toContain('*DEMO building (71)* · Mon 24 Nov —');
    expect(sections[1]).toContain('*Barangaroo Tower (118)* · Tue 25 Nov —');
    expect(msg?.blocks[0]).toEqual(headerBlock('📊 Occupancy for Mon 24 and Tue 25 Nov'));
    const stamp = JSON.stringify(msg?.blocks.at(-1));
    expect(stamp).not.toContain('through Mon 24 Nov');
    expect(stamp).toContain('Nightly data through each building’s day shown, in its local time');
    expect(msg?.text.startsWith('Occupancy for Mon 24 and Tue 25 Nov:')).toBe(true);
  });

  it('shows the busiest zones with the people figure they are sorted by, % beside', () => {
    const [msg] = buildDigestMessages(digestView({ buildings: [digestBuilding({ chart: null })] }));
    expect(JSON.stringify(msg?.blocks[1])).toContain(
      'Busiest (average people while occupied, % of capacity): Open desks N 41 (91%), Café 30 (77%), Board room 9 (64%)',
    );
  });

  it('keeps the note in every part of a long digest, within 50 blocks', () => {
    const late = { date: '2025-11-24', awaitedDate: '2025-11-25' };
    const buildings = Array.from({ length: 30 }, (_, i) => digestBuilding({ id: i + 1, name: `Building ${i + 1}`, ...late }));
    const messages = buildDigestMessages(digestView({ ...late, dataThrough: '2025-11-24', buildings }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks[1]).toEqual(contextBlock('⏳ Tue 25 Nov is not published yet; this digest shows Mon 24 Nov.'));
      expect(checkMessageLimits(m)).toEqual([]);
    }
  });

  it('stamps "Nightly data" without a day when nothing was found lately', () => {
    const [msg] = buildDigestMessages(digestView({ dataThrough: null }));
    expect(msg?.blocks.at(-1)).toEqual(contextBlock('Nightly data · digest #3 · managed with `/occupancy digest`'));
  });

  it('still says something with no buildings', () => {
    expect(buildDigestMessages(digestView({ buildings: [] }))).toEqual([
      {
        text: 'Occupancy for Tue 25 Nov: no buildings.',
        blocks: [headerBlock('📊 Occupancy for Tue 25 Nov'), sectionBlock('No buildings are set up for this digest.'), contextBlock(STAMP)],
      },
    ]);
  });
});

describe('buildDigestListMessage', () => {
  const id3 = JSON.stringify({ id: 3 });
  it('shows a weekly digest’s cadence, day and time', () => {
    const msg = buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary({ cadence: 'weekly', days: [1], time: '09:00' })] });
    expect(msg.blocks[1]).toMatchObject({ text: { text: expect.stringContaining('*Digest #3* · <#C0FACILITY> · weekly on Mon 09:00, last week’s summary (America/Toronto)\n') } });
  });
  it('lists schedule, next run and status, with buttons for those who manage them', () => {
    const msg = buildDigestListMessage({
      channelId: 'C0FACILITY',
      digests: [
        digestSummary(),
        digestSummary({ id: 4, status: 'paused', pauseReason: 'not_in_channel', nextRunMs: null, days: [1, 3, 5], may: { run: false, change: false, takeOver: false }, buildings: [{ id: 9, name: 'Annex' }] }),
      ],
    });
    expect(msg).toEqual({
      text: '2 digests in <#C0FACILITY>: #3, #4',
      blocks: [
        headerBlock('📊 Digests'),
        sectionBlock('*Digest #3* · <#C0FACILITY> · 08:00 weekdays (America/Toronto)\nDEMO building (71), building 12\nNext run: Wed 26 Nov 08:00 America/Toronto (<!date^1764162000^{date_short_pretty} {time}|Wed 26 Nov 13:00 UTC> your time) · set up by <@U0CREATOR>'),
        actionsBlock(
          btn('Pause', ACTION_IDS.digestPause, id3),
          btn('Send now', ACTION_IDS.digestSend, id3),
          btn('Edit', ACTION_IDS.digestEdit, id3),
          btn('Delete', ACTION_IDS.digestDelete, id3, {
            style: 'danger',
            ...confirm('Delete digest #3?', 'It stops at once; past messages stay in the channel.', 'Delete', 'Keep it'),
          }),
        ),
        sectionBlock(
          "*Digest #4* · <#C0FACILITY> · 08:00 Mon, Wed, Fri (America/Toronto)\nAnnex (9)\n⏸ Paused: I'm not in the channel; invite me with `/invite @occupancy`, then resume · set up by <@U0CREATOR>",
        ),
        contextBlock("Times are local to each digest's time zone · `/occupancy digest` adds one"),
      ],
    });
  });

  it('shows exactly the buttons the viewer may use: run (members), change (the creator and admins)', () => {
    const ids = (may: { run: boolean; change: boolean; takeOver?: boolean }) =>
      JSON.stringify(buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary({ may: { takeOver: false, ...may } })] }).blocks).match(/"action_id":"[a-z_]+"/g) ?? [];
    expect(ids({ run: true, change: false })).toEqual([`"action_id":"${ACTION_IDS.digestPause}"`, `"action_id":"${ACTION_IDS.digestSend}"`]);
    expect(ids({ run: false, change: true })).toEqual([`"action_id":"${ACTION_IDS.digestEdit}"`, `"action_id":"${ACTION_IDS.digestDelete}"`]);
    expect(ids({ run: false, change: false })).toEqual([]);
    expect(ids({ run: true, change: true, takeOver: true })).toContain(`"action_id":"${ACTION_IDS.digestTakeOver}"`);
  });

  it('offers Resume on a paused digest', () => {
    const msg = buildDigestListMessage({ channelId: null, digests: [digestSummary({ status: 'paused', pauseReason: 'by_user', nextRunMs: null, days: [6, 7] })] });
    expect(msg.text).toBe('1 digest: #3');
    expect(msg.blocks[1]).toEqual(sectionBlock('*Digest #3* · <#C0FACILITY> · 08:00 weekends (America/Toronto)\nDEMO building (71), building 12\n⏸ Paused · set up by <@U0CREATOR>'));
    expect((msg.blocks[2] as { elements: unknown[] }).elements[0]).toEqual(btn('Resume', ACTION_IDS.digestResume, id3));
  });

  it('says how to start when there are none', () => {
    const words = 'No digests are set up in <#C0FACILITY> yet. `/occupancy digest` sets one up.';
    expect(buildDigestListMessage({ channelId: 'C0FACILITY', digests: [] })).toEqual({ text: words, blocks: [headerBlock('📊 Digests'), sectionBlock(words)] });
  });

  it('stays inside 50 blocks with many digests', () => {
    const digests = Array.from({ length: 40 }, (_, i) => digestSummary({ id: i + 1, nextRunMs: at('2025-11-26T08:00') }));
    const msg = buildDigestListMessage({ channelId: 'C0FACILITY', digests });
    expect(msg.blocks).toHaveLength(1 + 23 * 2 + 1 + 1);
    expect(msg.blocks[47]).toEqual(sectionBlock("…and 17 more. The bot's Home tab lists them all."));
    expect(checkMessageLimits(msg)).toEqual([]);
  });
});

describe('a digest of one group', () => {
  it('names the group in the heading, the fallback text and the stamp', () => {
    const [msg] = buildDigestMessages(digestView({ groupLabel: 'Customer <Success>' }));
    expect(msg!.text.startsWith('Occupancy for ')).toBe(true);
    expect(msg!.text).toContain(' (Customer &lt;Success&gt;): ');
    expect(msg!.blocks[0]).toEqual(headerBlock(`📊 Occupancy for ${/Occupancy for ([^(:]+) \(/.exec(msg!.text)![1]} · Customer <Success>`));
    expect(JSON.stringify(msg!.blocks.at(-1))).toContain(' · group Customer &lt;Success&gt; · digest #');
  });

  it('names the group in the list', () => {
    const msg = buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary({ groupLabel: 'Sales' })] });
    expect(JSON.stringify(msg.blocks)).toContain(' · group Sales');
    expect(JSON.stringify(buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary()] }).blocks)).not.toContain('group');
  });
});
