import {
  ACTION_IDS,
  buildAlertMessage,
  buildAlertNoDataReply,
  buildAlertNoHistoryNotice,
  buildAlertRecoveredReply,
  buildAlertRenotifyReply,
  decodeSnoozeValue,
} from '../../../../src/slack/blocks';
import { actionsBlock, btn, chartBlock, confirm, contextBlock, opt, pt, sectionBlock } from './helpers';
import { CHART, at, episode, rule } from './fixtures';

const id7 = JSON.stringify({ id: 7 });
const snooze = (v: string) => JSON.stringify({ id: 7, snooze: v });
const status = (text: string) => ({ ...contextBlock(text), block_id: 'alert_status' });
const ACTIONS = withId(actionsBlock(
  {
    type: 'static_select',
    action_id: ACTION_IDS.snooze,
    placeholder: pt('Snooze…'),
    options: [opt('Snooze 1 hour', snooze('PT1H')), opt('Snooze 1 day', snooze('P1D')), opt('Snooze 1 week', snooze('P1W'))],
  },
  btn('Mute', ACTION_IDS.mute, id7),
  btn('Edit', ACTION_IDS.editSubscription, id7),
  btn('Unsubscribe', ACTION_IDS.unsubscribe, id7, {
    style: 'danger',
    ...confirm('Unsubscribe from rule #7?', 'You will hear nothing more from this rule.', 'Unsubscribe', 'Keep it'),
  }),
));

function withId<T extends object>(block: T): T & { block_id: string } {
  return { ...block, block_id: 'alert_actions' };
}

