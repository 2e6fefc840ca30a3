/**
 * The local console behaving as Slack does where it used not to: typing in a form the app
 * redraws, `/invite`, channel names, over-long text, and one clock across restarts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import * as s from './session';

let browser: Browser;
let session: s.Session;
let page: Page;
/** A store directory this file made itself (the sessions on it leave it in place). */
let dir: string | undefined;

beforeAll(async () => {
  browser = await launchChromium();
}, s.BRING_BROWSER_MS);

beforeAll(async () => {
  if (!browser) return; // the hook above failed, and its message says why
  session = await s.openSession(browser);
  ({ page } = session);
});

afterAll(async () => {
  await session?.close();
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

const send = (text: string) => s.send(page, text);
const open = (list: '#channel-list' | '#dm-list', label: string) => s.open(page, list, label);

/** What the page last drew of its modal (the view's id and hash): changes with each views.update. */
function drawnModal(): Promise<string | null> {
  return page.evaluate(() => (globalThis as unknown as { OccConsole: { ui: { modalKey: string | null } } }).OccConsole.ui.modalKey);
}

/** Waits until the page has drawn a newer version of the modal than `before`. */
async function redrawnSince(before: string | null): Promise<void> {
  await page.waitForFunction((b) => {
    const key = (globalThis as unknown as { OccConsole: { ui: { modalKey: string | null } } }).OccConsole.ui.modalKey;
    return key !== null && key !== b;
  }, before);
}

async function actAs(name: string): Promise<void> {
  const picker = page.locator('#user-picker');
  const value = await picker.locator('option', { hasText: `(@${name})` }).getAttribute('value');
  await picker.selectOption(value!);
  await page.waitForFunction((id) => (globalThis as unknown as { OccConsole: { ui: { snap: { viewer: string } } } }).OccConsole.ui.snap.viewer === id, value);
}

/** The bot's own Web API call, as the app would make it (the workspace is the app's own). */
async function botPost(channel: string, text: string): Promise<void> {
  const ws = session.app.workspace!;
  const res = await fetch(`${ws.apiUrl.replace(/\/$/, '')}/chat.postMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${ws.botToken}` },
    body: JSON.stringify({ channel, text }),
  });
  expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
}

