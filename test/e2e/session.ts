/**
 * One browser session on local mode, as a person would use it: the real app (embedded Slack
 * workspace, InnerSpace simulator, SQLite file) and Debian's Chromium driven by playwright-core.
 * Each browser-test file opens its own session, so topics stay in files of their own.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, Locator, Page } from 'playwright-core';
import { createLocalTools } from '../../dev/local';
import { FakeQuickChartServer } from '../fakes/quickchart-server';
import { startApp, type RunningApp } from '../../src/app';
import { ShiftableClock } from '../../src/clock';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging/logger';
import { launchChromium } from './browser';

/** Wed 25 Nov 2026, 09:50 in Toronto (building 71): a 10:00 digest is ten minutes away. */
export const START = Date.parse('2026-11-25T14:50:00Z');
const SHOTS = join(__dirname, '../../artifacts/screenshots');
export const WAIT = 20_000;
/** Finding the browser may mean installing one (see browser.ts): minutes on a fresh machine. */
export const BRING_BROWSER_MS = 15 * 60_000;

/** A running app and a page on its console. */
export interface Session {
  readonly app: RunningApp;
  readonly page: Page;
  readonly logs: string[];
  /** Uncaught errors in the page; each file's afterEach expects none. */
  readonly pageErrors: string[];
  /** The directory of the session's files (the SQLite store is `bot.db` in it). */
  readonly dir: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Where the app's clock starts (default START). */
  readonly start?: number;
  /** Extra environment for loadConfig. */
  readonly env?: Record<string, string>;
  /** Reuse a directory (and its store) from an earlier session of the same file. */
  readonly dir?: string;
}

/**
 * Starts the app on a fresh store and a page showing the console's #general. The browser is
 * launched by the caller (once per file, in its own beforeAll with BRING_BROWSER_MS).
 */
export async function openSession(browser: Browser, opts: SessionOptions = {}): Promise<Session> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'occupancy-e2e-'));
  const logs: string[] = [];
  const pageErrors: string[] = [];
  // The embedded Slack downloads every chart before it takes a message, as Slack does: the
  // chart server must answer (the machine may have no internet to reach quickchart.io).
  const charts = await FakeQuickChartServer.start();
  const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn', QUICKCHART_URL: charts.baseUrl, ...opts.env });
  const { logger } = createLogger({
    level: config.logLevel,
    destination: new Writable({
      write(chunk, _enc, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  });
  const app = await startApp({ config, logger, clock: new ShiftableClock(Date.now, opts.start ?? START), host: '127.0.0.1', drainTimeoutMs: 2000, local: createLocalTools() });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.setDefaultTimeout(WAIT);
  await page.goto(`http://127.0.0.1:${app.port}/`);
  await page.locator('#channel-list .nav-item', { hasText: 'general' }).waitFor();
  return {
    app,
    page,
    logs,
    pageErrors,
    dir,
    async close() {
      await page.close().catch(() => undefined);
      await app.stop();
      await charts.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under artifacts/screenshots (the README's pictures come from there). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

/** Types a message (or a slash command) in the open conversation and sends it. */
export async function send(page: Page, text: string): Promise<void> {
  await page.fill('#composer-input', text);
  await page.press('#composer-input', 'Enter');
}

/** Opens a channel or DM from the sidebar and waits for its title. */
export async function open(page: Page, list: '#channel-list' | '#dm-list', label: string): Promise<void> {
  await page.locator(`${list} .nav-item`, { hasText: label }).click();
  await page.locator('#conv-title', { hasText: label }).waitFor();
}

/** Clicks a demo control and waits for the app to have done what it asked. */
export async function demo(page: Page, button: Locator, path: string): Promise<Record<string, unknown>> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/console/api/${path}`)), button.click()]);
  expect(res.status()).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** What ink() reads of a <canvas> in the page (the test program has no DOM lib). */
interface PageCanvas {
  readonly width: number;
  readonly height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

/** How many pixels of a drawn chart are not background: a blank canvas has none. */
export async function ink(canvas: Locator): Promise<number> {
  await canvas.waitFor();
  return canvas.evaluate((c: PageCanvas) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i + 3] ?? 0) > 0 && ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200)) n += 1;
    return n;
  });
}

/** A message in the open conversation whose header block contains the text. */
export function messageWithHeader(page: Page, text: string, opts: { ephemeral?: boolean } = {}): Locator {
  const selector = opts.ephemeral === undefined ? '#pane .msg' : opts.ephemeral ? '#pane .msg.msg-ephemeral' : '#pane .msg:not(.msg-ephemeral)';
  return page.locator(selector, { has: page.locator('.bk-header', { hasText: text }) });
}

/** What a browser-test file reads once its hooks have run. */
export interface BrowserTest {
  readonly browser: Browser;
  readonly session: Session;
  readonly page: Page;
}

/**
 * The hooks every browser-test file shares: Chromium (found or installed, see browser.ts), one
 * session on local mode, closed afterwards, and no uncaught error in the page after any step.
 */
export function useBrowserSession(opts: SessionOptions = {}): BrowserTest {
  let browser: Browser | undefined;
  let session: Session | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, BRING_BROWSER_MS);
  beforeAll(async () => {
    if (!browser) return; // the hook above failed, and its message says why
    session = await openSession(browser, opts);
  });
  afterAll(async () => {
    await session?.close();
    await browser?.close();
  });
  afterEach(() => {
    // Uncaught errors in the page fail the step they happened in.
    expect(session?.pageErrors).toEqual([]);
  });
  const opened = (): { browser: Browser; session: Session } => {
    if (!browser || !session) throw new Error('the browser session did not open; the first failing hook says why');
    return { browser, session };
  };
  return {
    get browser() {
      return opened().browser;
    },
    get session() {
      return opened().session;
    },
    get page() {
      return opened().session.page;
    },
  };
}
