import { InFlight } from '../../../src/slack/inflight';

/** A promise and its resolver: work that ends when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const nextLoop = () => new Promise((resolve) => setImmediate(resolve));

describe('InFlight: answers after acks, bounded', () => {
  it('starts background work only after the code that queued it (the ack) has run', async () => {
    const q = new InFlight();
    const order: string[] = [];
    q.run(async () => void order.push('answer'), () => undefined);
    order.push('ack');
    await Promise.resolve();
    expect(order).toEqual(['ack']);
    await q.drain(1_000);
    expect(order).toEqual(['ack', 'answer']);
  });

  it('runs at most `concurrency` at once; the rest wait their turn and all finish', async () => {
    const q = new InFlight({ concurrency: 2, maxWaiting: 10 });
    const gates = [gate(), gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    const done: number[] = [];
    gates.forEach((g, i) =>
      q.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await g.promise;
        running -= 1;
        done.push(i);
      }, () => undefined),
    );
    for (let i = 0; i < 5; i += 1) await nextLoop();
    expect(running).toBe(2);
    for (const g of gates) g.open();
    expect(await q.drain(1_000)).toBe(0);
    expect(most).toBe(2);
    expect(done.sort()).toEqual([0, 1, 2, 3]);
  });

  it('has room until `concurrency` run and `maxWaiting` wait; a finished one makes room again', async () => {
    const q = new InFlight({ concurrency: 1, maxWaiting: 2 });
    const g = gate();
    expect(q.hasRoom()).toBe(true);
    q.run(() => g.promise, () => undefined);
    expect(q.hasRoom()).toBe(true);
    q.run(() => g.promise, () => undefined);
    q.run(() => g.promise, () => undefined);
    await nextLoop();
    expect(q.hasRoom()).toBe(false);
    expect(q.size).toBe(3);
    g.open();
    await q.drain(1_000);
    expect(q.hasRoom()).toBe(true);
  });

  it('gives at most `stepsPerTurn` turns per event-loop iteration, so requests read meanwhile go first', async () => {
    const q = new InFlight({ stepsPerTurn: 2 });
    const given: number[] = [];
    // One tick per event-loop iteration: an immediate queued from an immediate runs in the next one.
    let iteration = 0;
    let ticking = true;
    const tick = () => {
      iteration += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await Promise.all(Array.from({ length: 6 }, async () => {
      await q.turn();
      given.push(iteration);
    }));
    ticking = false;
    // Six turns, two per iteration: three distinct iterations at least.
    expect(new Set(given).size).toBeGreaterThanOrEqual(3);
    const perIteration = new Map<number, number>();
    for (const i of given) perIteration.set(i, (perIteration.get(i) ?? 0) + 1);
    expect(Math.max(...perIteration.values())).toBeLessThanOrEqual(2);
  });

  it('hands errors to onError and keeps going', async () => {
    const q = new InFlight({ concurrency: 1 });
    const errors: unknown[] = [];
    q.run(async () => {
      throw new Error('boom');
    }, (err) => errors.push(err));
    let ran = false;
    q.run(async () => void (ran = true), () => undefined);
    await q.drain(1_000);
    expect(errors).toEqual([new Error('boom')]);
    expect(ran).toBe(true);
  });

  it('reports busy refusals at most every 10 s, with how many there were', () => {
    const q = new InFlight();
    expect(q.noteBusy(1_000)).toBe(1);
    expect(q.noteBusy(2_000)).toBeNull();
    expect(q.noteBusy(5_000)).toBeNull();
    expect(q.noteBusy(11_000)).toBe(3);
  });
});
