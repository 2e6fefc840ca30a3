import type { ApiCall, ResponsePost } from './types';

/** What arrived at the workspace, kept for assertions, plus a way to wait for what has not arrived yet. */
export class Recorder {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  private readonly waiters = new Set<() => void>();

  /** Re-runs pending `waitFor` probes; called after every recorded call and state change. */
  notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /**
   * Resolves with the first truthy value `probe` returns, checking now and after every change;
   * rejects after `timeoutMs` with `describe()` in the message to show what did arrive.
   */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined | null | false;
        try {
          value = probe();
        } catch (e) {
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
          return true;
        }
        if (value === undefined || value === null || value === false) return false;
        done();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`waitFor timed out after ${timeoutMs} ms; ${describe()}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = (): void => {
        check();
      };
      this.waiters.add(waiter);
      check();
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }
}
