import { DateTime } from 'luxon';
import { SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { createTestWorld } from '../app/harness';
import { GENERAL, GRACE, advanceTo, botPosts, command, dmOf, formValues, startAlertApp, textOf, type AlertTestApp } from './support';
import { PATIENCE_MS } from '../../support/patience';

/**
 * Rules relative to usual through the real app: building 71 (DEMO, America/Toronto) in the
 * simulator. The usual level the test expects is worked out here from the simulator's own
 * published buckets (the mean of the 4 Wednesdays before), so the test does not depend on the
 * simulator's shapes.
 */
const ZONE = 'America/Toronto';
const WEDNESDAYS = ['2026-10-28', '2026-11-04', '2026-11-11', '2026-11-18'];

/** People per local hour ("HH:mm") of one local day of building 71, sites summed. */
async function hoursOf(t: Pick<AlertTestApp, 'app'>, date: string): Promise<Map<string, number>> {
  const partition = Number(date.replace(/-/g, ''));
  const rows = await t.app.innerspace.buildingInsights({ ids: [71], from: partition, to: partition, granularity: 'PT1H', timeZone: ZONE });
  const out = new Map<string, number>();
  for (const r of rows) {
    const hour = DateTime.fromMillis(r.start, { zone: ZONE }).toFormat('HH:mm');
    out.set(hour, (out.get(hour) ?? 0) + r.occupancyMean);
  }
  return out;
}

describe('alerts relative to usual: through the real app', () => {
  let t: AlertTestApp;
  let peak: { hour: string; people: number; usual: number; pct: number };
  let threshold: number;

  beforeAll(async () => {
    t = await startAlertApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it('works out from published data which hour of Wed 25 Nov stood highest against its usual level', async () => {
    // What the next publish will hold, read by an app of its own a day ahead (clocks only move forward).
    const ahead = await startAlertApp({ world: await createTestWorld({ start: Date.parse('2026-11-26T10:00:00Z') }) });
    let day: Map<string, number>;
    let weeks: Map<string, number>[];
    try {
      day = await hoursOf(ahead, '2026-11-25');
      weeks = await Promise.all(WEDNESDAYS.map((d) => hoursOf(ahead, d)));
    } finally {
      await ahead.world.close();
    }
    let best: typeof peak | null = null;
    for (const [hour, people] of day) {
      const seen = weeks.map((w) => w.get(hour)).filter((v): v is number => v !== undefined);
      expect(seen).toHaveLength(4);
      const usual = seen.reduce((a, b) => a + b, 0) / seen.length;
      if (usual <= 0) continue;
      const pct = (people / usual) * 100;
      if (!best || pct > best.pct) best = { hour, people, usual, pct };
    }
    expect(best).not.toBeNull();
    peak = best!;
    // Just under the highest share: the rule must fire on it.
    threshold = Math.floor(peak.pct) - 1;
    expect(threshold).toBeGreaterThan(0);
  });

  it('`subscribe … above N% of usual` saves a relative rule and backtests it against each bucket\'s own 4 weeks', async () => {
    const before = t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0;
    const reply = await command(t, GRACE, GENERAL, `subscribe building 71 above ${threshold}% of usual`);
    expect(reply.text).toContain('Alert #1 is set up for DEMO (71), sent to you by direct message');
    expect(reply.text).toContain(`Rule #1: above ${threshold}% of usual for 1 h, recovers below`);
    expect(textOf(reply.blocks)).toMatch(/Backtest:\* Over the last 30 published days this rule would/);
    expect(textOf(reply.blocks)).not.toContain('too little history');
    // The 30 days and their 4 weeks of history in one query.
    expect((t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0) - before).toBe(1);
    expect(await t.app.store.subscriptions.get('T0LOCAL', 1)).toMatchObject({ thresholdKind: 'relative', measure: 'people', threshold });
  });

  it('after the publish: fires with the bucket, its usual level and the share in the message', async () => {
    advanceTo(t, '2026-11-26T10:00:00Z');
    const before = t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0;
    const report = await t.app.alerts.tick();
    expect(report.upstreamQueries).toBe(1);
    expect(report.baselineQueries).toBe(1);
    // The new buckets, then the same Wednesday in each of the 4 weeks before (one document).
    expect((t.app.simulator!.stats.rootFields.BUILDING_INSIGHTS ?? 0) - before).toBe(5);
    expect(report.fired).toBeGreaterThanOrEqual(1);
    const posts = botPosts(t, dmOf(t, GRACE));
    const words = `peak at ${peak.hour}: ${Math.round(peak.people)}, usual for Wed ${peak.hour} is ${Math.round(peak.usual)} (${Math.round(peak.pct)}%)`;
    const alert = posts.find((p) => p.text.includes(words));
    expect(alert).toBeDefined();
    expect(alert!.text).toMatch(new RegExp(`^🔴|^🟢`));
    expect(alert!.text).toContain(`DEMO (71) was above ${threshold}% of usual`);
    expect(textOf(alert!.blocks)).toContain(`Rule #1: above ${threshold}% of usual`);
    expect(posts.some((p) => p.text.includes("can't judge"))).toBe(false);
  });

  it('a second check over the same data sends nothing and asks for no history', async () => {
    const posted = t.slack.callsTo('chat.postMessage').length;
    const report = await t.app.alerts.tick();
    expect(report.baselineQueries).toBe(0);
    expect(t.slack.callsTo('chat.postMessage')).toHaveLength(posted);
  });

  it('the form offers % of usual and saves it as a relative rule, with its backtest', async () => {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    expect(res.status).toBe(200);
    await t.slack.waitForCall('views.open', undefined, PATIENCE_MS);
    const view = t.slack.state.views.stack(GRACE).at(-1)!;
    view.stateValues = formValues({ id: '71', measure: 'usual', direction: 'below', threshold: '70' });
    const updates = t.slack.callsTo('views.update').length;
    await t.driver.blockAction(GRACE, undefined, { viewId: view.id }, { action_id: F.threshold.actionId, type: 'number_input', value: '70' });
    await t.slack.waitFor(() => t.slack.callsTo('views.update').filter((c) => c.response !== undefined).length > updates, PATIENCE_MS);
    const blocks = (t.slack.state.views.get(view.id)?.definition.blocks ?? []) as { block_id?: string; text?: { text: string } }[];
    expect(blocks.find((b) => b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID)?.text?.text).toMatch(/^\*Backtest:\* Over the last 30 published days this rule would/);
    expect(JSON.stringify(blocks)).toContain('"initial_option":{"text":{"type":"plain_text","text":"% of usual (same weekday and hour, last 4 weeks)"},"value":"usual"}');

    const saved = await t.driver.viewSubmission(GRACE, view.id, formValues({ id: '71', measure: 'usual', direction: 'below', threshold: '70' }));
    expect(saved.status).toBe(200);
    expect(saved.body).toBeUndefined();
    const sub = await t.slack.waitFor(async () => t.app.store.subscriptions.get('T0LOCAL', 2), PATIENCE_MS);
    expect(sub).toMatchObject({ thresholdKind: 'relative', measure: 'people', direction: 'below', threshold: 70, recovery: 77 });
  });

  it('the form refuses a share of usual out of range, in the ack', async () => {
    await t.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    const view = await t.slack.waitFor(() => t.slack.state.views.stack(GRACE).at(-1), PATIENCE_MS);
    const res = await t.driver.viewSubmission(GRACE, view.id, formValues({ id: '71', measure: 'usual', threshold: '5000' }));
    const body = res.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors[F.threshold.blockId]).toBe('Enter a percentage of the usual level above 0 and at most 1000, e.g. 130.');
  });
});

describe('alerts relative to usual: too little history', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    // The simulator's history begins on Mon 1 Jan 2024: a week later, no hour has 2 weeks before it.
    t = await startAlertApp({ world: await createTestWorld({ start: Date.parse('2024-01-10T15:00:00Z') }) });
  });
  afterAll(async () => {
    await t.world.close();
  });

  it('the backtest says there is too little history instead of "would not have alerted"', async () => {
    const reply = await command(t, GRACE, GENERAL, 'subscribe building 71 above 130% of usual');
    expect(textOf(reply.blocks)).toContain('too little history to judge this rule');
    expect(textOf(reply.blocks)).not.toContain('would not have alerted');
  });

  it('the check says so once, in a message of its own, and fires nothing', async () => {
    advanceTo(t, '2024-01-11T10:00:00Z');
    const first = await t.app.alerts.tick();
    expect(first.fired).toBe(0);
    const posts = botPosts(t, dmOf(t, GRACE));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toMatch(/^⚪ Rule #1 can't judge DEMO \(71\) against its usual level yet: Wed \d\d:00 on Wed 10 Jan has data in 1 of the 4 weeks before it, and the usual level needs at least 2\./);

    advanceTo(t, '2024-01-12T10:00:00Z');
    const second = await t.app.alerts.tick();
    expect(second.fired).toBe(0);
    expect(botPosts(t, dmOf(t, GRACE))).toHaveLength(1);
    // The check moved on over those hours: nothing is read again, and the rule is not "late".
    const state = await t.app.store.alertStates.get(1);
    expect(state?.state).toBe('OK');
    expect(state?.evaluatedThrough).toBeGreaterThan(Date.parse('2024-01-12T00:00:00Z'));
  });
});
