/**
 * jest's global setup and teardown for the PostgreSQL server (test/support/postgres.ts): starts
 * the embedded server in the background, so a run that never asks for a database pays no wait
 * (tests that do ask wait for it there), and stops it after the last suite. With
 * TEST_DATABASE_URL set there is nothing to start.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, STATE_ENV, stopServer } from './postgres-process';

interface Started {
  child: ChildProcess;
  dir: string;
}

const KEY = Symbol.for('occupancy-bot.test-postgres');
type WithServer = typeof globalThis & { [KEY]?: Started };

export async function setup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL?.trim()) return;
  const dir = mkdtempSync(join(tmpdir(), 'occupancy-pg-state-'));
  const stateFile = join(dir, 'state.json');
  const child = spawnServer(stateFile);
  // Its output goes to the state file; what it prints is not needed here.
  child.stdout?.resume();
  child.stderr?.resume();
  // Read by the test workers, which jest starts after this returns.
  process.env[STATE_ENV] = stateFile;
  (globalThis as WithServer)[KEY] = { child, dir };
}

export async function teardown(): Promise<void> {
  const started = (globalThis as WithServer)[KEY];
  if (!started) return;
  await stopServer(started.child);
  rmSync(started.dir, { recursive: true, force: true });
}