describe('buildAlertMessage', () => {
  it('draws the episode of messages.md', () => {
    expect(buildAlertMessage(episode())).toEqual({
      text: '🔴 DEMO building (71) was above 120 people from 10:00 to 14:00 on Tue 25 Nov (peak 143 at 12:00).',
      blocks: [
        sectionBlock('🔴 *DEMO building (71)* was above *120 people* from 10:00 to 14:00 on Tue 25 Nov (peak 143 at 12:00).'),
        chartBlock(CHART),
        status('Rule #7: above 120 for 1 h, recovers below 108 · nightly data'),
        ACTIONS,
      ],
      charts: [{ blockId: 'chart-1', chart: CHART }],
    });
  });

  it('names the group of a rule on one group in a message of several episodes too', () => {
    const earlier = [{ startMs: at('2025-11-25T09:00'), breachEndMs: at('2025-11-25T11:00'), recoveredAtMs: at('2025-11-25T11:00'), extreme: { value: 143, atMs: at('2025-11-25T10:00') } }];
    const view = episode({ rule: rule({ scope: { kind: 'building', id: 71, name: 'DEMO building', group: 'Engineering' } }), earlier });
    expect(buildAlertMessage(view).text).toMatch(/^🔴 DEMO building \(71\) · Engineering went above 120 people twice/);
  });

  it('lists the episodes of one publish in one message, as messages.md draws it', () => {
    const view = episode({
      startMs: at('2025-11-25T14:00'),
      breachEndMs: at('2025-11-25T16:00'),
      extreme: { value: 128, atMs: at('2025-11-25T15:00') },
      earlier: [{ startMs: at('2025-11-25T09:00'), breachEndMs: at('2025-11-25T11:00'), recoveredAtMs: at('2025-11-25T11:00'), extreme: { value: 143, atMs: at('2025-11-25T10:00') } }],
    });
    const msg = buildAlertMessage(view);
    expect(msg.blocks[0]).toEqual(
      sectionBlock(
        '🔴 *DEMO building (71)* went above *120 people* twice on Tue 25 Nov:\n' +
          '• from 09:00 to 11:00 (peak 143 at 10:00); back below 108 from 11:00\n' +
          '• from 14:00 to 16:00 (peak 128 at 15:00) — still above at the end of the data',
      ),
    );
    expect(msg.blocks.slice(1)).toEqual([chartBlock(CHART), status('Rule #7: above 120 for 1 h, recovers below 108 · nightly data'), ACTIONS]);
    // Closed across midnight: the day goes with each line instead of the headline.
    const closed = buildAlertMessage({ ...view, state: 'recovered', breachEndMs: at('2025-11-26T01:00'), recoveredAtMs: at('2025-11-26T02:00') });
    expect(closed.text).toBe(
      '🟢 DEMO building (71) went above 120 people twice:\n' +
        '• from 09:00 to 11:00 on Tue 25 Nov (peak 143 at 10:00); back below 108 from 11:00\n' +
        '• from 14:00 on Tue 25 Nov to 01:00 on Wed 26 Nov (peak 128 at 15:00); back below 108 from 02:00',
    );
  });

  it('is edited to start with 🟢 and "back below 108 from 14:00" on recovery', () => {
    const msg = buildAlertMessage(episode({ state: 'recovered', recoveredAtMs: at('2025-11-25T14:00') }));
    expect(msg.text).toBe('🟢 DEMO building (71) was above 120 people from 10:00 to 14:00 on Tue 25 Nov (peak 143 at 12:00); back below 108 from 14:00.');
    expect(msg.blocks[0]).toEqual(
      sectionBlock('🟢 *DEMO building (71)* was above *120 people* from 10:00 to 14:00 on Tue 25 Nov (peak 143 at 12:00); back below 108 from 14:00.'),
    );
  });

  it('tells a below rule in % across midnight, without a chart, muted', () => {
    const view = episode({
      rule: rule({ scope: { kind: 'zone', id: 5, name: 'Open desks N' }, measure: 'percent', direction: 'below', threshold: 10, recovery: 11, minBuckets: 2 }),
      startMs: at('2025-11-24T22:00'),
      breachEndMs: at('2025-11-25T02:00'),
      extreme: { value: 3.4, atMs: at('2025-11-25T01:00') },
      state: 'recovered',
      recoveredAtMs: at('2025-11-25T05:00'),
      chart: null,
      muted: true,
    });
    expect(buildAlertMessage(view)).toEqual({
      text: '🟢 Open desks N (5) was below 10% of capacity from 22:00 on Mon 24 Nov to 02:00 on Tue 25 Nov (low 3% at 01:00); back above 11% from 05:00.',
      blocks: [
        sectionBlock(
          '🟢 *Open desks N (5)* was below *10% of capacity* from 22:00 on Mon 24 Nov to 02:00 on Tue 25 Nov (low 3% at 01:00); back above 11% from 05:00.',
        ),
        status('Rule #7: below 10% for 2 h, recovers above 11% · muted · nightly data'),
        withId(actionsBlock(
          (ACTIONS.elements as unknown[])[0],
          btn('Unmute', ACTION_IDS.unmute, id7),
          (ACTIONS.elements as unknown[])[2],
          (ACTIONS.elements as unknown[])[3],
        )),
      ],
    });
  });

  it('speaks in days for daily rules and shows a snooze', () => {
    const view = episode({
      rule: rule({ granularity: 'P1D', minBuckets: 2, threshold: 100.5, recovery: 90.45 }),
      startMs: at('2025-11-24T00:00'),
      breachEndMs: at('2025-11-26T00:00'),
      extreme: { value: 130, atMs: at('2025-11-25T00:00') },
      snoozedUntilMs: at('2025-11-26T10:00'),
    });
    const msg = buildAlertMessage(view);
    expect(msg.blocks[0]).toEqual(sectionBlock('🔴 *DEMO building (71)* was above *100.5 people* from Mon 24 Nov to Tue 25 Nov (peak 130 on Tue 25 Nov).'));
    expect(msg.blocks[2]).toEqual(status('Rule #7: above 100.5 for 2 days, recovers below 90.5 · snoozed until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time) · nightly data'));
  });

  it('says when and why it was held: a snooze, by whom, until when on both clocks', () => {
    const msg = buildAlertMessage(episode({ chart: null, held: { by: 'U0ADA', untilMs: at('2025-11-26T10:00') } }));
    expect(msg.blocks[1]).toEqual({
      ...contextBlock('⏸ Held while snoozed by <@U0ADA> until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time); sent when the snooze ended.'),
      block_id: 'alert_held',
    });
    expect(msg.blocks[2]).toEqual(status('Rule #7: above 120 for 1 h, recovers below 108 · nightly data'));
    const unknown = buildAlertMessage(episode({ chart: null, held: { by: null, untilMs: at('2025-11-26T10:00') } }));
    expect(JSON.stringify(unknown.blocks[1])).toContain('"⏸ Held while snoozed until Wed 26 Nov 10:00');
  });

  it('carries snooze choices the listener can decode', () => {
    const options = (ACTIONS.elements[0] as { options: { value: string }[] }).options;
    expect(options.map((o) => decodeSnoozeValue(o.value))).toEqual([
      { id: 7, snooze: 'PT1H' },
      { id: 7, snooze: 'P1D' },
      { id: 7, snooze: 'P1W' },
    ]);
  });

  it('escapes scope names', () => {
    const msg = buildAlertMessage(episode({ rule: rule({ scope: { kind: 'building', id: 71, name: '<!channel> HQ' } }) }));
    expect(msg.text).toBe('🔴 &lt;!channel&gt; HQ (71) was above 120 people from 10:00 to 14:00 on Tue 25 Nov (peak 143 at 12:00).');
  });
});

