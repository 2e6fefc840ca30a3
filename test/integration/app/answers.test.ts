import { startTestApp, type TestApp } from './harness';
import { PATIENCE_MS } from '../../support/patience';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

describe('/occupancy answers through response_url', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });
  afterEach(() => {
    t.app.simulator!.setFaults({ latencyMs: 0, serverErrorBurst: 0, graphqlErrors: 0 });
  });

  async function ask(text: string) {
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', text);
    expect(res.status).toBe(200);
    const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect(post.status).toBe(200);
    return { res, post, body: post.body as { text: string; blocks: { type: string }[]; response_type?: string } };
  }

  it('answers building 71 with the latest published day, a chart and buttons', async () => {
    const { res, body } = await ask('building 71');
    // An empty ack: the answer is the only message the question leaves.
    expect(res.body).toBeUndefined();
    expect(t.slack.responses.filter((r) => r.id === res.responseUrlId)).toHaveLength(1);
    expect(t.slack.state.messagesFor(CHANNEL, USER).filter((m) => m.text.includes('Looking up'))).toEqual([]);
    const json = JSON.stringify(body.blocks);
    expect(body.response_type).toBe('ephemeral');
    expect(json).toContain('DEMO');
    expect(json).toContain('(71)');
    expect(json).toContain('Tue 24 Nov');
    expect(json).toContain('America/Toronto');
    expect(json).toContain('Nightly data through');
    expect(body.blocks.some((b) => b.type === 'image')).toBe(true);
    expect(json).toContain(`${t.world.charts.baseUrl}/chart?`);
    expect(json).toContain('occupancy_share');
    expect(json).toContain('occupancy_prev_day');
    // Tue 24 Nov is the latest day: there is no "next day" yet.
    expect(json).not.toContain('occupancy_next_day');
    expect(body.text).toMatch(/DEMO/);
  });

  it('answers a zone, the zones of a building and the buildings list', async () => {
    const zones = await ask('zones 71 yesterday');
    expect(JSON.stringify(zones.body.blocks)).toContain('DEMO');
    const list = await ask('buildings');
    const listJson = JSON.stringify(list.body.blocks);
    for (const tz of ['America/Toronto', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata']) expect(listJson).toContain(tz);
    const zoneId = (await t.app.innerspace.sites(71)).length > 0 ? (await t.app.innerspace.zones({ siteIds: (await t.app.innerspace.sites(71)).map((s) => s.id) }))[0]!.id : 0;
    const zone = await ask(`zone ${zoneId} monday`);
    expect(JSON.stringify(zone.body.blocks)).toContain(`(${zoneId})`);
  });

  it('acknowledges at once while InnerSpace holds the query, and says so when it times out', async () => {
    // An app of its own with short InnerSpace limits: this test is about the timeout. The
    // simulator holds every query far beyond them (until it closes).
    // A notice due at once: a held answer is slow whatever the machine's load.
    const slow = await startTestApp({ INNERSPACE_TIMEOUT_MS: '1000', INNERSPACE_DEADLINE_MS: '3000' }, { slowNoticeMs: 0 });
    try {
      slow.app.simulator!.setFaults({ holdMs: 10 * 60_000 });
      const res = await slow.driver.command(USER, CHANNEL, '/occupancy', 'building 71 2026-11-10');
      expect(res.status).toBe(200);
      expect(res.body).toBeUndefined();
      // The ack came first; the notice says the answer is on its way, and never claims to be replaced.
      const notice = await slow.slack.waitForResponse(res.responseUrlId);
      expect(notice.body).toMatchObject({ response_type: 'ephemeral', text: 'Looking up building 71…' });
      expect(notice.body.replace_original).toBeUndefined();
      const post = await slow.slack.waitForResponse(res.responseUrlId, (r) => r !== notice);
      expect(JSON.stringify(post.body)).toContain('InnerSpace took too long');
      expect(post.ignored).toBeUndefined();
    } finally {
      await slow.stop();
    }
  });

  it('says clearly when InnerSpace keeps failing', async () => {
    t.app.simulator!.setFaults({ serverErrorBurst: 50 });
    const { body } = await ask('building 71 2026-11-09');
    expect(body.text).toContain("InnerSpace isn't answering right now");
    expect(JSON.stringify(body.blocks)).toContain('UPSTREAM_UNAVAILABLE');
  });

  it('says clearly when InnerSpace answers with errors[]', async () => {
    t.app.simulator!.setFaults({ graphqlErrors: 10 });
    const { body } = await ask('building 71 2026-11-08');
    expect(body.text).toContain("InnerSpace couldn't answer that question");
    expect(JSON.stringify(body)).not.toMatch(/stack|at Object|Error:/);
  });

  it('names an unknown building, and a day not published yet with the latest published one', async () => {
    const unknown = await ask('building 7100');
    expect(unknown.body.text).toBe("I couldn't find building 7100. `/occupancy buildings` lists the ones you can see.");
    const today = await ask('building 71 today');
    expect(today.body.text).toBe(
      "Today (Wed 25 Nov) isn't published yet for building 71: InnerSpace publishes each day's occupancy overnight, once the day is over in the building's time zone. The latest published day is Tue 24 Nov: try `/occupancy building 71 2026-11-24`.",
    );
    const isoToday = await ask('building 71 2026-11-25');
    expect(isoToday.body.text).toBe(today.body.text);
  });

  it('moves to the previous day in place, and shares in channel credited to the sharer', async () => {
    const { res, body } = await ask('building 71');
    const state = t.slack.state.messagesFor(CHANNEL, USER).find((m) => m.ts && JSON.stringify(m).includes('occupancy_prev_day'));
    expect(state).toBeDefined();
    const prevButton = JSON.stringify(body.blocks).includes('occupancy_prev_day');
    expect(prevButton).toBe(true);
    const prev = await t.driver.blockAction(USER, CHANNEL, { messageTs: state!.ts }, { action_id: 'occupancy_prev_day' });
    expect(prev.status).toBe(200);
    const updated = await t.slack.waitForResponse(prev.responseUrlId, undefined, PATIENCE_MS);
    expect(JSON.stringify(updated.body)).toContain('Mon 23 Nov');
    expect((updated.body as { replace_original?: boolean }).replace_original).toBe(true);
    expect(updated.status).toBe(200);

    const shareTarget = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes('Mon 23 Nov') && JSON.stringify(m).includes('occupancy_share'));
    expect(shareTarget).toBeDefined();
    const share = await t.driver.blockAction(USER, CHANNEL, { messageTs: shareTarget!.ts }, { action_id: 'occupancy_share' });
    expect(share.status).toBe(200);
    const shared = await t.slack.waitForResponse(share.responseUrlId, (p) => (p.body as { response_type?: string }).response_type === 'in_channel', PATIENCE_MS);
    const sharedJson = JSON.stringify(shared.body);
    expect(sharedJson).toContain(`<@${USER}>`);
    expect(sharedJson).toContain('Mon 23 Nov');
    expect(sharedJson).not.toContain('occupancy_share');
    expect(shared.status).toBe(200);
    // The private copy is gone; the shared one is visible to everyone in the channel.
    await t.slack.waitFor(() => !t.slack.state.messagesFor(CHANNEL, USER).some((m) => m.ts === shareTarget!.ts));
    expect(t.slack.state.messagesFor(CHANNEL, 'U0LOCAL002').some((m) => JSON.stringify(m).includes(`<@${USER}>`))).toBe(true);
    void res;
  });

  it.each([
    [{ error: 'expired_url' }, 'reply link lasts 30 minutes'],
    [{ status: 503 as const }, 'may have gone through'],
  ])('says so privately when Share in channel is refused (%j), and keeps the private copy', async (fault, words) => {
    await ask('building 71');
    const target = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes('occupancy_share'));
    expect(target).toBeDefined();
    t.slack.failNext('response_url', fault);
    const share = await t.driver.blockAction(USER, CHANNEL, { messageTs: target!.ts }, { action_id: 'occupancy_share' });
    expect(share.status).toBe(200);
    const told = await t.slack.waitForResponse(share.responseUrlId, (p) => p.status === 200, PATIENCE_MS);
    const text = (told.body as { text: string }).text;
    expect(text).toContain("I couldn't share that in the channel.");
    expect(text).toContain(words);
    if ('status' in fault) expect(text).not.toMatch(/try again in a minute/i);
    expect(t.slack.state.messagesFor(CHANNEL, USER).some((m) => m.ts === target!.ts)).toBe(true);
  });

  // Last: its older day's message would be the one the sharing tests above pick.
  it('names the year of a day in another year, buttons too', async () => {
    const { body } = await ask('building 71 2025-11-20');
    const json = JSON.stringify(body.blocks);
    expect(json).toContain('Thu 20 Nov 2025');
    expect(json).toContain('◀ Wed 19 Nov 2025');
    expect(json).toContain('Fri 21 Nov 2025 ▶');
  });
});
