import { RUN_REASONS } from '../../../../src/domain/digest';
import { buildDigestHistoryMessage, buildDigestRunNotice, recentRunsLine } from '../../../../src/slack/blocks/digest-history';
import { buildDigestListMessage } from '../../../../src/slack/blocks/digest-list';
import { buildDigestPreviewMessages, buildDigestPreviewSkippedMessage } from '../../../../src/slack/blocks/digest-preview';
import { buildDigestMessages } from '../../../../src/slack/blocks/digest';
import { runWhy } from '../../../../src/slack/blocks/run-words';
import type { DigestRunView } from '../../../../src/views/digest';
import { TZ, at, digestBuilding, digestSummary, digestView } from './fixtures';
import { contextBlock, sectionBlock } from './helpers';

const run = (o: Partial<DigestRunView> = {}): DigestRunView => ({ localDate: '2025-11-25', outcome: 'sent', atMs: at('2025-11-25T08:00'), lateMinutes: 0, reason: null, ...o });
const CTX = { digestId: 3, channelId: 'C0FACILITY', graceMinutes: 30 };
const reader = (local: string, utc: string) => `<!date^${Math.floor(at(local) / 1000)}^{date_short_pretty} {time}|${utc} UTC>`;

describe('digest history', () => {
  it('sums up the last runs in one line for list rows and App Home', () => {
    const runs = [run({ localDate: '2025-11-26', outcome: 'late', lateMinutes: 14 }), run({ localDate: '2025-11-25', outcome: 'skipped', reason: 'missed', lateMinutes: 45 }), run({ localDate: '2025-11-24', outcome: 'failed', reason: 'is_archived' })];
    expect(recentRunsLine(runs)).toBe('Last runs: 🕒 Wed 26 Nov sent late · ⏭️ Tue 25 Nov skipped · ⚠️ Mon 24 Nov failed');
    expect(recentRunsLine([])).toBeNull();
    const listed = JSON.stringify(buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary({ recentRuns: runs })] }).blocks);
    expect(listed).toContain('set up by <@U0CREATOR>\\nLast runs: 🕒 Wed 26 Nov sent late');
    // A row whose runs were not read shows no line at all.
    expect(JSON.stringify(buildDigestListMessage({ channelId: 'C0FACILITY', digests: [digestSummary()] }).blocks)).not.toContain('Last runs');
  });

  it('lists runs newest first with local and reader times, and why each went as it did', () => {
    const msg = buildDigestHistoryMessage({
      digestId: 3,
      channelId: 'C0FACILITY',
      timeZone: TZ,
      graceMinutes: 30,
      runs: [
        run({ localDate: '2025-11-26', outcome: 'late', atMs: at('2025-11-26T08:14'), lateMinutes: 14 }),
        run({ localDate: '2025-11-25', outcome: 'skipped', atMs: at('2025-11-25T08:45'), lateMinutes: 45, reason: RUN_REASONS.missed }),
        run({ localDate: '2025-11-24', outcome: 'sent', atMs: at('2025-11-24T08:00') }),
      ],
    });
    expect(msg).toEqual({
      text: 'Digest #3, last 3 runs: 1 sent late, 1 skipped, 1 sent',
      blocks: [
        sectionBlock('*Digest #3* in <#C0FACILITY> · its last 3 runs, newest first'),
        sectionBlock(`🕒 *Wed 26 Nov* · sent Wed 26 Nov 08:14 America/Toronto (${reader('2025-11-26T08:14', 'Wed 26 Nov 13:14')} your time), 14 min late\nI wasn't running at the scheduled time; a digest up to 30 min late still goes out, marked as late.`),
        sectionBlock(
          `⏭️ *Tue 25 Nov* · skipped, recorded Tue 25 Nov 08:45 America/Toronto (${reader('2025-11-25T08:45', 'Tue 25 Nov 13:45')} your time)\n` +
            "I wasn't running at the scheduled time and came back 45 min later, past the 30 min a late digest may still go out, so I skipped it rather than post a stale one. `/occupancy digest send 3` sends it now; if this keeps happening, tell whoever runs the bot.",
        ),
        sectionBlock(`✅ *Mon 24 Nov* · sent Mon 24 Nov 08:00 America/Toronto (${reader('2025-11-24T08:00', 'Mon 24 Nov 13:00')} your time)`),
        contextBlock("Dates are the digest's own days, times are America/Toronto and yours · a digest missed by more than 30 min is skipped, never sent stale · `/occupancy digest preview 3` shows the next one"),
      ],
    });
  });

  it('says so when the digest has not run yet', () => {
    const msg = buildDigestHistoryMessage({ digestId: 3, channelId: 'C0FACILITY', timeZone: TZ, graceMinutes: 30, runs: [] });
    expect(msg.text).toBe('Digest #3 in <#C0FACILITY> has not run yet.');
  });

  it.each([
    [run({ outcome: 'failed', reason: RUN_REASONS.innerspaceUnavailable }), "InnerSpace wasn't answering from the scheduled time until the 30 min a late digest may still go out had passed. Nothing to fix here: the next run tries again, and `/occupancy digest send 3` sends it now"],
    [run({ outcome: 'failed', reason: 'not_in_channel' }), "I'm no longer a member of <#C0FACILITY>. Invite me with `/invite @occupancy` there"],
    [run({ outcome: 'failed', reason: 'is_archived' }), '<#C0FACILITY> is archived. Unarchive it, or set the digest up in another channel'],
    [run({ outcome: 'failed', reason: RUN_REASONS.rateLimited }), 'Slack kept asking me to slow down in <#C0FACILITY>, so I gave up on this run. The next run tries again, and `/occupancy digest send 3` sends it now'],
    [run({ outcome: 'unknown', reason: RUN_REASONS.interrupted }), "I stopped while posting it, so it may be in <#C0FACILITY>, perhaps in part. I won't post it again on my own: look in the channel, and if it is missing, `/occupancy digest send 3` sends it now"],
    [run({ outcome: 'skipped', reason: RUN_REASONS.noData }), 'nothing was published for its buildings, and it is set to skip such days'],
    // Stored before reasons were codes: the outcome's own words, never the raw text.
    [run({ outcome: 'skipped', reason: 'missed by 45 min, beyond the 30 min grace window' }), 'it was missed, beyond the 30 min a late digest may still go out'],
    [run({ outcome: 'under_way' }), 'being sent right now'],
  ])('words %j', (r, words) => {
    expect(runWhy(r, CTX)).toBe(words);
  });

  it('tells the creator what happened to the run and what to do', () => {
    const msg = buildDigestRunNotice({ ...CTX, timeZone: TZ, run: run({ outcome: 'failed', reason: 'channel_not_found' }) });
    expect(msg).toEqual({
      text: "Digest #3's run for Tue 25 Nov in <#C0FACILITY> could not be sent: I can't find <#C0FACILITY> any more: it was deleted, or it is private and I'm not in it. Invite me with `/invite @occupancy`.",
      blocks: [
        sectionBlock("Digest #3's run for Tue 25 Nov in <#C0FACILITY> could not be sent: I can't find <#C0FACILITY> any more: it was deleted, or it is private and I'm not in it. Invite me with `/invite @occupancy`."),
        contextBlock('You get this message because you set the digest up · `/occupancy digest history 3` lists its runs'),
      ],
    });
  });
});

