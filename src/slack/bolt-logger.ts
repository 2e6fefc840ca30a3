import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logging/logger';

const TO_PINO: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt's logger interface over our pino logger, so Bolt's lines share the scrubbing and format. */
export function boltLoggerFrom(parent: Logger): BoltLogger {
  let log = parent.child({ component: 'bolt' });
  const fmt = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : safeJson(m))).join(' ');
  return {
    debug: (...msgs: unknown[]) => log.debug(fmt(msgs)),
    info: (...msgs: unknown[]) => log.info(fmt(msgs)),
    warn: (...msgs: unknown[]) => log.warn(fmt(msgs)),
    error: (...msgs: unknown[]) => log.error(fmt(msgs)),
    setLevel: () => {
      // The level is the process's LOG_LEVEL; Bolt does not get to change it.
    },
    getLevel: () => {
      const level = log.level;
      const entry = Object.entries(TO_PINO).find(([, v]) => v === level);
      return (entry?.[0] as LogLevel | undefined) ?? LogLevel.INFO;
    },
    setName: (name: string) => {
      log = parent.child({ component: name });
    },
  };
}

function safeJson(v: unknown): string {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
