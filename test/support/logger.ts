import pino from 'pino';
import { createLogger, type Logger } from '../../src/logging/logger';

/** A logger that writes nothing: for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** A real logger (scrubbing included) whose lines the test reads back as objects. */
export function capturingLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const { logger } = createLogger({ level: 'debug', destination: { write: (s: string) => chunks.push(s) } });
  return { logger, lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>), text: () => chunks.join('') };
}
