import { slotInstant } from '../../../src/services/digests';
import { botChannels, startEngineRig, type EngineRig } from './engine-harness';

/** Wed 25 Nov 2026, 08:00 in New York: already Thu 26 Nov 00:00 on Lord Howe Island. */
const SLOT = slotInstant('2026-11-25', '08:00', 'America/New_York');

describe('a digest of buildings in different time zones', () => {
  let rig: EngineRig;
  afterEach(async () => {
    await rig?.close();
  });

  it('names each building’s own day; heading and stamp agree with every section', async () => {
    rig = await startEngineRig({ start: SLOT - 60_000, channels: botChannels(['CA']) });
    await rig.add({ channelId: 'CA', buildingIds: [1, 4], timeOfDay: '08:00', timeZone: 'America/New_York' });
    rig.clock.t = SLOT;
    expect(await rig.digests.engine.runDue()).toMatchObject({ sent: 1 });
    const [post] = rig.postsIn('CA');
    const blocks = (post?.blocks ?? []) as { type: string; text?: { text: string }; elements?: { text: string }[] }[];
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
    expect(blocks[0]?.text?.text).toBe('📊 Occupancy for Tue 24 and Wed 25 Nov');
    expect(sections[0]).toMatch(/^\*Hudson Yards \(1\)\* · Tue 24 Nov — /);
    expect(sections[1]).toMatch(/^\*Lord Howe Station \(4\)\* · Wed 25 Nov — /);
    // Ranked by people: the people figures read highest first.
    for (const s of sections) {
      const busiest = /Busiest \(average people while occupied, % of capacity\): (.*)/.exec(s)?.[1] ?? '';
      const people = [...busiest.matchAll(/ (\d+) \(\d+%\)/g)].map((m) => Number(m[1]));
      expect(people.length).toBeGreaterThan(1);
      expect([...people].sort((a, b) => b - a)).toEqual(people);
    }
    const stamp = blocks.at(-1)?.elements?.[0]?.text ?? '';
    expect(stamp).toMatch(/^Nightly data through each building’s day shown, in its local time · digest #\d+/);
    expect(post?.text.startsWith('Occupancy for Tue 24 and Wed 25 Nov:')).toBe(true);
  });
});
