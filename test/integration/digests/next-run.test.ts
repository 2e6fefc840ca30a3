import { useDigestWorld, USERS } from './app-harness';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';

/** App Home and `digest list` name one next run: a date whose run is decided is skipped on both. */
describe('the next run of a digest, on Home and in the list', () => {
  // 10:00 in Toronto.
  const s = useDigestWorld();
  const run = s.run;

  async function homeOf(user: string): Promise<string> {
    const before = s.world.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.response).length;
    await s.driver.appHomeOpened(user);
    await s.world.slack.waitFor(() => s.world.slack.callsTo('views.publish').filter((c) => c.args.user_id === user && c.response).length > before, PATIENCE_MS);
    return JSON.stringify(s.world.slack.state.views.home(user)!.definition.blocks);
  }

  it('skips today on both once its run is decided, though its time has not come', async () => {
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 71 at 11:00 daily');
    expect(text).toContain('Next run: Wed 25 Nov 11:00');
    const digest = (await s.app.store.digests.listByTeam(TEAM)).at(-1)!;
    expect(await homeOf(USERS.grace)).toContain('Next run: Wed 25 Nov 11:00');

    // Today's run was decided already (another replica skipped it, say): the next is tomorrow's.
    expect(await s.app.store.digestRuns.claim(digest.id, '2026-11-25', TEAM, s.world.clock.now())).toBe(true);
    expect(await s.app.store.digestRuns.finish(digest.id, '2026-11-25', { state: 'skipped', reason: 'no data' })).toBe(true);

    const list = await run(USERS.grace, 'C0FACILITY', 'digest list');
    expect(list.json).toContain('Next run: Thu 26 Nov 11:00');
    const home = await homeOf(USERS.grace);
    expect(home).toContain(`Digest #${digest.id}`);
    expect(home).toContain('Next run: Thu 26 Nov 11:00');
  });
});
