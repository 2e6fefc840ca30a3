import { EventEmitter } from 'node:events';
import { installCrashPolicy } from '../../../src/logging/crash-policy';
import { capturingLogger } from '../../support/logger';

function setUp(max?: number) {
  const proc = new EventEmitter();
  const { logger, lines } = capturingLogger();
  const exits: { code: number; why: string }[] = [];
  let t = 0;
  installCrashPolicy(proc, { logger, stopAndExit: (code, why) => exits.push({ code, why }), now: () => t, ...(max !== undefined ? { maxRejectionsPerMinute: max } : {}) });
  return { proc, lines, exits, tick: (ms: number) => (t += ms) };
}

describe('the crash policy', () => {
  it('logs an unhandled rejection and keeps serving', () => {
    const { proc, lines, exits } = setUp();
    proc.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'ssl_check')"));
    expect(exits).toEqual([]);
    expect(lines().at(-1)).toMatchObject({ level: 50, msg: expect.stringContaining('keeps serving'), err: { message: expect.stringContaining('ssl_check') } });
  });

  it('stops cleanly after a burst of rejections, not after the same number spread out', () => {
    const spread = setUp(3);
    for (let i = 0; i < 10; i += 1) {
      spread.proc.emit('unhandledRejection', new Error('x'));
      spread.tick(30_000);
    }
    expect(spread.exits).toEqual([]);
    const burst = setUp(3);
    for (let i = 0; i < 4; i += 1) burst.proc.emit('unhandledRejection', new Error('x'));
    expect(burst.exits).toEqual([{ code: 1, why: 'more than 3 unhandled rejections in a minute' }]);
  });

  it('stops cleanly and exits 1 after an uncaught exception', () => {
    const { proc, lines, exits } = setUp();
    proc.emit('uncaughtException', new Error('boom'));
    expect(exits).toEqual([{ code: 1, why: 'uncaught exception' }]);
    expect(lines().at(-1)).toMatchObject({ level: 60, err: { message: 'boom' } });
  });
});
