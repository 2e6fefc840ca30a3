import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/**
 * Flags for a root sandbox with a closed network: without the background-networking ones
 * Chromium keeps trying Google's hosts. Playwright adds --headless and a fresh profile.
 */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Debian, Ubuntu and Google's packages put the browser, in the order they are tried. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

/** What to do when no browser can be found or brought; every failure message ends with it. */
export const HOW_TO_GET_ONE =
  'Install one with "apt-get install -y chromium" (Debian/Ubuntu; .ci/run does this), or "npx playwright-core install chromium-headless-shell", ' +
  'or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** A browser the tests can launch: an executable file, or playwright's own download (no path). */
export interface FoundBrowser {
  readonly executablePath?: string;
  readonly from: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when playwright-core finds a browser it downloaded itself (its cache, or PLAYWRIGHT_BROWSERS_PATH). */
async function playwrightHasOne(): Promise<boolean> {
  try {
    const browser = await chromium.launch({ args: ARGS });
    await browser.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * CHROMIUM_PATH when set (and then only it: a wrong path is an error, not a reason to pick
 * another browser), else the usual system paths, else playwright's browser cache.
 */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemPaths: readonly string[] = SYSTEM_CHROMIUM_PATHS,
  playwrightCache: () => Promise<boolean> = playwrightHasOne,
): Promise<FoundBrowser | null> {
  const chosen = env.CHROMIUM_PATH;
  if (chosen !== undefined && chosen !== '') {
    if (!existsSync(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, but there is no such file. ${HOW_TO_GET_ONE}`);
    if (!isExecutable(chosen)) throw new Error(`CHROMIUM_PATH is ${chosen}, but that file is not executable. ${HOW_TO_GET_ONE}`);
    return { executablePath: chosen, from: 'CHROMIUM_PATH' };
  }
  const system = systemPaths.find(isExecutable);
  if (system) return { executablePath: system, from: system };
  if (await playwrightCache()) return { from: "playwright's browser cache" };
  return null;
}

interface Attempt {
  readonly what: string;
  readonly ok: boolean;
  readonly detail: string;
}

function run(what: string, cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Attempt {
  const res = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 10 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (res.error) return { what, ok: false, detail: res.error.message };
  const tail = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  return { what, ok: res.status === 0, detail: res.status === 0 ? 'done' : `exit ${res.status ?? res.signal}: ${tail}` };
}

/**
 * Tries to bring a browser onto a machine that has none: Debian's chromium through apt-get
 * when running as root where apt-get exists (what .ci/run installs), then playwright-core's
 * own download. Both need the network; the attempts are reported either way.
 */
export function bringChromium(): Attempt[] {
  const attempts: Attempt[] = [];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && isExecutable('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    // Another test run may be installing at the same moment: wait for dpkg's lock instead of failing.
    const lock = ['-o', 'DPkg::Lock::Timeout=300'];
    const update = run('apt-get update', 'apt-get', [...lock, 'update'], env);
    attempts.push(update);
    if (update.ok) attempts.push(run('apt-get install chromium', 'apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'chromium'], env));
    if (attempts.at(-1)?.ok) return attempts;
  }
  const cli = join(dirname(require.resolve('playwright-core/package.json')), 'cli.js');
  attempts.push(run('playwright-core install chromium-headless-shell', process.execPath, [cli, 'install', '--no-progress', 'chromium-headless-shell']));
  return attempts;
}

/**
 * A browser for the test, found or brought. Never skips: a machine without one fails here,
 * saying what was tried and how to get one.
 */
export async function resolveChromium(): Promise<FoundBrowser> {
  const found = await findChromium();
  if (found) return found;
  const attempts = bringChromium();
  const brought = await findChromium();
  if (brought) return brought;
  const tried = attempts.map((a) => `${a.what}: ${a.detail}`).join('; ');
  throw new Error(
    `No Chromium found (CHROMIUM_PATH unset; none of ${SYSTEM_CHROMIUM_PATHS.join(', ')}; nothing in playwright's browser cache), ` +
      `and bringing one failed (${tried || 'nothing to try'}). ${HOW_TO_GET_ONE}`,
  );
}

/** Launches the browser the test resolved. */
export async function launchChromium(): Promise<Browser> {
  const found = await resolveChromium();
  const options: LaunchOptions = { args: ARGS, ...(found.executablePath ? { executablePath: found.executablePath } : {}) };
  return chromium.launch(options);
}
