/**
 * Two instances of the real app (HTTP, signed requests) on one PostgreSQL database, one fake
 * Slack and one InnerSpace simulator, as two replicas behind a load balancer: any request may
 * land on either, and the scheduled work is shared, never doubled.
 */
import { DateTime } from 'luxon';
import { startSimulator, type RunningSimulator } from '../../../dev/simulator';
import type { SlackDriver } from '../../../dev/slack';
import { slotInstant } from '../../../src/services/digests';
import { SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import { botPosts, dmOf, formValues, GENERAL, GRACE, QUIET_CRON } from '../alerts/support';
import { createTestWorld, TEST_NOW, type AppUnderTest, type TestWorld } from '../app/harness';
import { PATIENCE_MS } from '../../support/patience';
import { simulatorEnv } from '../../support/bot-process';
import { testDatabase, type TestDatabase } from '../../support/postgres';

const TORONTO = 'America/Toronto';
const INSIGHT_ROOTS = ['BUILDING_INSIGHTS', 'ZONE_INSIGHTS'];

describe('two replicas of the app on one PostgreSQL database', () => {
  let world: TestWorld;
  let sim: RunningSimulator;
  let db: TestDatabase;
  let a: { app: AppUnderTest; driver: SlackDriver };
  let b: { app: AppUnderTest; driver: SlackDriver };

  beforeAll(async () => {
    world = await createTestWorld();
    sim = await startSimulator({ clock: () => new Date(world.clock.now()) });
    db = await testDatabase();
    const env = (replica: string) => ({
      DATABASE_URL: db.url, REPLICA_ID: replica, REPLICA_LEASE_SECONDS: '5', ALERT_CHECK_CRON: QUIET_CRON,
      ...simulatorEnv(sim),
    });
    a = await world.start(env('replica-a'));
    b = await world.start(env('replica-b'));
  });

  afterAll(async () => {
    await world?.close();
    await sim?.close();
    await db?.drop();
  });

  const insightQueries = () => INSIGHT_ROOTS.reduce((n, r) => n + (sim.stats.rootFields[r] ?? 0), 0);

  it('an answer given by one replica is moved to the previous day by the other', async () => {
    const res = await a.driver.command(GRACE, GENERAL, '/occupancy', 'building 71');
    await world.slack.waitForResponse(res.responseUrlId, (r) => JSON.stringify(r.body).includes('occupancy_prev_day'), PATIENCE_MS);
    const answer = world.slack.state.messagesFor(GENERAL, GRACE).find((m) => JSON.stringify(m).includes('occupancy_prev_day'))!;
    const prev = await b.driver.blockAction(GRACE, GENERAL, { messageTs: answer.ts }, { action_id: 'occupancy_prev_day' });
    expect(prev.status).toBe(200);
    const moved = await world.slack.waitForResponse(prev.responseUrlId, undefined, PATIENCE_MS);
    expect(JSON.stringify(moved.body)).toContain('Mon 23 Nov');
  });

  it('a form opened through one replica is redrawn and saved through the other', async () => {
    const res = await a.driver.command(GRACE, GENERAL, '/occupancy', 'subscribe');
    expect(res.status).toBe(200);
    await world.slack.waitForCall('views.open', (c) => c.response?.ok === true, PATIENCE_MS);
    const view = world.slack.state.views.stack(GRACE).at(-1)!;
    view.stateValues = formValues({ id: '71', threshold: '130' });
    const updates = world.slack.callsTo('views.update').filter((c) => c.response?.ok).length;
    // Typing the threshold: the redraw (with its live backtest) lands on the other replica.
    const typed = await b.driver.blockAction(GRACE, undefined, { viewId: view.id }, { action_id: F.threshold.actionId, type: 'number_input', value: '130' });
    expect(typed.status).toBe(200);
    await world.slack.waitFor(() => world.slack.callsTo('views.update').filter((c) => c.response?.ok).length > updates, PATIENCE_MS);
    const redrawn = JSON.stringify(world.slack.state.views.get(view.id)!.definition.blocks);
    expect(redrawn).toMatch(/this rule would have alerted \d+ times/);
    expect(redrawn).toContain('Default: 117.');
    // And the submission on the first again.
    const saved = await a.driver.viewSubmission(GRACE, view.id, formValues({ id: '71', threshold: '130' }));
    expect(saved.status).toBe(200);
    expect(world.slack.state.views.stack(GRACE)).toHaveLength(0);
    // Saved after the ack (the backtest and the confirmation take a moment).
    const deadline = Date.now() + PATIENCE_MS;
    let rules = await b.app.store.subscriptions.listByUser('T0LOCAL', GRACE);
    while (rules.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      rules = await b.app.store.subscriptions.listByUser('T0LOCAL', GRACE);
    }
    expect(rules.map((r) => [r.scopeId, r.direction, r.threshold])).toEqual([[71, 'above', 130]]);
    await b.app.store.subscriptions.delete('T0LOCAL', rules[0]!.id);
  });

  it('a scheduled alert check is shared: each scope queried once across both, each notification sent once', async () => {
    for (const text of ['subscribe building 71 below 5 for 2h recover above 50', 'subscribe building 104 above 100 recover below 90', 'subscribe building 118 below 5 for 2h recover above 50']) {
      const res = await a.driver.command(GRACE, GENERAL, '/occupancy', text);
      await world.slack.waitForResponse(res.responseUrlId, (r) => String((r.body as { text?: string }).text ?? '').includes('Alert #'), PATIENCE_MS);
    }
    // Wednesday has been published everywhere; both replicas' timers fire for the same tick.
    world.clock.set(Date.parse('2026-11-26T23:00:00Z'));
    const before = insightQueries();
    const tick = '2026-11-26T23:00:00.000Z';
    const [ra, rb] = await Promise.all([a.app.alerts.tick(tick), b.app.alerts.tick(tick)]);
    expect(ra.scopes + rb.scopes).toBe(6);
    expect(ra.scopesElsewhere + rb.scopesElsewhere).toBe(3);
    expect(ra.upstreamQueries + rb.upstreamQueries).toBe(3);
    expect(insightQueries() - before).toBe(3);
    const dm = dmOf(world, GRACE);
    const texts = botPosts(world, dm).map((p) => p.text);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);

    // The same tick again, on either: already checked, so nothing is queried or sent.
    const posted = world.slack.callsTo('chat.postMessage').length;
    const again = await b.app.alerts.tick(tick);
    expect(again.scopesElsewhere).toBe(3);
    expect(insightQueries() - before).toBe(3);
    expect(world.slack.callsTo('chat.postMessage')).toHaveLength(posted);
  });

  it('digests due together in one channel are shared out and paced as one: one post per turn, each once', async () => {
    world.slack.rateLimit('chat.postMessage', 1);
    const day = DateTime.fromMillis(world.clock.now(), { zone: TORONTO }).plus({ days: 1 }).toISODate()!;
    const due = slotInstant(day, '09:00', TORONTO);
    const ids: number[] = [];
    for (const building of [71, 104, 118, 131, 71, 104]) {
      const d = await a.app.store.digests.create({
        teamId: 'T0LOCAL', channelId: GENERAL, createdBy: GRACE, buildingIds: [building], timeOfDay: '09:00', days: [1, 2, 3, 4, 5, 6, 7],
        timeZone: TORONTO, options: { chart: false, topZones: false, perFloor: false, weekOverWeek: false, skipWhenNoData: false },
      });
      ids.push(d.id);
    }
    world.clock.set(due + 5_000);
    const since = world.slack.callsTo('chat.postMessage').length;
    // Each replica's minute timer may join in; the store says what happened, not the reports.
    await Promise.all([a.app.digests.runDue(), b.app.digests.runDue()]);
    for (const id of ids) expect(await b.app.store.digestRuns.get(id, day)).toMatchObject({ state: 'sent' });
    const owners = await Promise.all(ids.map(async (id) => (await b.app.store.digestRuns.get(id, day))!.owner));
    expect(owners.every((o) => o === 'replica-a' || o === 'replica-b')).toBe(true);
    const attempts = world.slack.callsTo('chat.postMessage').slice(since).filter((c) => c.args.channel === GENERAL);
    const accepted = attempts.filter((c) => c.status === 200);
    expect(accepted).toHaveLength(6);
    expect(new Set(accepted.map((c) => (c.response as { ts?: string }).ts)).size).toBe(6);
    // Paced as one process paces: the turns are a second apart, whichever replica takes them
    // (each pacing alone would send two at a time and have half refused).
    const gaps = attempts.slice(1).map((c, i) => c.at - attempts[i]!.at).sort((x, y) => x - y);
    expect(gaps[Math.floor(gaps.length / 2)]!).toBeGreaterThanOrEqual(800);
    world.slack.rateLimit('chat.postMessage', 0);
  });

  it('both replicas report the shared store as healthy', async () => {
    for (const r of [a, b]) {
      const health = (await (await fetch(`http://127.0.0.1:${r.app.port}/healthz`)).json()) as { store: unknown };
      expect(health.store).toMatchObject({ engine: 'postgres', ok: true, migrations: 'current' });
    }
    expect(TEST_NOW).toBeLessThan(world.clock.now());
  });
});
