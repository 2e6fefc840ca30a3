/**
 * A grouped alert in a browser (see session.ts): one message for the two night-time episodes of
 * one nightly publish, its chart drawn, then edited in place when the next publish ends the
 * last one, with the follow-up in its thread.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import * as s from './session';

let browser: Browser;
let session: s.Session;
let page: Page;

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
});

afterEach(() => {
  expect(session.pageErrors).toEqual([]);
});

describe('a grouped alert in the console', () => {
  it('tells the episodes of one publish in one message with one chart', async () => {
    await s.open(page, '#channel-list', 'general');
    // Building 71 is empty at night: Wednesday's publish has 00:00–07:00 and 20:00 to midnight.
    await s.send(page, '/occupancy subscribe building 71 below 5 for 2h recover above 50');
    const saved = page.locator('#pane .msg.msg-ephemeral', { hasText: 'one per nightly publish' });
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/would have alerted \d+ times in \d+ messages/);

    const moved = await s.demo(page, page.getByRole('button', { name: '+1 day' }), 'demo/advance');
    expect(moved.alerts).toBe(true);
    await s.open(page, '#dm-list', 'occupancy');
    const alert = page.locator('#pane .msg', { hasText: 'went below 5 people twice' });
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toContain('from 00:00 to 07:00 (low 0 at 00:00); back above 50 from 08:00');
    expect(text).toContain('from 20:00 to 24:00 (low 0 at 22:00) — still below at the end of the data');
    expect(await page.locator('#pane .msg', { hasText: 'below 5 people' }).count()).toBe(1);
    expect(await s.ink(alert.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await alert.scrollIntoViewIfNeeded();
    await s.shot(page, '07-alert-grouped.png');
  });

  it('is edited in place when the next publish ends the last episode, with a reply in its thread', async () => {
    await s.demo(page, page.getByRole('button', { name: '+1 day' }), 'demo/advance');
    const alert = page.locator('#pane .msg', { hasText: 'went below 5 people twice' });
    await alert.filter({ hasText: '🟢' }).waitFor();
    expect(await alert.innerText()).toContain('from 20:00 on Wed 25 Nov to 07:00 on Thu 26 Nov (low 0 at 22:00); back above 50 from 08:00');
    expect(await s.ink(alert.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    // The follow-up went to the message's thread, so followers hear it.
    await alert.locator('.msg-replies', { hasText: '1 reply' }).click();
    const thread = page.locator('#thread');
    await thread.locator('.msg', { hasText: 'Back above 50 people from 08:00 on Thu 26 Nov.' }).waitFor();
    await s.shot(page, '08-alert-grouped-closed.png');
  });
});
