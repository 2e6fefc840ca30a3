/**
 * Spawning and stopping postgres-server.mjs: node built-ins only, so jest's global setup loads
 * it without compiling the rest of test/support or src/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where jest's global setup says its server's state file is. */
export const STATE_ENV = 'OCCUPANCY_TEST_PG_STATE';
const SERVER_SCRIPT = join(__dirname, 'postgres-server.mjs');
/** How long a server may take to stop (remove its files) before it is killed. */
const STOP_MS = 60_000;

/** Spawns postgres-server.mjs; it stops the server when our end of its stdin closes. */
export function spawnServer(stateFile?: string): ChildProcess {
  if (!existsSync(SERVER_SCRIPT)) throw new Error(`${SERVER_SCRIPT} is missing`);
  const child = spawn(process.execPath, [SERVER_SCRIPT, ...(stateFile ? ['--state', stateFile] : [])], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stderr!.setEncoding('utf8');
  return child;
}

/** Asks a spawned server to stop and waits until it has (its files removed). */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGTERM'), STOP_MS);
  await exited;
  clearTimeout(timer);
}
