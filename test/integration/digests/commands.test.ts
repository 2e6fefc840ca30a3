import { answerTo, useDigestWorld, USERS } from './app-harness';
import { PATIENCE_MS } from '../../support/patience';

const TEAM = 'T0LOCAL';

describe('/occupancy digest text forms through the real app', () => {
  const s = useDigestWorld();
  const run = s.run;
  const stored = () => s.app.store.digests.listByTeam(TEAM);

  it('adds a digest with the first building’s zone, this channel and the team id', async () => {
    const before = (await stored()).length;
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 71 at 08:00 weekdays');
    expect(text).toMatch(/Digest #\d+ is set up\./);
    expect(text).toContain('America/Toronto');
    expect(text).toContain('Next run: Thu 26 Nov 08:00');
    const all = await stored();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)).toMatchObject({
      teamId: TEAM,
      channelId: 'C0FACILITY',
      createdBy: USERS.grace,
      buildingIds: [71],
      timeOfDay: '08:00',
      days: [1, 2, 3, 4, 5],
      timeZone: 'America/Toronto',
      status: 'active',
    });
  });

  it('takes a zone and another channel, and lists a channel’s digests with the next run', async () => {
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 104 at 7am daily in Asia/Kolkata <#C0GENERAL|general>');
    expect(text).toContain('Asia/Kolkata');
    const d = (await stored()).at(-1)!;
    expect(d).toMatchObject({ channelId: 'C0GENERAL', timeZone: 'Asia/Kolkata', timeOfDay: '07:00', days: [1, 2, 3, 4, 5, 6, 7] });
    const list = await run(USERS.linus, 'C0GENERAL', 'digest list');
    expect(list.json).toContain(`Digest #${d.id}`);
    expect(list.json).toContain('Next run: Thu 26 Nov 07:00');
    expect(list.json).toContain('Southwark Works (104)');
  });

  it('refuses non-members, lets an admin in, and lets only the creator or an admin delete', async () => {
    const before = (await stored()).length;
    const refused = await run(USERS.linus, 'C0OPS', 'digest add building 71');
    expect(refused.text).toContain('Only members of <#C0OPS> or an admin can manage its digests');
    expect(await stored()).toHaveLength(before);

    // Margaret is in ADMIN_USER_IDS and not in #ops.
    const admin = await run(USERS.margaret, 'C0OPS', 'digest add building 71');
    expect(admin.text).toMatch(/Digest #\d+ is set up/);
    const d = (await stored()).at(-1)!;
    expect(d).toMatchObject({ channelId: 'C0OPS', createdBy: USERS.margaret });

    // Grace is a member of #ops but not the creator: she may pause it, not remove it.
    const pause = await run(USERS.grace, 'C0OPS', `digest pause ${d.id}`);
    expect(pause.text).toContain(`Digest #${d.id} is paused`);
    // Her list shows what she may do, and who set it up.
    const listed = (await run(USERS.grace, 'C0OPS', 'digest list')).json;
    expect(listed).toContain(`set up by <@${USERS.margaret}>`);
    for (const id of ['digest_resume', 'digest_send']) expect(listed).toContain(`"action_id":"${id}"`);
    for (const id of ['digest_edit', 'digest_delete']) expect(listed).not.toContain(`"action_id":"${id}"`);
    const remove = await run(USERS.grace, 'C0OPS', `digest remove ${d.id}`);
    expect(remove.text).toContain(`Only <@${USERS.margaret}>, who set this up, or an admin can change it`);
    expect(await s.app.store.digests.get(TEAM, d.id)).not.toBeNull();
    const byAdmin = await run(USERS.margaret, 'C0OPS', `digest remove ${d.id}`);
    expect(byAdmin.text).toContain(`Digest #${d.id} is removed`);
    expect(await s.app.store.digests.get(TEAM, d.id)).toBeNull();
  });

  it('joins a public channel it is not in, and stores nothing where it cannot post', async () => {
    const joined = await run(USERS.grace, 'C0RANDOM', 'digest add building 71');
    expect(joined.text).toContain('I joined <#C0RANDOM> to post there');
    expect(s.world.slack.callsTo('conversations.join').map((c) => c.args.channel)).toContain('C0RANDOM');
    expect(s.world.slack.state.getChannel('C0RANDOM')!.members.has(s.world.slack.bot.userId)).toBe(true);

    const before = (await stored()).length;
    const priv = await run(USERS.linus, 'C0EXEC', 'digest add building 71');
    expect(priv.text).toContain("I can't see <#C0EXEC>");
    expect(priv.text).toContain('/invite @occupancy');
    const archived = await run(USERS.grace, 'C0ARCHIVE', 'digest add building 71');
    expect(archived.text).toContain('is archived');
    const unknown = await run(USERS.grace, 'C0FACILITY', 'digest add building 7100');
    expect(unknown.text).toBe("I couldn't find building 7100. `/occupancy buildings` lists the ones you can see.");
    const byName = await run(USERS.grace, 'C0FACILITY', 'digest add building 71 #nowhere');
    expect(byName.text).toContain("I can't tell which channel");
    expect(await stored()).toHaveLength(before);
  });

  it("does not let one team see or touch another team's digest", async () => {
    const other = await s.app.store.digests.create({
      teamId: 'T0OTHER',
      channelId: 'C0FACILITY',
      createdBy: USERS.grace,
      buildingIds: [71],
      timeOfDay: '08:00',
      days: [1],
      timeZone: 'UTC',
      options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: false },
    });
    const res = await run(USERS.margaret, 'C0FACILITY', `digest remove ${other.id}`);
    expect(res.text).toContain(`I couldn't find digest #${other.id}`);
    expect(await s.app.store.digests.get('T0OTHER', other.id)).not.toBeNull();
  });

  it('sends a digest now without using up its scheduled run, and resumes a paused one', async () => {
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 71 at 23:00 daily');
    const id = Number(/Digest #(\d+)/.exec(text)![1]);
    const before = s.world.slack.callsTo('chat.postMessage').length;
    const sent = await run(USERS.linus, 'C0FACILITY', `digest send ${id}`);
    expect(sent.text).toContain(`Digest #${id} went to <#C0FACILITY>`);
    const post = s.world.slack.callsTo('chat.postMessage').slice(before).find((c) => c.args.channel === 'C0FACILITY');
    expect(JSON.stringify(post?.args.blocks)).toContain('Occupancy for Tue 24 Nov');
    expect(await s.app.store.digestRuns.listForDigest(id)).toEqual([]);

    await run(USERS.grace, 'C0FACILITY', `digest pause ${id}`);
    expect((await s.app.store.digests.get(TEAM, id))?.status).toBe('paused');
    const resumed = await run(USERS.grace, 'C0FACILITY', `digest resume ${id}`);
    expect(resumed.text).toContain(`Digest #${id} is running again`);
    expect((await s.app.store.digests.get(TEAM, id))?.status).toBe('active');
  });

  it.each([
    ['a 500', { status: 500 as const }],
    ['fatal_error', { error: 'fatal_error' }],
    ['internal_error', { error: 'internal_error' }],
  ])('after %s from Slack, `digest send` says the digest may have gone out and never to send it again blindly', async (_what, fault) => {
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 104 at 22:00 daily');
    const id = Number(/Digest #(\d+)/.exec(text)![1]);
    s.world.slack.failNext('chat.postMessage', fault);
    const sent = await run(USERS.grace, 'C0FACILITY', `digest send ${id}`);
    expect(sent.text).toContain('so it may have gone through. Check before trying again');
    expect(sent.text).not.toMatch(/try again in a minute/i);
    await run(USERS.grace, 'C0FACILITY', `digest remove ${id}`);
  });

  it('pauses from the list’s button and redraws the list in place', async () => {
    const { text } = await run(USERS.grace, 'C0FACILITY', 'digest add building 118 at 09:00');
    const id = Number(/Digest #(\d+)/.exec(text)![1]);
    const listed = await s.driver.command(USERS.grace, 'C0FACILITY', '/occupancy', 'digest list');
    await answerTo(s.world, listed);
    const msg = s.world.slack.state
      .messagesFor('C0FACILITY', USERS.grace)
      .filter((m) => JSON.stringify(m.blocks).includes('digest_pause'))
      .at(-1)!;
    const res = await s.driver.blockAction(USERS.grace, 'C0FACILITY', { messageTs: msg.ts }, { action_id: 'digest_pause', value: JSON.stringify({ id }) });
    expect(res.status).toBe(200);
    const redrawn = await s.world.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
    expect((redrawn.body as { replace_original?: boolean }).replace_original).toBe(true);
    expect(JSON.stringify(redrawn.body)).toContain('⏸ Paused');
    expect((await s.app.store.digests.get(TEAM, id))?.status).toBe('paused');
  });

  it('lets an admin take over a digest whose creator left the workspace, and only then', async () => {
    const left = Number(/Digest #(\d+)/.exec((await run(USERS.linus, 'C0FACILITY', 'digest add building 118 at 10:00')).text)![1]);
    const here = Number(/Digest #(\d+)/.exec((await run(USERS.grace, 'C0FACILITY', 'digest add building 118 at 11:00')).text)![1]);
    s.world.slack.state.deactivateUser(USERS.linus);

    // The admin's list offers Take over on Linus's digest only; a member's list never does.
    const adminList = await run(USERS.margaret, 'C0FACILITY', 'digest list');
    expect(adminList.json).toContain(`"action_id":"digest_take_over","text":{"type":"plain_text","text":"Take over"},"value":"{\\"id\\":${left}}"`);
    expect(adminList.json).not.toContain(`"action_id":"digest_take_over","text":{"type":"plain_text","text":"Take over"},"value":"{\\"id\\":${here}}"`);
    expect((await run(USERS.grace, 'C0FACILITY', 'digest list')).json).not.toContain('digest_take_over');

    const press = async (user: string, id: number) => {
      const msg = s.world.slack.state.messagesFor('C0FACILITY', user).filter((m) => JSON.stringify(m.blocks).includes('digest_')).at(-1)!;
      const res = await s.driver.blockAction(user, 'C0FACILITY', { messageTs: msg.ts }, { action_id: 'digest_take_over', value: JSON.stringify({ id }) });
      expect(res.status).toBe(200);
      return JSON.stringify((await s.world.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS)).body);
    };
    // Grace is still here: hers stays hers, and the admin is told whom to ask.
    expect(await press(USERS.margaret, here)).toContain(`<@${USERS.grace}> is still in this workspace, so it stays theirs`);
    expect((await s.app.store.digests.get(TEAM, here))?.createdBy).toBe(USERS.grace);
    // Only an admin may take over.
    expect(await press(USERS.grace, left)).toContain(`Only <@${USERS.linus}>, who set this up, or an admin can change it`);
    expect((await s.app.store.digests.get(TEAM, left))?.createdBy).toBe(USERS.linus);

    const taken = await press(USERS.margaret, left);
    expect(taken).toContain(`set up by <@${USERS.margaret}>`);
    expect((await s.app.store.digests.get(TEAM, left))?.createdBy).toBe(USERS.margaret);
  });
});
