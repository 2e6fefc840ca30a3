/**
 * Alert episodes: the one message per episode (edited in place on recovery) and the replies
 * in its thread. Data is nightly, so everything is told in the past tense with its times.
 */
import { formatDay, formatLocalTime, localDateOf, type IsoDate } from '../../domain/time';
import { BASELINE_WEEKS, MIN_BASELINE_WEEKS, usualSlotText } from '../../domain/baseline';
import { dayOf, levelShort, levelText, momentText, ruleLine, ruleScopeMd, usableChart } from './format';
import { ACTION_IDS, ALERT_BLOCK_IDS } from './ids';
import { placeChart } from './chart';
import { actions, button, context, message, option, plain, section, type KnownBlock, type SlackMessage } from './kit';
import { formatCount, formatPct } from './mrkdwn';
import { encodeIdValue, encodeSnoozeValue } from './values';
import type { AlertEpisodeView, AlertHeldView, EarlierEpisodeView, RuleView } from '../../views/index';
import type { PlacedChart } from '../../ports/chat';

function measured(value: number, rule: RuleView): string {
  return rule.measure === 'people' ? formatCount(value) : formatPct(value);
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

/**
 * A relative rule's extreme in people beside its usual level: "143, usual for Tue 10:00 is 98
 * (146%)". The percentage is the one the rule compared; people are derived from it.
 */
function relativeText(view: AlertEpisodeView, usual: { value: number; weeks: number }): string {
  const people = (view.extreme.value * usual.value) / 100;
  const slot = usualSlotText(view.extreme.atMs, view.rule.granularity, view.timeZone);
  return `${formatCount(people)}, usual for ${slot} is ${formatCount(usual.value)} (${formatPct(view.extreme.value)})`;
}

function extremeText(view: AlertEpisodeView): string {
  const word = view.rule.direction === 'above' ? 'peak' : 'low';
  const usual = view.extreme.usual;
  if (usual) {
    const when = view.rule.granularity === 'P1D' ? `on ${dayOf(view.extreme.atMs, view.timeZone)}` : `at ${formatLocalTime(view.extreme.atMs, view.timeZone)}`;
    return `${word} ${when}: ${relativeText(view, usual)}`;
  }
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

/** The same view about another episode of its message. */
function about(view: AlertEpisodeView, e: EarlierEpisodeView): AlertEpisodeView {
  return { ...view, startMs: e.startMs, breachEndMs: e.breachEndMs, recoveredAtMs: e.recoveredAtMs, extreme: e.extreme, state: 'recovered', earlier: [] };
}

/**
 * One publish, several episodes: "went above 130 people twice on Wed 25 Nov", then a line per
 * episode with its times and peak, the last one open or over.
 */
function groupedSentence(view: AlertEpisodeView): string {
  const { rule } = view;
  const all = [...(view.earlier ?? []).map((e) => about(view, e)), view];
  const n = all.length;
  const days = new Set(all.flatMap((v) => [localDateOf(v.startMs, view.timeZone), localDateOf(v.breachEndMs - 1, view.timeZone)]));
  const oneDay = days.size === 1 && rule.granularity === 'PT1H' ? ` on ${dayOf(view.startMs, view.timeZone)}` : '';
  const lines = all.map((v) => {
    const full = episodeSpan(v);
    const span = oneDay && full.endsWith(oneDay) ? full.slice(0, -oneDay.length) : full;
    const end =
      v.state === 'recovered' && v.recoveredAtMs !== null
        ? `; back ${safeSide(rule)} ${levelShort(rule.recovery, rule.measure)} from ${recoveryTime(v, v.recoveredAtMs)}`
        : ` — still ${rule.direction} at the end of the data`;
    return `• ${span} (${extremeText(v)})${end}`;
  });
  const count = n === 2 ? 'twice' : `${n} times`;
  return `*${ruleScopeMd(rule.scope)}* went ${rule.direction} *${levelText(rule.threshold, rule.measure)}* ${count}${oneDay}:\n${lines.join('\n')}`;
}

/** The message's sentence: one episode, or all those of its publish. */
function messageSentence(view: AlertEpisodeView): string {
  return view.earlier && view.earlier.length > 0 ? groupedSentence(view) : episodeSentence(view);
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
  return actions(
    [
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
    ],
    ALERT_BLOCK_IDS.actions,
  );
}

export function ruleStatus(view: { rule: RuleView; timeZone: string; muted: boolean; snoozedUntilMs: number | null }): string {
  const parts = [ruleLine(view.rule)];
  if (view.muted) parts.push('muted');
  else if (view.snoozedUntilMs !== null) parts.push(`snoozed until ${momentText(view.snoozedUntilMs, view.timeZone)}`);
  return parts.join(' · ');
}

/** The status line under an alert: its rule, muted or snoozed, nightly data. */
export function alertStatusLine(view: { rule: RuleView; timeZone: string; muted: boolean; snoozedUntilMs: number | null }): KnownBlock {
  return context([`${ruleStatus(view)} · nightly data`], ALERT_BLOCK_IDS.status);
}

/** "Held while snoozed by @ada until …": why an alert arrives after the fact. */
function heldWords(held: AlertHeldView, zone: string): string {
  if (held.quiet) {
    return `⏸ Held during the rule's quiet hours (${held.quiet.start}–${held.quiet.end} ${held.quiet.zone}) until ${momentText(held.untilMs, zone)}; sent when they ended.`;
  }
  const by = held.by === null ? '' : ` by <@${held.by}>`;
  return `⏸ Held while snoozed${by} until ${momentText(held.untilMs, zone)}; sent when the snooze ended.`;
}

function heldLine(held: AlertHeldView, zone: string): KnownBlock {
  return context([heldWords(held, zone)], ALERT_BLOCK_IDS.held);
}

/** A thread reply released by a snooze says so too: followers hear it from the reply. */
function threadReply(text: string, view: AlertEpisodeView): SlackMessage {
  return reply(view.held ? `${text} ${heldWords(view.held, view.timeZone)}` : text);
}

export function buildAlertMessage(view: AlertEpisodeView): SlackMessage {
  const emoji = view.state === 'recovered' ? '🟢' : '🔴';
  const sentence = messageSentence(view);
  const blocks: KnownBlock[] = [section(`${emoji} ${sentence}`)];
  const charts: PlacedChart[] = [];
  const chart = usableChart(view.chart);
  if (chart !== null) blocks.push(placeChart(chart, charts));
  if (view.held) blocks.push(heldLine(view.held, view.timeZone));
  blocks.push(alertStatusLine(view), alertActions(view.rule, view.muted));
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
  return threadReply(`🟢 Back ${safeSide(rule)} ${levelText(rule.recovery, rule.measure)} ${when}.`, view);
}

/** Thread reply while an episode lasts past the re-notify interval. */
export function buildAlertRenotifyReply(view: AlertEpisodeView): SlackMessage {
  const rule = view.rule;
  const last = view.breachEndMs;
  const through = rule.granularity === 'P1D' ? `through ${dayOf(last - 1, view.timeZone)}` : `through ${formatLocalTime(last, view.timeZone)} on ${dayOf(last - 1, view.timeZone)}`;
  return threadReply(`🔴 Still ${rule.direction} ${levelText(rule.threshold, rule.measure)} ${through} (${extremeText(view)}).`, view);
}

/** Thread reply when the nightly publish is late: the episode stays open. */
export function buildAlertNoDataReply(view: AlertEpisodeView, lastPublished: IsoDate): SlackMessage {
  const rule = view.rule;
  return reply(
    `⚪ Nothing has been published for *${ruleScopeMd(rule.scope)}* after ${formatDay(lastPublished)}, so I can't tell whether it is still ${rule.direction} ${levelText(rule.threshold, rule.measure)}. I'll keep watching; missing data never counts as recovery.`,
  );
}

/**
 * A rule relative to usual cannot judge yet: told once, as its own message, so a quiet rule is
 * never mistaken for a calm building.
 */
export function buildAlertNoHistoryNotice(view: AlertEpisodeView, weeks: number): SlackMessage {
  const rule = view.rule;
  const slot = usualSlotText(view.startMs, rule.granularity, view.timeZone);
  const text =
    `⚪ Rule #${rule.id} can't judge *${ruleScopeMd(rule.scope)}* against its usual level yet: ` +
    `${slot} on ${dayOf(view.startMs, view.timeZone)} has data in ${weeks} of the ${BASELINE_WEEKS} weeks before it, and the usual level needs at least ${MIN_BASELINE_WEEKS}. ` +
    `Buckets like it are skipped, not alerted on; the rule judges each one as soon as its history is there.`;
  return message(text, [section(text), context([`${ruleLine(rule)} · nightly data`])]);
}
