import { insightKeep, PublishedDays, ResultCache, SETTLED_TTL_MS } from '../../../src/innerspace/cache';

describe('ResultCache', () => {
  let t = Date.UTC(2025, 4, 10, 12);
  const now = () => new Date(t);

  it('serves a hit until it expires', async () => {
    const c = new ResultCache(10, now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.through('k', load, () => t + 1000)).toBe(1);
    expect(await c.through('k', load, () => t + 1000)).toBe(1);
    expect(c.hits).toBe(1);
    t += 1000;
    expect(await c.through('k', load, () => t + 1000)).toBe(2);
  });

  it('evicts the least recently used entry', async () => {
    const c = new ResultCache(2, now);
    const far = () => t + 60_000;
    await c.through('a', async () => 'a1', far);
    await c.through('b', async () => 'b1', far);
    await c.through('a', async () => 'a2', far); // touch a
    await c.through('c', async () => 'c1', far); // evicts b
    expect(c.size).toBe(2);
    expect(await c.through('a', async () => 'a3', far)).toBe('a1');
    expect(await c.through('b', async () => 'b2', far)).toBe('b2');
  });

  it('shares one in-flight load between identical concurrent calls', async () => {
    const c = new ResultCache(10, now);
    let loads = 0;
    let release: (v: string) => void = () => undefined;
    const load = () => {
      loads += 1;
      return new Promise<string>((r) => (release = r));
    };
    const calls = Array.from({ length: 5 }, () => c.through('k', load, () => t + 1000));
    release('v');
    expect(await Promise.all(calls)).toEqual(['v', 'v', 'v', 'v', 'v']);
    expect(loads).toBe(1);
    expect(c.coalesced).toBe(4);
  });

  it('never stores a failure', async () => {
    const c = new ResultCache(10, now);
    let n = 0;
    const load = async () => {
      n += 1;
      if (n === 1) throw new Error('boom');
      return 'ok';
    };
    await expect(c.through('k', load, () => t + 1000)).rejects.toThrow('boom');
    expect(await c.through('k', load, () => t + 1000)).toBe('ok');
    expect(n).toBe(2);
  });
});

describe('ResultCache: fresh calls and values that settle', () => {
  let t = Date.UTC(2025, 4, 10, 12);
  const now = () => new Date(t);

  it('a fresh call asks again, but joins an identical call already under way', async () => {
    const c = new ResultCache(10, now);
    let loads = 0;
    let release: (v: number) => void = () => undefined;
    const load = () => {
      loads += 1;
      return new Promise<number>((r) => (release = r));
    };
    const first = c.through('k', load, () => t + 60_000);
    const joined = c.through('k', load, () => t + 60_000, { fresh: true });
    release(1);
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    expect(loads).toBe(1);
    const again = c.through('k', load, () => t + 60_000, { fresh: true });
    release(2);
    expect(await again).toBe(2);
    expect(loads).toBe(2);
    // What a fresh call learnt is served to the next ordinary one.
    expect(await c.through('k', load, () => t + 60_000)).toBe(2);
    expect(loads).toBe(2);
  });

  it('past its trusted time, a value is served only while it has settled', async () => {
    const c = new ResultCache(10, now);
    let settled = false;
    let loads = 0;
    const keep = () => ({ until: t + 10 * 60_000, trustedUntil: t + 60_000, settled: () => settled });
    const load = async () => ++loads;
    await c.through('k', load, keep);
    t += 59_000;
    expect(await c.through('k', load, keep)).toBe(1);
    t += 1_000;
    expect(await c.through('k', load, keep)).toBe(2);
    settled = true;
    t += 5 * 60_000;
    expect(await c.through('k', load, keep)).toBe(2);
    t += 5 * 60_000;
    expect(await c.through('k', load, keep)).toBe(3);
  });
});

describe('PublishedDays and insightKeep', () => {
  const t = Date.UTC(2025, 4, 10, 12);
  const RECHECK = 10 * 60_000;

  it('remembers the latest partition seen per subject, never going back', () => {
    const days = new PublishedDays();
    expect(days.latestOf('a')).toBeNull();
    days.note('a', [20250505, 20250507, 20250506]);
    days.note('a', [20250501]);
    days.note('a', []);
    expect(days.latestOf('a')).toBe(20250507);
    expect(days.latestOf('b')).toBeNull();
    expect(days.settled('a', 20250506)).toBe(true);
    expect(days.settled('a', 20250507)).toBe(false);
    expect(days.settled('b', 20250101)).toBe(false);
  });

  it('is bounded: the least recently noted subject is forgotten first', () => {
    const days = new PublishedDays(2);
    days.note('a', [20250501]);
    days.note('b', [20250501]);
    days.note('a', [20250502]);
    days.note('c', [20250501]);
    expect(days.latestOf('b')).toBeNull();
    expect(days.latestOf('a')).toBe(20250502);
  });

  it('trusts an answer for the recheck time, and for a day once a later day is published', () => {
    const days = new PublishedDays();
    const keep = insightKeep(t, 's', 20250509, days, RECHECK);
    expect(keep.until).toBe(t + SETTLED_TTL_MS);
    expect(keep.trustedUntil).toBe(t + RECHECK);
    expect(keep.settled?.()).toBe(false);
    days.note('other subject', [20250510]);
    expect(keep.settled?.()).toBe(false);
    days.note('s', [20250509]);
    expect(keep.settled?.()).toBe(false);
    days.note('s', [20250510]);
    expect(keep.settled?.()).toBe(true);
  });
});
