/**
 * What the process does with an error nobody caught.
 *
 * - An unhandled rejection is one promise that failed with nobody listening: the work it was
 *   part of is lost, but no state is half-changed in memory, so the bot logs it and keeps
 *   serving. A burst of them means something is badly wrong: past `maxRejectionsPerMinute`
 *   the process stops cleanly, to be restarted.
 * - An uncaught exception unwound a stack at an unknown point: memory may be inconsistent,
 *   so the bot stops taking requests, lets answers under way finish (the normal stop), and
 *   exits 1.
 */
import type { Logger } from './logger';

export interface CrashPolicyTarget {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
}

export interface CrashPolicyOptions {
  readonly logger: Logger;
  /** The orderly stop (SIGTERM's), then exit with the code. */
  readonly stopAndExit: (code: number, why: string) => void;
  readonly now?: () => number;
  readonly maxRejectionsPerMinute?: number;
}

export function installCrashPolicy(target: CrashPolicyTarget, o: CrashPolicyOptions): void {
  const now = o.now ?? Date.now;
  const limit = o.maxRejectionsPerMinute ?? 100;
  let recent: number[] = [];
  target.on('unhandledRejection', (reason) => {
    const at = now();
    recent = [...recent.filter((t) => at - t < 60_000), at];
    o.logger.error({ err: reason }, 'a promise failed with nobody handling it; the bot keeps serving');
    if (recent.length > limit) o.stopAndExit(1, `more than ${limit} unhandled rejections in a minute`);
  });
  target.on('uncaughtException', (err) => {
    o.logger.fatal({ err }, 'an uncaught exception: stopping cleanly, to be restarted');
    o.stopAndExit(1, 'uncaught exception');
  });
}
