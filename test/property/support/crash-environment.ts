/**
 * The node test environment, plus a record of every uncaught exception and unhandled rejection
 * jest saw while a test ran (its `error` event), in `globalThis.__crashes`: the property files
 * assert none happened. The app runs inside the test's context, whose `process` is a copy, so a
 * listener added there would never hear the real process's events; the environment does.
 */
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

export default class CrashRecordingEnvironment extends TestEnvironment {
  private readonly crashes: string[] = [];

  constructor(...args: ConstructorParameters<typeof TestEnvironment>) {
    super(...args);
    this.global.__crashes = this.crashes;
  }

  handleTestEvent(event: Circus.Event): void {
    if (event.name === 'error') this.crashes.push(String((event.error as Error | undefined)?.stack ?? event.error));
  }
}
