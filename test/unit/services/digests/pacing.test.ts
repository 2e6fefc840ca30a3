import { ChannelPacer, realPacingClock, runPaced, type PacedJob, type PacingClock } from '../../../../src/services/digests/pacing';
import { SharedChannelPacer } from '../../../../src/services/digests/shared-pacing';
import { openStore } from '../../../../src/storage';
import type { Store } from '../../../../src/ports/store';
import { silentLogger } from '../../../support/logger';

/** Time that moves only when someone sleeps: turn order no longer depends on a busy machine. */
function virtualClock(): PacingClock {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      await Promise.resolve();
      t += ms;
    },
  };
}

describe('runPaced', () => {
  function jobs(spec: readonly [string, string][], log: string[], active: { now: number; max: number }): PacedJob[] {
    return spec.map(([channel, name]) => ({
      channel,
      run: async () => {
        active.now += 1;
        active.max = Math.max(active.max, active.now);
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${name}`);
        active.now -= 1;
      },
    }));
  }

  it('keeps each channel in order and lets a ready channel go while another waits its turn', async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer(clock, 40);
    const log: string[] = [];
    const active = { now: 0, max: 0 };
    const run = jobs([['A', 'a1'], ['A', 'a2'], ['A', 'a3'], ['B', 'b1']], log, active);
    // Each job takes its channel's turn, as postMessages does.
    const paced = run.map((j) => ({ channel: j.channel, run: async () => { await pacer.take(j.channel); await j.run(); } }));
    await runPaced(paced, { concurrency: 1, pacer, clock });
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start a1', 'start b1', 'start a2', 'start a3']);
    expect(active.max).toBe(1);
  });

  it('never runs more than `concurrency` jobs, nor two of one channel at once', async () => {
    const pacer = new ChannelPacer(realPacingClock, 0);
    const log: string[] = [];
    const active = { now: 0, max: 0 };
    const spec = Array.from({ length: 12 }, (_, i) => [`C${i % 4}`, `j${i}`] as [string, string]);
    const perChannel = new Map<string, number>();
    let overlap = false;
    const run = jobs(spec, log, active).map((j) => ({
      channel: j.channel,
      run: async () => {
        perChannel.set(j.channel, (perChannel.get(j.channel) ?? 0) + 1);
        if ((perChannel.get(j.channel) ?? 0) > 1) overlap = true;
        await j.run();
        perChannel.set(j.channel, (perChannel.get(j.channel) ?? 1) - 1);
      },
    }));
    await runPaced(run, { concurrency: 3, pacer, clock: realPacingClock });
    expect(log.filter((l) => l.startsWith('end'))).toHaveLength(12);
    expect(active.max).toBe(3);
    expect(overlap).toBe(false);
  });

  it('keeps going when a job throws, and stops starting jobs once told to stop', async () => {
    const pacer = new ChannelPacer(realPacingClock, 0);
    const done: string[] = [];
    let stop = false;
    await runPaced(
      [
        { channel: 'A', run: async () => { throw new Error('boom'); } },
        { channel: 'B', run: async () => { done.push('b'); stop = true; } },
        { channel: 'C', run: async () => { done.push('c'); } },
      ],
      { concurrency: 1, pacer, clock: realPacingClock, stopped: () => stop },
    );
    expect(done).toEqual(['b']);
  });
});

describe('ChannelPacer', () => {
  it('holds a channel off after a 429 and forgets channels whose turn has come', async () => {
    let t = 1000;
    const clock = { now: () => t, sleep: async (ms: number) => { t += ms; } };
    const pacer = new ChannelPacer(clock, 1000);
    await pacer.take('A');
    expect(pacer.waitFor('A')).toBe(1000);
    expect(pacer.waitFor('B')).toBe(0);
    pacer.holdOff('A', 30);
    expect(pacer.waitFor('A')).toBe(30_000);
    await pacer.take('A');
    expect(t).toBe(31_000);
    t += 5000;
    pacer.sweep();
    expect(pacer.waitFor('A')).toBe(0);
  });
});

describe('taking a turn with a parking limit', () => {
  it('waits out a hold within the limit, and gives up on a longer one without taking the turn', async () => {
    const clock = virtualClock();
    const pacer = new ChannelPacer(clock, 1000);
    pacer.holdOff('C', 5);
    expect(await pacer.take('C', { parkAfterMs: 10_000 })).toBe(true);
    expect(clock.now()).toBe(5000);
    pacer.holdOff('C', 120);
    expect(await pacer.take('C', { parkAfterMs: 10_000 })).toBe(false);
    // Nothing slept, nothing taken: the hold is as it was.
    expect(clock.now()).toBe(5000);
    expect(pacer.waitFor('C')).toBe(120_000);
    // Without a limit the hold is waited out, as before.
    expect(await pacer.take('C')).toBe(true);
    expect(clock.now()).toBe(125_000);
  });
});

describe('SharedChannelPacer', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it("parks on a hold another replica recorded in the store, and then leaves the channel's other jobs out of the run", async () => {
    const store = await openStore({ url: 'sqlite::memory:', logger: silentLogger() });
    stores.push(store);
    let wall = 1_000_000;
    const clock = virtualClock();
    const other = new SharedChannelPacer(clock, 1000, store.sendSlots, () => wall, silentLogger(), 'digest:');
    const here = new SharedChannelPacer(virtualClock(), 1000, store.sendSlots, () => wall, silentLogger(), 'digest:');
    other.holdOff('C', 120);
    // holdOff shares the hold in the background: wait until the store has it.
    for (let turn = await store.sendSlots.reserve('digest:C', wall, 0, wall); turn <= wall; turn = await store.sendSlots.reserve('digest:C', wall, 0, wall)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(here.waitFor('C')).toBe(0);
    expect(await here.take('C', { parkAfterMs: 10_000 })).toBe(false);
    expect(here.waitFor('C')).toBeGreaterThan(10_000);
    const ran: string[] = [];
    const left: string[] = [];
    const job = (name: string, channel: string): PacedJob => ({ channel, run: async () => void ran.push(name) });
    const jobs = [job('c1', 'C'), job('d1', 'D')];
    await runPaced(jobs, { concurrency: 2, pacer: here, clock, maxWaitMs: 10_000, onLeft: (j) => left.push(j.channel) });
    expect(ran).toEqual(['d1']);
    expect(left).toEqual(['C']);
    // Once the hold has passed in the store's time, the turn is taken there.
    wall += 121_000;
    expect(await new SharedChannelPacer(virtualClock(), 1000, store.sendSlots, () => wall, silentLogger(), 'digest:').take('C', { parkAfterMs: 10_000 })).toBe(true);
  });
});
