/**
 * Alert episodes: the one message per episode (edited in place on recovery) and the replies
 * in its thread. Data is nightly, so everything is told in the past tense with its times.
 */
import { formatDay, formatLocalTime, localDateOf, type IsoDate } from '../../domain/time';
import { dayOf, levelShort, levelText, momentText, ruleLine, ruleScopeMd, usableChart } from './format';
import { ACTION_IDS } from './ids';
import { placeChart } from './chart';
import { actions, button, context, message, option, plain, section, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct } from './mrkdwn';
import { encodeIdValue, encodeSnoozeValue } from './values';
import type { AlertEpisodeView, RuleView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';

function measured(value: number, rule: RuleView): string {
  return rule.measure === 'percent' ? formatPct(value) : formatCount(value);
}

function safeSide(rule: RuleView): 'above' | 'below' {
  return rule.direction === 'above' ? 'below' : 'above';
}

/** "from 10:00 to 14:00 on Tue 25 Nov", across midnight with both days; days only at P1D. */
export function episodeSpan(view: AlertEpisodeView): string {
  const zone = view.timeZone;
  const startDay = localDateOf(view.startMs, zone);
  if (view.rule.granularity === 'P1D') {
    const lastDay = localDateOf(view.breachEndMs - 1, zone);
    return lastDay === startDay ? `on ${formatDay(startDay)}` : `from ${formatDay(startDay)} to ${formatDay(lastDay)}`;
  }
  const endDay = localDateOf(view.breachEndMs - 1, zone);
  const start = formatLocalTime(view.startMs, zone);
  // An episode that runs to midnight ends "at 24:00" of its day, not "00:00" of the same day.
  const end = localDateOf(view.breachEndMs, zone) !== endDay ? '24:00' : formatLocalTime(view.breachEndMs, zone);
  return endDay === startDay
    ? `from ${start} to ${end} on ${formatDay(startDay)}`
    : `from ${start} on ${formatDay(startDay)} to ${end} on ${dayOf(view.breachEndMs, zone)}`;
}

function extremeText(view: AlertEpisodeView): string {
  const word = view.rule.direction === 'above' ? 'peak' : 'low';
  const value = measured(view.extreme.value, view.rule);
  if (view.rule.granularity === 'P1D') return `${word} ${value} on ${dayOf(view.extreme.atMs, view.timeZone)}`;
  return `${word} ${value} at ${formatLocalTime(view.extreme.atMs, view.timeZone)}`;
}

/** "14:00", or "00:00 on Wed 26 Nov" when recovery came on a later day; the day alone at P1D. */
function recoveryTime(view: AlertEpisodeView, at: number): string {
  const zone = view.timeZone;
  if (view.rule.granularity === 'P1D') return dayOf(at, zone);
  const sameDay = localDateOf(at, zone) === localDateOf(view.breachEndMs - 1, zone);
  return sameDay ? formatLocalTime(at, zone) : `${formatLocalTime(at, zone)} on ${dayOf(at, zone)}`;
}

/** The headline sentence, without the status emoji. */
export function episodeSentence(view: AlertEpisodeView): string {
  const { rule } = view;
  const base = `*${ruleScopeMd(rule.scope)}* was ${rule.direction} *${levelText(rule.threshold, rule.measure)}* ${episodeSpan(view)} (${extremeText(view)})`;
  if (view.state === 'recovered' && view.recoveredAtMs !== null) {
    return `${base}; back ${safeSide(rule)} ${levelShort(rule.recovery, rule.measure)} from ${recoveryTime(view, view.recoveredAtMs)}.`;
  }
  return `${base}.`;
}

/**
 * "Send a test alert": what the rule's message looks like where it goes, marked as a test in
 * its first words and its last line, with no buttons (pressing them would change the real rule).
 */
export function buildTestAlertMessage(view: AlertEpisodeView, sentBy: string): SlackMessage {
  const lead = `🧪 *Test alert for rule #${view.rule.id}* — a sample with made-up figures; nothing crossed the line.`;
  const sample = `🔴 ${episodeSentence(view)}`;
  return message(`🧪 Test alert for rule #${view.rule.id} (made-up figures): ${episodeSentence(view)}`, [
    section(lead),
    section(sample),
    context([`${ruleLine(view.rule)} · sent as a test by <@${sentBy}>; real alerts look like this, with a chart and buttons`]),
  ]);
}

export function alertActions(rule: RuleView, muted: boolean): KnownBlock {
  const id = encodeIdValue(rule.id);
  return actions([
    {
      type: 'static_select',
      action_id: ACTION_IDS.snooze,
      placeholder: plain('Snooze…', 150),
      options: [
        option('Snooze 1 hour', encodeSnoozeValue({ id: rule.id, snooze: 'PT1H' })),
        option('Snooze 1 day', encodeSnoozeValue({ id: rule.id, snooze: 'P1D' })),
        option('Snooze 1 week', encodeSnoozeValue({ id: rule.id, snooze: 'P1W' })),
      ],
    },
    muted ? button('Unmute', ACTION_IDS.unmute, id) : button('Mute', ACTION_IDS.mute, id),
    button('Edit', ACTION_IDS.editSubscription, id),
    button('Unsubscribe', ACTION_IDS.unsubscribe, id, {
      style: 'danger',
      confirm: { title: `Unsubscribe from rule #${rule.id}?`, text: 'You will hear nothing more from this rule.', confirm: 'Unsubscribe', deny: 'Keep it' },
    }),
  ]);
}

export function ruleStatus(view: { rule: RuleView; timeZone: string; muted: boolean; snoozedUntilMs: number | null }): string {
  const parts = [ruleLine(view.rule)];
  if (view.muted) parts.push('muted');
  else if (view.snoozedUntilMs !== null) parts.push(`snoozed until ${momentText(view.snoozedUntilMs, view.timeZone)}`);
  return parts.join(' · ');
}

export function buildAlertMessage(view: AlertEpisodeView): SlackMessage {
  const emoji = view.state === 'recovered' ? '🟢' : '🔴';
  const sentence = episodeSentence(view);
  const blocks: KnownBlock[] = [section(`${emoji} ${sentence}`)];
  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  blocks.push(context([`${ruleStatus(view)} · nightly data`]), alertActions(view.rule, view.muted));
  return message(`${emoji} ${sentence}`, blocks, charts);
}

function reply(text: string): SlackMessage {
  return message(text, [section(text)]);
}

/** Thread reply when the episode ends (the parent message is edited too). */
export function buildAlertRecoveredReply(view: AlertEpisodeView): SlackMessage {
  const at = view.recoveredAtMs ?? view.breachEndMs;
  const rule = view.rule;
  const when = rule.granularity === 'P1D' ? `from ${dayOf(at, view.timeZone)}` : `from ${formatLocalTime(at, view.timeZone)} on ${dayOf(at, view.timeZone)}`;
  return reply(`🟢 Back ${safeSide(rule)} ${levelText(rule.recovery, rule.measure)} ${when}.`);
}

/** Thread reply while an episode lasts past the re-notify interval. */
export function buildAlertRenotifyReply(view: AlertEpisodeView): SlackMessage {
  const rule = view.rule;
  const last = view.breachEndMs;
  const through = rule.granularity === 'P1D' ? `through ${dayOf(last - 1, view.timeZone)}` : `through ${formatLocalTime(last, view.timeZone)} on ${dayOf(last - 1, view.timeZone)}`;
  return reply(`🔴 Still ${rule.direction} ${levelText(rule.threshold, rule.measure)} ${through} (${extremeText(view)}).`);
}

/** Thread reply when the nightly publish is late: the episode stays open. */
export function buildAlertNoDataReply(view: AlertEpisodeView, lastPublished: IsoDate): SlackMessage {
  const rule = view.rule;
  return reply(
    `⚪ Nothing has been published for *${ruleScopeMd(rule.scope)}* after ${formatDay(lastPublished)}, so I can't tell whether it is still ${rule.direction} ${levelText(rule.threshold, rule.measure)}. I'll keep watching; missing data never counts as recovery.`,
  );
}
