/**
 * Alert messages that show their rule's state, in a browser on local mode (see session.ts):
 * Mute turns the message's button into Unmute; Unsubscribe leaves the message without buttons,
 * saying who deleted the rule. The steps share one page and run in order.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

describe('alert messages show their state in a browser', () => {
  const alert = () => page.locator('#pane .msg', { hasText: 'was above' }).first();

  it('an alert arrives with Mute; after Mute it reads muted and offers Unmute', async () => {
    await s.send(page, '/occupancy subscribe building 71 above 100 for 2h');
    await page.locator('#pane .msg.msg-ephemeral', { hasText: 'Alert #1 is set up' }).waitFor();
    const moved = await s.demo(page, page.getByRole('button', { name: '+1 day' }), 'demo/advance');
    expect(moved.alerts).toBe(true);
    await s.open(page, '#dm-list', 'occupancy');
    await alert().waitFor();
    await alert().getByRole('button', { name: 'Mute', exact: true }).click();
    await alert().getByRole('button', { name: 'Unmute', exact: true }).waitFor();
    expect(await alert().innerText()).toMatch(/Rule #1: above 100 for 2 h, recovers below 90 · muted · nightly data/);
    await page.locator('#pane .msg.msg-ephemeral', { hasText: 'Alert #1 is muted' }).waitFor();
    await s.shot(page, 'alert-muted.png');
  });

  it('after Unsubscribe the message has no buttons and says who deleted the rule', async () => {
    await alert().getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('alertdialog', { name: 'Unsubscribe from rule #1?' }).getByRole('button', { name: 'Unsubscribe' }).click();
    await alert().locator('text=/Rule #1 was deleted by/').waitFor();
    expect(await alert().getByRole('button').count()).toBe(0);
    expect(await alert().innerText()).toMatch(/🗑 Rule #1 was deleted by @\S+/);
    expect(await alert().innerText()).not.toContain('muted');
    await page.locator('#pane .msg.msg-ephemeral', { hasText: 'Alert #1 is removed' }).waitFor();
    await s.shot(page, 'alert-deleted.png');
  });
});
