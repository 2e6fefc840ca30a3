/**
 * `/occupancy digest list` and the digest rows of App Home: schedule, next run, status, and
 * buttons for those who may manage them.
 */
import { recentRunsLine } from './digest-history';
import { momentText, scheduleText, scopeTitleMd } from './format';
import { ACTION_IDS } from './ids';
import { actions, button, section, type KnownBlock, type SlackMessage } from './kit';
import { buildListing } from './list';
import { channelMention, escapeMrkdwn, safeName, userMention } from './mrkdwn';
import { encodeIdValue } from './values';
import type { DigestListView, DigestPauseReason, DigestSummaryView } from '../../views/index';

const PAUSE_WORDS: Readonly<Record<DigestPauseReason, string>> = {
  by_user: 'Paused',
  channel_not_found: "Paused: I can't find the channel (deleted, or private without me)",
  not_in_channel: "Paused: I'm not in the channel; invite me with `/invite @occupancy`, then resume",
  is_archived: 'Paused: the channel is archived',
  access_revoked: "Paused: this workspace's access for the bot was revoked",
};

const MAX_LISTED_BUILDINGS = 10;

export function digestSummaryText(d: DigestSummaryView): string {
  const names = d.buildings.slice(0, MAX_LISTED_BUILDINGS).map((b) => (b.name === null ? `building ${b.id}` : scopeTitleMd(b.name, b.id)));
  const moreBuildings = d.buildings.length > MAX_LISTED_BUILDINGS ? ` and ${d.buildings.length - MAX_LISTED_BUILDINGS} more` : '';
  const status =
    d.status === 'paused'
      ? `⏸ ${PAUSE_WORDS[d.pauseReason ?? 'by_user']}`
      : d.nextRunMs === null
        ? 'Next run: not scheduled'
        : `Next run: ${momentText(d.nextRunMs, d.timeZone)}`;
  const runs = d.recentRuns ? recentRunsLine(d.recentRuns) : null;
  return [
    `*Digest #${d.id}* · ${channelMention(d.channelId)} · ${scheduleText(d)} (${escapeMrkdwn(d.timeZone)})`,
    `${names.join(', ')}${moreBuildings}${d.groupLabel !== undefined ? ` · group ${safeName(d.groupLabel, 60)}` : ''}`,
    `${status} · set up by ${userMention(d.createdBy)}`,
    ...(runs === null ? [] : [runs]),
  ].join('\n');
}

/** The section for a digest, plus exactly the buttons the viewer may use. */
export function digestSummaryBlocks(d: DigestSummaryView): KnownBlock[] {
  const blocks: KnownBlock[] = [section(digestSummaryText(d))];
  const value = encodeIdValue(d.id);
  const buttons = [
    ...(d.may.run
      ? [d.status === 'paused' ? button('Resume', ACTION_IDS.digestResume, value) : button('Pause', ACTION_IDS.digestPause, value), button('Send now', ACTION_IDS.digestSend, value)]
      : []),
    ...(d.may.takeOver
      ? [
          button('Take over', ACTION_IDS.digestTakeOver, value, {
            confirm: { title: `Take over digest #${d.id}?`, text: 'Whoever set it up has left. You will hear when it pauses or fails.', confirm: 'Take over', deny: 'Not now' },
          }),
        ]
      : []),
    ...(d.may.change
      ? [
          button('Edit', ACTION_IDS.digestEdit, value),
          button('Delete', ACTION_IDS.digestDelete, value, {
            style: 'danger',
            confirm: { title: `Delete digest #${d.id}?`, text: 'It stops at once; past messages stay in the channel.', confirm: 'Delete', deny: 'Keep it' },
          }),
        ]
      : []),
  ];
  if (buttons.length > 0) blocks.push(actions(buttons));
  return blocks;
}

export function buildDigestListMessage(view: DigestListView): SlackMessage {
  const where = view.channelId ? ` in ${channelMention(view.channelId)}` : '';
  const count = `${view.digests.length} ${view.digests.length === 1 ? 'digest' : 'digests'}`;
  return buildListing({
    title: '📊 Digests',
    items: view.digests,
    empty: `No digests are set up${where} yet. \`/occupancy digest\` sets one up.`,
    blocksOf: digestSummaryBlocks,
    footer: "Times are local to each digest's time zone · `/occupancy digest` adds one",
    fallback: `${count}${where}: ${view.digests.map((d) => `#${d.id}`).join(', ')}`,
  });
}
