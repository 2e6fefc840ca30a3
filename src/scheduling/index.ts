/**
 * The only code that knows node-cron. node-cron is a timer here, never the record of what ran:
 * jobs read the store to decide what is due, so a missed or doubled tick changes nothing.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logging/logger';

export interface TimerHandle {
  stop(): Promise<void>;
  /** Runs the job now (tests, local mode's "run due digests now"), waiting for it to finish. */
  runNow(): Promise<void>;
}

export interface Scheduler {
  /**
   * Runs `job` on a node-cron expression (5 or 6 fields) in a time zone. Ticks never overlap:
   * a tick that comes while the previous run is still going is skipped. The job hears the
   * instant the tick was scheduled for (ISO, the same on every replica whatever its timer's
   * delay), or null when run by hand.
   */
  every(name: string, expression: string, job: (scheduledFor: string | null) => Promise<void>, opts?: { timezone?: string }): TimerHandle;
  stopAll(): Promise<void>;
}

export function createCronScheduler(logger: Logger): Scheduler {
  const handles = new Set<TimerHandle>();
  return {
    every(name, expression, job, opts = {}) {
      const log = logger.child({ job: name });
      let running: Promise<void> | null = null;
      const run = async (scheduledFor: string | null = null) => {
        if (running) {
          log.debug('previous run still going; tick skipped');
          return running;
        }
        running = (async () => {
          try {
            await job(scheduledFor);
          } catch (err) {
            log.error({ err }, 'scheduled job failed');
          }
        })();
        try {
          await running;
        } finally {
          running = null;
        }
      };
      const task: ScheduledTask = cron.schedule(expression, (ctx) => void run(scheduledInstant(ctx.date)), {
        name,
        ...(opts.timezone ? { timezone: opts.timezone } : {}),
      });
      const handle: TimerHandle = {
        async stop() {
          await task.stop();
          await task.destroy();
          if (running) await running;
          handles.delete(handle);
        },
        runNow: () => run(null),
      };
      handles.add(handle);
      return handle;
    },
    async stopAll() {
      await Promise.all([...handles].map((h) => h.stop()));
    },
  };
}

/** The tick's scheduled time to the second: what every replica's timer agrees on. */
function scheduledInstant(date: Date | undefined): string | null {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) return null;
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString();
}