describe('digest preview', () => {
  const NOTE = '👀 *Preview of digest #3*, shown only to you: this is what <#C0FACILITY> would get if it ran now. Nothing was posted and no run was recorded.';

  it('is the very digest the channel would get, each message marked at the top', () => {
    const view = digestView({ digestId: 3 });
    const channel = buildDigestMessages(view);
    const preview = buildDigestPreviewMessages(view, 'C0FACILITY');
    expect(preview).toEqual(channel.map((m) => ({ ...m, text: `Preview: ${m.text}`, blocks: [sectionBlock(NOTE), ...m.blocks] })));
  });

  it('sends the mark on its own when a message has no room left for it', () => {
    const view = digestView({ digestId: 3, buildings: Array.from({ length: 60 }, (_, i) => digestBuilding({ id: i + 1, chart: null })) });
    const channel = buildDigestMessages(view);
    expect(channel.some((m) => m.blocks.length === 50)).toBe(true);
    const preview = buildDigestPreviewMessages(view, 'C0FACILITY');
    expect(preview).toEqual([{ text: 'Preview of digest #3', blocks: [sectionBlock(NOTE)] }, ...channel]);
  });

  it('says why a digest that would send nothing shows nothing', () => {
    expect(buildDigestPreviewSkippedMessage(3, 'C0FACILITY').text).toBe(
      "Nothing has been published for digest #3's buildings yet, and it is set to skip such days, so <#C0FACILITY> would get nothing if it ran now.",
    );
  });
});
