import { slotInstant } from '../../../src/services/digests';
import { useDigestWorld, USERS } from './app-harness';

const TEAM = 'T0LOCAL';
const TORONTO = 'America/Toronto';
const at = (date: string, time: string) => slotInstant(date, time, TORONTO);

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };

/** The real app over HTTP, the simulator and SQLite: a weekly digest from the command to the channel. */
describe('weekly digests', () => {
  const s = useDigestWorld();
  const run = s.run;
  const postsIn = (channel: string) => s.world.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
  const blocksOf = (call: { args: Record<string, unknown> } | undefined) => (call?.args.blocks ?? []) as Block[];
  const fieldOf = (blocks: Block[], name: string) => blocks.flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith(`*${name}*`))?.text;

  let id = 0;

  it('is set up with `weekly on monday at 09:00`, stored weekly, and listed with its cadence and next run', async () => {
    const { text } = await run(USERS.grace, 'C0OPS', 'digest add building 71 building 118 weekly on monday at 09:00');
    expect(text).toMatch(/Digest #\d+ is set up\./);
    expect(text).toContain('weekly on Mon 09:00, last week’s summary (America/Toronto)');
    expect(text).toContain('Next run: Mon 30 Nov 09:00');
    id = Number(/Digest #(\d+)/.exec(text)![1]);
    expect(await s.app.store.digests.get(TEAM, id)).toMatchObject({ cadence: 'weekly', days: [1], timeOfDay: '09:00', buildingIds: [71, 118], timeZone: TORONTO });
    const list = await run(USERS.grace, 'C0OPS', 'digest list');
    expect(list.text + list.json).toContain(`*Digest #${id}* · <#C0OPS> · weekly on Mon 09:00, last week’s summary (America/Toronto)`);
  });

  it('refuses a weekly digest on several days, saying how, and stores nothing', async () => {
    const before = (await s.app.store.digests.listByTeam(TEAM)).length;
    const res = await s.driver.command(USERS.grace, 'C0OPS', '/occupancy', 'digest add building 71 weekly on mon,thu');
    // Refused in the acknowledgement itself: nothing was looked up.
    expect((res.body as { text?: string } | undefined)?.text).toContain('"mon,thu" is more than one day. A weekly digest sends last week’s summary on one day of the week');
    expect(await s.app.store.digests.listByTeam(TEAM)).toHaveLength(before);
  });

  it('sends nothing before Monday, then last week (Mon–Sun) per building, with the figures `building 71 last week` gives; once', async () => {
    s.world.clock.set(at('2026-11-29', '09:00'));
    await s.app.digests.runDue();
    expect(postsIn('C0OPS')).toHaveLength(0);

    s.world.clock.set(at('2026-11-30', '09:00'));
    const report = await s.app.digests.runDue();
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const posts = postsIn('C0OPS');
    expect(posts).toHaveLength(1);
    const blocks = blocksOf(posts[0]);
    // Sydney is already on Tue 1 Dec: the same Monday-to-Sunday week is its last week too.
    expect(blocks[0]?.text?.text).toBe('📊 Occupancy last week · Mon 23 – Sun 29 Nov');
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections[0]?.text?.text).toMatch(/^\*DEMO \(71\)\*\n/);
    expect(sections[1]?.text?.text).toMatch(/^\*Barangaroo Tower \(118\)\*\n/);
    expect(sections[0]?.text?.text).toContain('*Weekdays:* Mon ');
    expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(new RegExp(`^Nightly data through Sun 29 Nov · digest #${id} · managed with`));
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(await s.app.store.digestRuns.get(id, '2026-11-30')).toMatchObject({ state: 'sent' });

    // The same range answer a person gets by asking.
    const asked = await run(USERS.grace, 'C0OPS', 'building 71 last week');
    const answer = JSON.parse(asked.json) as { blocks: Block[] };
    expect(answer.blocks[0]?.text?.text).toBe('🏢 DEMO (71) · Mon 23 – Sun 29 Nov');
    for (const name of ['Average while occupied', '24-hour average', 'Peak', 'Busiest day']) {
      expect(fieldOf(blocks, name)).toBeDefined();
      expect(fieldOf(blocks, name)).toBe(fieldOf(answer.blocks, name));
    }

    await s.app.digests.runDue();
    s.world.clock.set(at('2026-12-01', '09:00'));
    await s.app.digests.runDue();
    expect(postsIn('C0OPS')).toHaveLength(1);
  });

  it('catches a missed run up inside the grace window (marked late) and skips one beyond it, as daily digests do', async () => {
    s.world.clock.set(at('2026-12-07', '09:20'));
    expect(await s.app.digests.runDue()).toMatchObject({ sent: 1 });
    const late = blocksOf(postsIn('C0OPS').at(-1));
    expect(late[0]?.text?.text).toBe('📊 Occupancy last week · Mon 30 Nov – Sun 6 Dec');
    expect(late.at(-1)?.elements?.[0]?.text).toContain('sent 20 min late');

    s.world.clock.set(at('2026-12-14', '09:45'));
    expect(await s.app.digests.runDue()).toMatchObject({ sent: 0, skipped: 1 });
    expect(await s.app.store.digestRuns.get(id, '2026-12-14')).toMatchObject({ state: 'skipped' });
    expect(postsIn('C0OPS')).toHaveLength(2);
  });

  it('in Sydney’s zone, Monday morning there is still Sunday in Toronto: each building shows its own last week, and says which', async () => {
    const { text } = await run(USERS.grace, 'C0OPS', 'digest add building 71 building 118 weekly on monday at 09:00 in Australia/Sydney');
    const sydney = Number(/Digest #(\d+)/.exec(text)![1]);
    expect(text).toContain('weekly on Mon 09:00, last week’s summary (Australia/Sydney)');
    const before = postsIn('C0OPS').length;
    // Mon 21 Dec 09:00 in Sydney is Sun 20 Dec 17:00 in Toronto.
    s.world.clock.set(slotInstant('2026-12-21', '09:00', 'Australia/Sydney'));
    expect(await s.app.digests.runDue()).toMatchObject({ sent: 1 });
    const posts = postsIn('C0OPS');
    expect(posts).toHaveLength(before + 1);
    const blocks = blocksOf(posts.at(-1));
    expect(blocks[0]?.text?.text).toBe('📊 Occupancy last week');
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
    expect(sections[0]).toMatch(/^\*DEMO \(71\)\* · Mon 7 – Sun 13 Dec\n/);
    expect(sections[1]).toMatch(/^\*Barangaroo Tower \(118\)\* · Mon 14 – Sun 20 Dec\n/);
    expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(new RegExp(`^Nightly data through each building’s day shown, in its local time · digest #${sydney} `));
    expect(await s.app.store.digestRuns.get(sydney, '2026-12-21')).toMatchObject({ state: 'sent' });
  });
});
