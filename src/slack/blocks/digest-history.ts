/**
 * A digest's runs: the short line in list rows and App Home, `/occupancy digest history <id>`,
 * and the direct message its creator gets once when a run was skipped or failed. Why each run
 * went as it did is worded in ./run-words.ts.
 */
import { formatDay } from '../../domain/time';
import { momentText } from './format';
import { context, message, section, type SlackMessage } from './kit';
import { channelMention, escapeMrkdwn } from './mrkdwn';
import { runWhy } from './run-words';
import type { DigestHistoryView, DigestRunNoticeView, DigestRunOutcomeView, DigestRunView } from '../../views/digest';

const MARKS: Readonly<Record<DigestRunOutcomeView, string>> = {
  sent: '✅',
  late: '🕒',
  skipped: '⏭️',
  failed: '⚠️',
  unknown: '❔',
  under_way: '⏳',
};

const SHORT: Readonly<Record<DigestRunOutcomeView, string>> = {
  sent: 'sent',
  late: 'sent late',
  skipped: 'skipped',
  failed: 'failed',
  unknown: 'may have been posted',
  under_way: 'being sent',
};

/** "Last runs: ✅ Tue 24 Nov sent · ⏭️ Mon 23 Nov skipped"; null when it has not run yet. */
export function recentRunsLine(runs: readonly DigestRunView[]): string | null {
  if (runs.length === 0) return null;
  return `Last runs: ${runs.map((r) => `${MARKS[r.outcome]} ${formatDay(r.localDate)} ${SHORT[r.outcome]}`).join(' · ')}`;
}

/** "sent Wed 25 Nov 08:14 America/New_York (… your time), 14 min late" */
function whenText(run: DigestRunView, zone: string): string {
  const at = momentText(run.atMs, zone);
  switch (run.outcome) {
    case 'sent':
      return `sent ${at}`;
    case 'late':
      return `sent ${at}, ${run.lateMinutes} min late`;
    case 'skipped':
      return `skipped, recorded ${at}`;
    case 'failed':
      return `failed ${at}`;
    case 'unknown':
      return `outcome unknown, recorded ${at}`;
    case 'under_way':
      return `being sent since ${at}`;
  }
}

function runText(run: DigestRunView, view: Pick<DigestHistoryView, 'digestId' | 'channelId' | 'graceMinutes' | 'timeZone'>): string {
  const line = `${MARKS[run.outcome]} *${formatDay(run.localDate)}* · ${whenText(run, view.timeZone)}`;
  return run.outcome === 'sent' ? line : `${line}\n${runWhy(run, view)}.`;
}

export function buildDigestHistoryMessage(view: DigestHistoryView): SlackMessage {
  const head = `*Digest #${view.digestId}* in ${channelMention(view.channelId)} · its last ${view.runs.length === 1 ? 'run' : `${view.runs.length} runs`}, newest first`;
  const footer = context([
    `Dates are the digest's own days, times are ${escapeMrkdwn(view.timeZone)} and yours · a digest missed by more than ${view.graceMinutes} min is skipped, never sent stale · \`/occupancy digest preview ${view.digestId}\` shows the next one`,
  ]);
  if (view.runs.length === 0) {
    const words = `Digest #${view.digestId} in ${channelMention(view.channelId)} has not run yet.`;
    return message(words, [section(words), footer]);
  }
  const counts = new Map<DigestRunOutcomeView, number>();
  for (const r of view.runs) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const fallback = `Digest #${view.digestId}, last ${view.runs.length} runs: ${[...counts].map(([o, n]) => `${n} ${SHORT[o]}`).join(', ')}`;
  return message(fallback, [section(head), ...view.runs.map((r) => section(runText(r, view))), footer]);
}

/** Told once per run: what happened to it, and what to do. */
export function buildDigestRunNotice(view: DigestRunNoticeView): SlackMessage {
  const { run } = view;
  const what = run.outcome === 'skipped' ? 'was skipped' : 'could not be sent';
  const words = `Digest #${view.digestId}'s run for ${formatDay(run.localDate)} in ${channelMention(view.channelId)} ${what}: ${runWhy(run, view)}.`;
  return message(words, [
    section(words),
    context([`You get this message because you set the digest up · \`/occupancy digest history ${view.digestId}\` lists its runs`]),
  ]);
}
