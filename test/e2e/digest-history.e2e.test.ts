/**
 * A digest's history and preview in a browser (see session.ts): two runs sent a few minutes
 * late, one missed while the clock jumped past its grace window, the creator told once, and a
 * preview only its asker sees. The steps share one page and run in order.
 */
import type { Locator, Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

const send = (text: string) => s.send(page, text);
const open = (list: '#channel-list' | '#dm-list', label: string) => s.open(page, list, label);
const demo = (button: Locator, path: string) => s.demo(page, button, path);
const ephemeral = (text: string) => page.locator('#pane .msg.msg-ephemeral', { hasText: text });
const advance = (label: '+15 min' | '+1 h' | '+1 day') => demo(page.getByRole('button', { name: label }), 'demo/advance');

describe('digest history and preview in a browser', () => {
  it('keeps every run: two sent a little late, one skipped after the clock jumped past the grace window', async () => {
    await open('#channel-list', 'facilities');
    await send('/occupancy digest add building 71 at 10:00 daily');
    await ephemeral('Digest #1 is set up').waitFor();
    // 09:50 → 10:05 (Wed): sent 5 min late. → 10:05 (Thu): the same. → 11:05 (Thu), → 11:05 (Fri): 65 min past, skipped.
    await advance('+15 min');
    await advance('+1 day');
    await advance('+1 h');
    await advance('+1 day');
    expect(await t.session.app.store.digestRuns.get(1, '2026-11-27')).toMatchObject({ state: 'skipped', lateMinutes: 65 });

    await send('/occupancy digest history 1');
    const history = ephemeral('its last 3 runs, newest first');
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain('Fri 27 Nov · skipped');
    expect(text).toContain('came back 1 h 5 min later, past the 30 min a late digest may still go out');
    expect(text).toContain('Thu 26 Nov · sent Thu 26 Nov 10:05 America/Toronto');
    expect(text).toContain('5 min late');
    expect(text.indexOf('Fri 27 Nov')).toBeLessThan(text.indexOf('Thu 26 Nov'));
    await history.scrollIntoViewIfNeeded();
    await s.shot(page, '20-digest-history.png');

    await send('/occupancy digest list');
    await ephemeral('Last runs: ⏭️ Fri 27 Nov skipped · 🕒 Thu 26 Nov sent late · 🕒 Wed 25 Nov sent late').waitFor();
  });

  it('told the creator once, by direct message, what the skipped run means', async () => {
    await open('#dm-list', 'occupancy');
    const notice = page.locator('#pane .msg', { hasText: "Digest #1's run for Fri 27 Nov in #facilities was skipped" });
    await notice.waitFor();
    expect(await notice.count()).toBe(1);
    expect(await notice.innerText()).toContain('/occupancy digest history 1');
  });

  it('previews exactly what the channel would get, marked as a preview and shown only to the asker', async () => {
    await open('#channel-list', 'facilities');
    const posted = await page.locator('#pane .msg:not(.msg-ephemeral)', { has: page.locator('.bk-header', { hasText: 'Occupancy for' }) }).count();
    await send('/occupancy digest preview 1');
    const preview = s.messageWithHeader(page, 'Occupancy for', { ephemeral: true });
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('Preview of digest #1, shown only to you: this is what #facilities would get if it ran now');
    expect(text).toContain('DEMO (71)');
    expect(await preview.locator('.msg-only-you').innerText()).toContain('Only visible to you');
    expect(await s.ink(preview.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    // Nothing posted to the channel, no run recorded.
    expect(await page.locator('#pane .msg:not(.msg-ephemeral)', { has: page.locator('.bk-header', { hasText: 'Occupancy for' }) }).count()).toBe(posted);
    expect(await t.session.app.store.digestRuns.listForDigest(1)).toHaveLength(3);
    await preview.scrollIntoViewIfNeeded();
    await s.shot(page, '21-digest-preview.png');
  });
});
