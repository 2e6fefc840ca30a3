/**
 * What an answer costs upstream, counted at the simulator (every GraphQL HTTP request it got)
 * once the answer has arrived: reference data in one document, each answer in one more.
 */
import { SIM_DATASET } from '../../../dev/simulator';
import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

describe('upstream round trips per answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const requests = () => t.app.simulator!.stats.graphqlRequests;

  async function ask(text: string): Promise<{ json: string; cost: number }> {
    const before = requests();
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', text);
    expect(res.status).toBe(200);
    const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    return { json: JSON.stringify(post.body), cost: requests() - before };
  }

  it('a cold answer takes two documents (the estate, then the day), a warm one none', async () => {
    const cold = await ask('building 71');
    expect(cold.json).toContain('DEMO');
    expect(cold.json).toContain('Tue 24 Nov');
    expect(cold.cost).toBe(2);
    const roots = t.app.simulator!.stats.rootFields;
    // The estate once: every reference root in the first document.
    for (const root of ['BUILDING', 'SITE', 'FLOOR', 'ZONE']) expect(roots[root]).toBe(1);
    // The latest-day lookup, the day and the week-earlier day.
    expect(roots.BUILDING_INSIGHTS).toBe(3);

    expect((await ask('building 71')).cost).toBe(0);
  });

  it('with the estate known, an answer for another day or building is one document', async () => {
    const dated = await ask('building 71 2026-11-10');
    expect(dated.json).toContain('Tue 10 Nov');
    expect(dated.cost).toBe(1);
    expect((await ask('building 71 2026-11-10')).cost).toBe(0);

    const other = await ask('building 104');
    expect(other.json).toContain('Southwark Works');
    expect(other.cost).toBe(1);
  });

  it('a zone answer and a zones ranking are one document each', async () => {
    const zone = SIM_DATASET.zones.find((z) => z.buildingId === 71)!;
    const z = await ask(`zone ${zone.id} 2026-11-18`);
    expect(z.json).toContain(zone.name);
    expect(z.cost).toBe(1);
    const ranking = await ask('zones 71 2026-11-19');
    expect(ranking.json).toContain(zone.name);
    expect(ranking.cost).toBe(1);
  });
});
