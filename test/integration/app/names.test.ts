/**
 * Names where ids go, through the real app over signed HTTP against the simulator's directory:
 * a name answers as its id does, an ambiguous one offers its candidates as buttons that answer
 * in place, a miss suggests the nearest names; resolving costs nothing upstream once the
 * directory is cached.
 */
import { SIM_DATASET } from '../../../dev/simulator';
import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

interface Body {
  text: string;
  blocks: { type: string; block_id?: string; accessory?: { action_id: string; value: string } }[];
  replace_original?: boolean;
}

describe('/occupancy with names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  const requests = () => t.app.simulator!.stats.graphqlRequests;

  async function ask(text: string) {
    const before = requests();
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', text);
    expect(res.status).toBe(200);
    const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect(post.status).toBe(200);
    return { res, body: post.body as unknown as Body, json: JSON.stringify(post.body), cost: requests() - before };
  }

  const choices = (body: Body) => body.blocks.filter((b) => b.accessory?.action_id === 'occupancy_pick_name');

  it('answers building DEMO as building 71, costing no more than the id would', async () => {
    const cold = await ask('building DEMO');
    expect(cold.res.body).toBeUndefined();
    expect(cold.json).toContain('DEMO (71)');
    expect(cold.json).toContain('Tue 24 Nov');
    // The directory (one document) then the day (one more): what `building 71` costs cold.
    expect(cold.cost).toBeLessThanOrEqual(2);
    expect((await ask('building demo')).cost).toBe(0);
    expect((await ask('building 71')).cost).toBe(0);
  });

  it('reads unquoted multi-word names before a date, quoted ones anywhere', async () => {
    const southwark = await ask('building Southwark Works yesterday');
    expect(southwark.json).toContain('Southwark Works (104)');
    expect(southwark.json).toContain('Tue 24 Nov');
    const prefix = await ask('building southw 2026-11-20');
    expect(prefix.json).toContain('Southwark Works (104)');
    expect(prefix.json).toContain('Fri 20 Nov');
    const zone = SIM_DATASET.zones.find((z) => z.name === 'Open Plan North')!;
    const quoted = await ask('zone "open plan north" 2026-11-18');
    expect(quoted.json).toContain(`Open Plan North (${zone.id})`);
    const zones = await ask('zones whitefield');
    expect(zones.json).toContain('Whitefield Campus');
    // A name before a range: the range words end the name.
    const range = await ask('building Southwark Works last week');
    expect(range.json).toContain('Southwark Works (104)');
    expect(range.json).toContain('Mon 16 – Sun 22 Nov');
  });

  it('offers the candidates of an ambiguous name as buttons, each answering in place', async () => {
    const { body, cost } = await ask('zone open plan');
    expect(cost).toBe(0);
    expect(body.text).toContain('More than one zone matches');
    const offered = choices(body);
    expect(offered.map((b) => JSON.stringify(b))).toEqual([expect.stringContaining('Open Plan North'), expect.stringContaining('Open Plan South')]);
    const south = SIM_DATASET.zones.find((z) => z.name === 'Open Plan South')!;
    expect(offered[1]!.accessory!.value).toBe(`zone ${south.id}`);

    const message = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes('More than one zone matches'));
    expect(message).toBeDefined();
    const press = await t.driver.blockAction(USER, CHANNEL, { messageTs: message!.ts }, { action_id: 'occupancy_pick_name', block_id: offered[1]!.block_id! });
    expect(press.status).toBe(200);
    const answer = await t.slack.waitForResponse(press.responseUrlId, undefined, PATIENCE_MS);
    expect(answer.status).toBe(200);
    expect((answer.body as unknown as Body).replace_original).toBe(true);
    expect(JSON.stringify(answer.body)).toContain(`Open Plan South (${south.id})`);
  });

  it('suggests the nearest names for a miss', async () => {
    const { body } = await ask('building southwork works');
    expect(body.text).toContain("I couldn't find a building called `southwork works`");
    expect(choices(body)[0]!.accessory!.value).toBe('building 104');
    const none = await ask('building qqqq');
    expect(none.body.text).toContain('`/occupancy buildings` lists the ones you can see');
    expect(choices(none.body)).toEqual([]);
  });

  it('takes names in digest add and subscribe', async () => {
    const digest = await ask('digest add building Southwark Works building DEMO at 08:00 weekdays');
    expect(digest.json).toContain('Southwark Works');
    expect(digest.json).toContain('DEMO');
    expect(digest.json).not.toContain("couldn't");
    const sub = await ask('subscribe building whitefield above 120');
    expect(sub.json).toContain('Whitefield Campus');
    expect(sub.json).not.toContain("couldn't");
  });
});
