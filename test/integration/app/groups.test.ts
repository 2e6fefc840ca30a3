/**
 * `group <name>` on answers, through the real app over signed HTTP against the simulator: the
 * group's own (smaller) figures, named in the answer; buttons that keep the group; a name that
 * fits none or several refused with the groups; and `/occupancy groups`.
 */
import { SIM_DATASET } from '../../../dev/simulator';
import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';
const ENGINEERING = SIM_DATASET.groups.find((g) => g.name === 'Engineering')!;

interface Body {
  text: string;
  blocks: { type: string; elements?: { type: string; text?: string; action_id?: string; value?: string }[] }[];
}

describe('/occupancy … group <name>', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  async function ask(text: string) {
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', text);
    expect(res.status).toBe(200);
    if (res.body !== undefined) return { body: res.body as unknown as Body, json: JSON.stringify(res.body) };
    const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect(post.status).toBe(200);
    return { body: post.body as unknown as Body, json: JSON.stringify(post.body) };
  }

  /** The "avg N while occupied" figure of an answer's fallback text. */
  const average = (body: Body): number => Number(/avg ([\d,]+)/.exec(body.text)?.[1]?.replace(/,/g, '') ?? NaN);
  const stamp = (body: Body): string =>
    body.blocks.filter((b) => b.type === 'context').flatMap((b) => (b.elements ?? []).map((e) => e.text ?? '')).join(' ');
  const buttons = (body: Body) => body.blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

  it("answers with the group's own figures and names the group", async () => {
    const everyone = await ask('building 71 2026-11-20');
    const engineering = await ask('building 71 2026-11-20 group engineering');
    expect(stamp(everyone.body)).toContain('everyone');
    expect(stamp(engineering.body)).toContain('Engineering');
    expect(stamp(engineering.body)).not.toContain('everyone');
    const all = average(everyone.body);
    const part = average(engineering.body);
    expect(all).toBeGreaterThan(0);
    // The simulator gives Engineering 42% of everyone's occupancy.
    expect(part).toBeGreaterThan(all * 0.3);
    expect(part).toBeLessThan(all * 0.55);
  });

  it('reads names case- and accent-insensitively, as a unique prefix, quoted or before a date, and after a building name', async () => {
    const accent = await ask('building 71 2026-11-20 group operations');
    expect(stamp(accent.body)).toContain('Opérations');
    const prefix = await ask('building 71 group cust 2026-11-20');
    expect(stamp(prefix.body)).toContain('Customer Success');
    const quoted = await ask('building DEMO group "customer success" last week');
    expect(quoted.json).toContain('DEMO (71)');
    expect(stamp(quoted.body)).toContain('Customer Success');
    const customerSuccess = SIM_DATASET.groups.find((g) => g.name === 'Customer Success')!;
    const previousWeek = buttons(quoted.body).find((b) => b.action_id === 'occupancy_prev_day')!;
    expect(JSON.parse(previousWeek.value!)).toMatchObject({ group: customerSuccess.id, range: { unit: 'week' } });
    const zones = await ask('zones 71 yesterday group sales');
    expect(stamp(zones.body)).toContain('Sales');
    const zone = SIM_DATASET.zones.find((z) => z.buildingId === 71)!;
    const oneZone = await ask(`zone ${zone.id} 2026-11-20 group sales`);
    expect(stamp(oneZone.body)).toContain('Sales');
  });

  it('keeps the group on the previous-day and share buttons', async () => {
    const { body } = await ask('building 71 2026-11-20 group engineering');
    const prev = buttons(body).find((b) => b.action_id === 'occupancy_prev_day')!;
    expect(JSON.parse(prev.value!)).toMatchObject({ group: ENGINEERING.id, date: '2026-11-19' });
    const share = buttons(body).find((b) => b.action_id === 'occupancy_share')!;
    expect(JSON.parse(share.value!)).toMatchObject({ group: ENGINEERING.id });

    const message = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes(ENGINEERING.id) && JSON.stringify(m).includes('Fri 20 Nov'));
    expect(message).toBeDefined();
    const press = await t.driver.blockAction(USER, CHANNEL, { messageTs: message!.ts }, { action_id: 'occupancy_prev_day' });
    const updated = await t.slack.waitForResponse(press.responseUrlId, undefined, PATIENCE_MS);
    const updatedBody = updated.body as unknown as Body;
    expect(updatedBody.text).toContain('Thu 19 Nov');
    expect(stamp(updatedBody)).toContain('Engineering');
    const everyoneThatDay = await ask('building 71 2026-11-19');
    expect(average(updatedBody)).toBeLessThan(average(everyoneThatDay.body));

    const shareTarget = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes(ENGINEERING.id) && JSON.stringify(m).includes('Thu 19 Nov'));
    expect(shareTarget).toBeDefined();
    const pressed = await t.driver.blockAction(USER, CHANNEL, { messageTs: shareTarget!.ts }, { action_id: 'occupancy_share' });
    const shared = await t.slack.waitForResponse(pressed.responseUrlId, (p) => (p.body as { response_type?: string }).response_type === 'in_channel', PATIENCE_MS);
    expect(stamp(shared.body as unknown as Body)).toContain('Engineering');
    expect(JSON.stringify(shared.body)).toContain('Thu 19 Nov · Engineering');
  });

  it('refuses a group that fits none with the list of groups, and one that fits several with the candidates', async () => {
    const none = await ask('building 71 group marketing');
    expect(none.body.text).toContain("I couldn't find a group called \"marketing\"");
    for (const g of SIM_DATASET.groups) expect(none.body.text).toContain(g.name);
    expect(none.body.text).not.toContain('avg');
    const several = await ask('building 71 group e');
    expect(several.body.text).toContain('fits several');
    expect(several.body.text).toContain('Engineering, Everyone.');
    expect(several.body.text).not.toContain('Sales');
    expect(several.json).toContain('*Engineering*');
    // An unknown building is said first, whichever look-up answers first.
    for (const text of ['building 7100 group marketing', 'building 7100 last week group marketing']) {
      expect((await ask(text)).body.text).toContain("I couldn't find building 7100");
    }
  });

  it("asks InnerSpace for a group's day once the estate is known, not when asked again; another group's is its own", async () => {
    const requests = () => t.app.simulator!.stats.graphqlRequests;
    await ask('building 71 2026-11-17');
    const cost = async (text: string) => {
      const before = requests();
      const { body } = await ask(text);
      return { cost: requests() - before, body };
    };
    const sales = await cost('building 71 2026-11-17 group sales');
    // One document when the day's rows travel with the latest-day look-up, as they should.
    expect(sales.cost).toBeGreaterThanOrEqual(1);
    expect(sales.cost).toBeLessThanOrEqual(2);
    expect((await cost('building 71 2026-11-17 group Sales')).cost).toBe(0);
    const engineering = await cost('building 71 2026-11-17 group engineering');
    expect(engineering.cost).toBeGreaterThanOrEqual(1);
    expect(engineering.cost).toBeLessThanOrEqual(2);
    expect(average(engineering.body)).toBeGreaterThan(average(sales.body));
  });

  it('refuses a bad group clause before the ack, changing nothing', async () => {
    const missing = await ask('building 71 group');
    expect(missing.body.text).toContain('Say which group after `group`');
    const twice = await ask('building 71 group sales group engineering');
    expect(twice.body.text).toContain('You gave two groups');
  });

  it('lists the groups', async () => {
    const { body } = await ask('groups');
    for (const g of SIM_DATASET.groups) expect(JSON.stringify(body)).toContain(g.name);
    expect(JSON.stringify(body)).toContain('the default');
  });
});
