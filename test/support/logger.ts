import pino from 'pino';
import type { Logger } from '../../src/logging/logger';

/** A logger that writes nothing: for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