describe('thread replies', () => {
  it('says the episode is over, so followers are notified', () => {
    const words = '🟢 Back below 108 people from 14:00 on Tue 25 Nov.';
    expect(buildAlertRecoveredReply(episode({ state: 'recovered', recoveredAtMs: at('2025-11-25T14:00') }))).toEqual({ text: words, blocks: [sectionBlock(words)] });
  });

  it('a reply released by a snooze says it was held, by whom and until when', () => {
    const view = episode({ state: 'recovered', recoveredAtMs: at('2025-11-25T14:00'), held: { by: 'U0ADA', untilMs: at('2025-11-26T10:00') } });
    expect(buildAlertRecoveredReply(view).text).toBe(
      '🟢 Back below 108 people from 14:00 on Tue 25 Nov. ⏸ Held while snoozed by <@U0ADA> until Wed 26 Nov 10:00 America/Toronto (<!date^1764169200^{date_short_pretty} {time}|Wed 26 Nov 15:00 UTC> your time); sent when the snooze ended.',
    );
  });

  it('re-notifies while it lasts', () => {
    const words = '🔴 Still above 120 people through 18:00 on Tue 25 Nov (peak 151 at 16:00).';
    const view = episode({ breachEndMs: at('2025-11-25T18:00'), extreme: { value: 151, atMs: at('2025-11-25T16:00') } });
    expect(buildAlertRenotifyReply(view)).toEqual({ text: words, blocks: [sectionBlock(words)] });
  });

  it('never calls missing data a recovery', () => {
    expect(buildAlertNoDataReply(episode(), '2025-11-25')).toEqual({
      text: "⚪ Nothing has been published for DEMO building (71) after Tue 25 Nov, so I can't tell whether it is still above 120 people. I'll keep watching; missing data never counts as recovery.",
      blocks: [
        sectionBlock(
          "⚪ Nothing has been published for *DEMO building (71)* after Tue 25 Nov, so I can't tell whether it is still above 120 people. I'll keep watching; missing data never counts as recovery.",
        ),
      ],
    });
  });

  it('uses days for daily rules', () => {
    const view = episode({ rule: rule({ granularity: 'P1D' }), state: 'recovered', recoveredAtMs: at('2025-11-26T00:00') });
    expect(buildAlertRecoveredReply(view).text).toBe('🟢 Back below 108 people from Wed 26 Nov.');
  });
});

describe('episode times around midnight', () => {
  it('says an episode that runs to midnight ends at 24:00 of its day', () => {
    const msg = buildAlertMessage(episode({ startMs: at('2025-11-25T20:00'), breachEndMs: at('2025-11-26T00:00') }));
    expect(msg.text).toContain('from 20:00 to 24:00 on Tue 25 Nov');
  });

  it('names both days when an episode crosses midnight', () => {
    const msg = buildAlertMessage(episode({ startMs: at('2025-11-25T22:00'), breachEndMs: at('2025-11-26T02:00') }));
    expect(msg.text).toContain('from 22:00 on Tue 25 Nov to 02:00 on Wed 26');
  });
});

describe('rules relative to usual', () => {
  const relative = rule({ measure: 'usual', threshold: 130, recovery: 117 });

  it('shows the bucket in people beside its usual level and the share the rule compared', () => {
    const view = episode({ rule: relative, extreme: { value: 146, atMs: at('2025-11-25T10:00'), usual: { value: 98, weeks: 4 } }, chart: null });
    const msg = buildAlertMessage(view);
    expect(msg.text).toBe('🔴 DEMO building (71) was above 130% of usual from 10:00 to 14:00 on Tue 25 Nov (peak at 10:00: 143, usual for Tue 10:00 is 98 (146%)).');
    expect(msg.blocks[1]).toEqual(status('Rule #7: above 130% of usual for 1 h, recovers below 117% of usual · nightly data'));
    const closed = episode({ ...view, state: 'recovered', recoveredAtMs: at('2025-11-25T14:00') });
    expect(buildAlertRecoveredReply(closed).text).toBe('🟢 Back below 117% of usual from 14:00 on Tue 25 Nov.');
  });

  it('names the weekday alone for daily rules, and a low for below rules', () => {
    const view = episode({
      rule: rule({ measure: 'usual', direction: 'below', threshold: 70, recovery: 77, granularity: 'P1D' }),
      startMs: at('2025-11-25T00:00'),
      breachEndMs: at('2025-11-26T00:00'),
      extreme: { value: 41, atMs: at('2025-11-25T00:00'), usual: { value: 850, weeks: 3 } },
      chart: null,
    });
    expect(buildAlertMessage(view).text).toBe('🔴 DEMO building (71) was below 70% of usual on Tue 25 Nov (low on Tue 25 Nov: 349, usual for Tue is 850 (41%)).');
  });

  it('says once that it cannot judge yet, rather than staying silent', () => {
    const view = episode({ rule: relative, startMs: at('2025-11-25T10:00'), chart: null });
    const words =
      "⚪ Rule #7 can't judge *DEMO building (71)* against its usual level yet: Tue 10:00 on Tue 25 Nov has data in 1 of the 4 weeks before it, and the usual level needs at least 2. Buckets like it are skipped, not alerted on; the rule judges each one as soon as its history is there.";
    expect(buildAlertNoHistoryNotice(view, 1)).toEqual({
      text: words.replace(/\*/g, ''),
      blocks: [sectionBlock(words), contextBlock('Rule #7: above 130% of usual for 1 h, recovers below 117% of usual · nightly data')],
    });
  });
});
