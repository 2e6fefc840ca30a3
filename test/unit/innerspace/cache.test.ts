import { insightExpiry, ResultCache, UNSETTLED_TTL_MS } from '../../../src/innerspace/cache';

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

describe('insightExpiry', () => {
  const at = (iso: string) => new Date(iso);
  it('settled days last until the next 06:00 UTC', () => {
    expect(insightExpiry(at('2025-05-10T12:00:00Z'), 20250505)).toBe(Date.parse('2025-05-11T06:00:00Z'));
    expect(insightExpiry(at('2025-05-10T05:00:00Z'), 20250505)).toBe(Date.parse('2025-05-10T06:00:00Z'));
  });

  it('a day counts as settled from 06:00 UTC two days after it', () => {
    expect(insightExpiry(at('2025-05-10T05:59:00Z'), 20250508)).toBe(Date.parse('2025-05-10T05:59:00Z') + UNSETTLED_TTL_MS);
    expect(insightExpiry(at('2025-05-10T06:00:00Z'), 20250508)).toBe(Date.parse('2025-05-11T06:00:00Z'));
  });

  it('yesterday, today and future days are kept briefly', () => {
    const now = at('2025-05-10T12:00:00Z');
    for (const d of [20250509, 20250510, 20250601]) expect(insightExpiry(now, d)).toBe(now.getTime() + UNSETTLED_TTL_MS);
  });
});
