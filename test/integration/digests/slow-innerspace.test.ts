/**
 * The digest form with an InnerSpace slower than Slack's trigger window: it opens at once
 * (the trigger_id lasts 3 s) and fills in when the building list arrives.
 */
import { PATIENCE_MS } from '../../support/patience';
import type { SlackDriver } from '../../../dev/slack';
import type { AppUnderTest } from '../app/harness';
import { createDigestWorld, USERS, type DigestWorld } from './app-harness';

/** Longer than the 3 s a trigger_id lasts. */
const LATENCY_MS = 3500;

describe('the digest form with a slow InnerSpace', () => {
  let world: DigestWorld;
  let app: AppUnderTest;
  let driver: SlackDriver;

  beforeAll(async () => {
    world = await createDigestWorld();
    // Patient enough for the slow answers: the point is the trigger window, not timeouts.
    ({ app, driver } = await world.start({ INNERSPACE_TIMEOUT_MS: '20000', INNERSPACE_DEADLINE_MS: '40000' }));
    app.simulator!.setFaults({ latencyMs: LATENCY_MS });
  });
  afterAll(async () => {
    await world.close();
  });

  it('opens at once as a loading frame, then shows the building picker once InnerSpace answered', async () => {
    const asked = app.simulator!.stats.graphqlRequests;
    const res = await driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest');
    expect(res.status).toBe(200);
    const open = await world.slack.waitForCall('views.open', undefined, PATIENCE_MS);
    expect(open.response).toMatchObject({ ok: true });
    const viewId = (open.response as { view: { id: string } }).view.id;
    expect(JSON.stringify(open.args.view)).toContain('Loading the form');

    const filled = await world.slack.waitFor(() => {
      const def = world.slack.state.views.get(viewId)?.definition;
      return def?.submit !== undefined && def;
    }, 30_000);
    const blocks = JSON.stringify(filled.blocks);
    expect(blocks).toContain('"initial_conversation":"C0FACILITY"');
    // The type-ahead picker, not the typed-ids fallback: the directory came, from the slow
    // InnerSpace, after the form had opened; the menu then finds names in it.
    expect(blocks).toContain('"type":"multi_external_select","action_id":"digest_buildings_input"');
    const found = await driver.blockSuggestion(USERS.grace, viewId, 'digest_buildings_input', 'dem');
    expect(JSON.stringify(found)).toContain('DEMO (71)');
    expect(app.simulator!.stats.graphqlRequests).toBeGreaterThan(asked);
    // The view changes before its call is answered: wait for the answer, not just the change.
    await world.slack.waitForCall('views.update', undefined, PATIENCE_MS);
    expect(world.slack.callsTo('views.open').map((c) => c.response?.ok)).toEqual([true]);
    expect(world.slack.callsTo('views.update').map((c) => c.response?.ok)).toEqual([true]);
    // Nobody was told to try again.
    expect(world.slack.callsTo('chat.postEphemeral')).toEqual([]);
  });
});
