/**
 * A grouped alert in a browser (see session.ts): one message for the two night-time episodes of
 * one nightly publish, its chart drawn, then edited in place when the next publish ends the
 * last one, with the follow-up in its thread. Then a daily rule's weekend episode, charted over
 * the days around it once Monday ends it.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
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

describe('a daily alert over a weekend', () => {
  let weekend: s.Session;
  afterAll(async () => {
    await weekend?.close();
  });

  it('is charted over the weekend and the days around it once Monday ends it', async () => {
    // Saturday noon in London: Southwark Works (104) is all but empty at weekends.
    weekend = await s.openSession(t.browser, { start: Date.parse('2026-12-05T12:00:00Z') });
    const p = weekend.page;
    await s.send(p, '/occupancy subscribe building 104 below 10 daily');
    await p.locator('#pane .msg.msg-ephemeral', { hasText: 'Backtest' }).waitFor();
    for (let day = 0; day < 3; day += 1) await s.demo(p, p.getByRole('button', { name: '+1 day' }), 'demo/advance');
    await s.open(p, '#dm-list', 'occupancy');
    const alert = p.locator('#pane .msg', { hasText: 'Southwark Works (104) was below 10 people from Sat 5 Dec to Sun 6 Dec' });
    await alert.filter({ hasText: 'back above 11 from Mon 7 Dec' }).waitFor();
    expect(await s.ink(alert.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    expect(weekend.pageErrors).toEqual([]);
    await s.shot(p, '09-alert-daily-weekend.png');
  });
});
