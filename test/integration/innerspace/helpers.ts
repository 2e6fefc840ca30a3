import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import { AppError } from '../../../src/errors';
import { factsOf } from '../../support/error-facts';
import { createInnerSpaceClient, type InnerSpaceClient, type InnerSpaceClientOptions } from '../../../src/innerspace';
import type { RunningSimulator } from '../../../dev/simulator';
import { PATIENT_INNERSPACE } from '../../support/patience';

export const NIL = '00000000-0000-0000-0000-000000000000';
/** The simulator's clock in these tests: Toronto has published through 2025-06-09. */
export const SIM_NOW = new Date('2025-06-10T12:00:00Z');
export const YESTERDAY = 20250609;

export type Mode = 'session' | 'bearer';

export function clientFor(sim: RunningSimulator, mode: Mode, over: Partial<InnerSpaceClientOptions> = {}): InnerSpaceClient {
  return createInnerSpaceClient({
    auth: mode,
    tokenUrl: mode === 'session' ? sim.sessionTokenUrl : sim.bearerTokenUrl,
    apiUrl: mode === 'session' ? sim.apiUrl : sim.bearerApiUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    audience: sim.audience,
    groupId: NIL,
    // Tests about timeouts and deadlines set their own; elsewhere a slow machine must not cause retries.
    ...PATIENT_INNERSPACE,
    logger: pino({ level: 'silent' }),
    now: () => SIM_NOW,
    random: () => 0,
    ...over,
  });
}

export function memoryLogger(): { logger: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), text: () => chunks.join('') };
}

/** How a call failed: its code, the typed facts it carries (see factsOf) and its message. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; facts: Record<string, unknown>; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, facts: factsOf(err), message: err.message };
    return { code: 'NONE', facts: {}, message: (err as Error).message };
  }
  throw new Error('expected the call to fail');
}