describe('the console as Slack', () => {
  it('keeps the caret where one types while the form redraws', async () => {
    await open('#channel-list', 'facilities');
    await send('/occupancy subscribe');
    const modal = page.locator('.modal', { hasText: 'New alert' });
    await modal.waitFor();
    await modal.locator('[data-block-id="sub_scope_id"] input.bk-suggest').fill('DEMO');
    let before = await drawnModal();
    await modal.getByRole('radio', { name: 'DEMO (71)' }).check();
    await redrawnSince(before);

    const threshold = modal.locator('[data-block-id="sub_threshold"] input');
    await threshold.click();
    before = await drawnModal();
    await page.keyboard.type('7');
    await redrawnSince(before);
    before = await drawnModal();
    await page.keyboard.type('1');
    await redrawnSince(before);
    expect(await threshold.inputValue()).toBe('71');
    expect(await threshold.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);

    await threshold.fill('');
    before = await drawnModal();
    await page.keyboard.type('100');
    await redrawnSince(before);
    before = await drawnModal();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('20');
    await redrawnSince(before);
    expect(await threshold.inputValue()).toBe('120');
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'detached' });
  });

  it('takes /invite @occupancy in a channel, as Slack adds a member', async () => {
    await open('#channel-list', 'exec');
    await send('/invite @occupancy');
    const joined = page.locator('#pane .msg', { hasText: 'joined #exec' });
    await joined.waitFor();
    expect(await joined.innerText()).toContain('added by @ada');
    expect(await page.locator('#pane .msg', { hasText: 'not a valid command' }).count()).toBe(0);
    const inExec = () =>
      page.evaluate(() => (globalThis as unknown as { OccConsole: { ui: { snap: { channels: { name: string; botMember: boolean }[] } } } }).OccConsole.ui.snap.channels.find((c) => c.name === 'exec')?.botMember);
    expect(await inExec()).toBe(true);
    // What the bot asked the invitation for: it can post in the private channel now.
    await send('/occupancy digest add building 71 at 08:00 weekdays');
    await page.locator('#pane .msg.msg-ephemeral', { hasText: /Digest #\d+ is set up/ }).waitFor();

    // Again: Slack says who is in already, and changes nothing.
    await send('/invite @occupancy');
    await page.locator('#pane .msg.msg-ephemeral', { hasText: '@occupancy is already in this channel' }).waitFor();
    await send('/invite @nobody');
    await page.locator('#pane .msg.msg-ephemeral', { hasText: 'No one here is called @nobody' }).waitFor();
    expect(await joined.count()).toBe(1);

    // A person too: Grace now sees the private channel.
    await send('/invite @grace');
    await page.locator('#pane .msg', { hasText: '@grace joined #exec' }).waitFor();
    await actAs('grace');
    await page.locator('#channel-list .nav-item', { hasText: 'exec' }).waitFor();
    await actAs('ada');
  });

  it("names public channels a person isn't in, as Slack does", async () => {
    await botPost('C0GENERAL', 'Digests go to <#C0FACILITY> and <#C0EXEC>');
    await actAs('margaret');
    await open('#channel-list', 'general');
    const msg = page.locator('#pane .msg', { hasText: 'Digests go to' });
    await msg.waitFor();
    const text = await msg.innerText();
    expect(text).toContain('#facilities');
    expect(text).not.toContain('C0FACILITY');
    // A private channel of others stays private, by name too.
    expect(text).not.toContain('exec');
    expect(text).toContain('#private-channel');
    await actAs('ada');
  });

  it("says a message is too long as Slack's composer does, keeping what was typed", async () => {
    await open('#channel-list', 'random');
    const long = '/occupancy building 71 ' + 'x'.repeat(4001);
    await send(long);
    const note = page.locator('#composer-note');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/too long.*4,000 characters.*Shorten it by 24 characters/s);
    expect(await page.locator('#composer-input').inputValue()).toBe(long);
    expect(await page.locator('#toast').isVisible()).toBe(false);
    // Shorter, it goes; the note goes with it.
    await send('a message of ordinary length');
    await page.locator('#pane .msg', { hasText: 'a message of ordinary length' }).waitFor();
    expect(await note.isVisible()).toBe(false);
  });
});

describe('one clock across restarts', () => {
  beforeAll(async () => {
    if (!browser) return;
    // This file's second session keeps its store in a directory of its own, to start again on it.
    await session.close();
    dir = mkdtempSync(join(tmpdir(), 'occupancy-e2e-'));
    session = await s.openSession(browser, { dir });
    ({ page } = session);
  });

  it('resumes the clock where it was, and Home and digest list agree on the next run', async () => {
    await open('#channel-list', 'facilities');
    await send('/occupancy digest add building 71 at 10:00 daily');
    await page.locator('#pane .msg', { hasText: '10:00' }).first().waitFor();
    // 10:05 in Toronto: today's run goes out.
    await s.demo(page, page.getByRole('button', { name: '+15 min' }), 'demo/advance');
    await s.messageWithHeader(page, 'Occupancy for', { ephemeral: false }).first().waitFor();
    const before = session.app.clock.now();

    // The same store, and a clock that starts where every session starts (START).
    await session.close();
    session = await s.openSession(browser, { dir });
    ({ page } = session);
    expect(session.app.clock.now()).toBeGreaterThanOrEqual(before);
    expect(await page.locator('#clock').innerText()).toContain('Wed 25 Nov 15:0');

    await open('#channel-list', 'facilities');
    await send('/occupancy digest list');
    const list = page.locator('#pane .msg.msg-ephemeral', { hasText: 'Digest #' }).last();
    await list.waitFor();
    const listed = /Next run: ([^·\n]+)/.exec(await list.innerText())?.[1]?.trim();
    expect(listed).toContain('Thu 26 Nov');

    await page.locator('#nav-home').click();
    const home = page.locator('#pane .home-view');
    await home.locator('text=Digest #').first().waitFor();
    const onHome = /Next run: ([^·\n]+)/.exec(await home.innerText())?.[1]?.trim();
    expect(onHome).toBe(listed);
  });
});
