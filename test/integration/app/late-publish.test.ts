import { GENERAL, GRACE, advanceTo, botPosts, command, dmOf, startAlertApp, textOf, type AlertTestApp } from '../alerts/support';

const HOUR = 3_600_000;
const LAG = 4 * HOUR;

/**
 * One process, one clock, and an InnerSpace that publishes four hours late: the simulator's own
 * clock runs four hours behind the app's, so building 71's Wed 25 Nov (Toronto) appears at Thu
 * 08:00 local (13:00Z) instead of 04:00, while the bot's clock already expects it from 09:00Z.
 * Nothing sleeps: the test moves the clock, and everything it sees comes from the data.
 */
describe('a late nightly publish, through the real app', () => {
  let t: AlertTestApp;
  beforeAll(async () => {
    t = await startAlertApp({ env: { INNERSPACE_RECHECK_MINUTES: '10' } });
    t.app.simulator!.setClock(() => new Date(t.clock.now() - LAG));
  });
  afterAll(async () => {
    await t.stop();
  });

  const answer = async (text: string) => command(t, GRACE, GENERAL, text);
  const postsIn = (channel: string) => t.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && c.status === 200);

  it('on Wednesday: the latest day is Tuesday, as expected; a rule and a 06:00 digest are set up', async () => {
    const tuesday = await answer('building 71');
    expect(tuesday.text).toContain('DEMO (71) on Tue 24 Nov');
    expect(textOf(tuesday.blocks)).not.toContain('not published yet');
    const rule = await answer('subscribe building 71 above 130 for 2h');
    expect(rule.text).toContain('Alert #1 is set up for DEMO (71)');
    const digest = await answer('digest add building 71 at 06:00 daily');
    expect(digest.text).toMatch(/Digest #\d+ is set up/);
  });

  it('before the publish (Thu 05:00 in Toronto): no alert, and answers show Tuesday and say Wednesday is not published yet', async () => {
    advanceTo(t, '2026-11-26T10:00:00Z');
    const report = await t.app.alerts.tick();
    expect(report).toMatchObject({ readings: 0, posted: 0 });

    const shown = await answer('building 71');
    const blocks = textOf(shown.blocks);
    expect(blocks).toContain('DEMO (71) · Tue 24 Nov');
    expect(blocks).toContain('⏳ Wed 25 Nov is not published yet; this is Tue 24 Nov.');
    expect(blocks).toContain('Nightly data through Tue 24 Nov');
    // No button to a day the data does not have yet.
    expect(blocks).not.toContain('Wed 25 ▶');

    const asked = await answer('building 71 yesterday');
    expect(asked.text).toBe('Wed 25 Nov is not published yet for building 71. The latest published day is Tue 24 Nov: try `/occupancy building 71 2026-11-24`.');
  });

  it('a digest due before the publish is sent on time, about Tuesday, and says so in every part', async () => {
    advanceTo(t, '2026-11-26T11:00:00Z');
    await t.app.digests.runDue();
    await t.slack.waitFor(() => postsIn(GENERAL).length === 1);
    const [digest] = postsIn(GENERAL);
    const json = JSON.stringify(digest!.args);
    expect(json).toContain('📊 Occupancy for Tue 24 Nov');
    expect(json).toContain('⏳ Wed 25 Nov is not published yet; this digest shows Tue 24 Nov.');
    expect(json).toContain('*DEMO (71)* — avg');
    expect(json).toContain('Nightly data through Tue 24 Nov');
    expect(json).not.toContain('Wed 25 Nov ·');
    expect(json).not.toContain('nothing was published');
  });

  it('checks until a minute before the publish find nothing; the first check after it fires', async () => {
    advanceTo(t, '2026-11-26T12:55:00Z');
    // What this answer learnt may be served for up to INNERSPACE_RECHECK_MINUTES.
    expect(textOf((await answer('building 71')).blocks)).toContain('DEMO (71) · Tue 24 Nov');
    advanceTo(t, '2026-11-26T12:59:00Z');
    expect(await t.app.alerts.tick()).toMatchObject({ readings: 0, posted: 0 });

    advanceTo(t, '2026-11-26T13:00:00Z');
    const report = await t.app.alerts.tick();
    expect(report.readings).toBeGreaterThan(0);
    expect(report.fired).toBe(1);
    const posts = botPosts(t, dmOf(t, GRACE));
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain('DEMO (71) was above 130 people from 09:00');
    expect(posts[0]!.text).toContain('on Wed 25 Nov');
  });

  it('the answer shows Wednesday within INNERSPACE_RECHECK_MINUTES of the publish', async () => {
    // Right after the publish the answer may still be the remembered one; ten minutes on, never.
    expect(textOf((await answer('building 71')).blocks)).toMatch(/DEMO \(71\) · (Tue 24|Wed 25) Nov/);
    advanceTo(t, '2026-11-26T13:10:00Z');
    const shown = await answer('building 71');
    const blocks = textOf(shown.blocks);
    expect(blocks).toContain('DEMO (71) · Wed 25 Nov');
    expect(blocks).toContain('Nightly data through Wed 25 Nov');
    expect(blocks).not.toContain('not published yet');
    expect(blocks).toContain('◀ Tue 24');
    // And Tuesday, asked by date, now offers the next day.
    expect(textOf((await answer('building 71 2026-11-24')).blocks)).toContain('Wed 25 ▶');
  });
});
