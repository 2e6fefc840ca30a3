/**
 * A rule relative to usual, made in the alert form in a browser (see session.ts): the form's
 * "% of usual" measure, the backtest it redraws, and the confirmation that names the rule.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

describe('an alert relative to usual in a browser', () => {
  it('is made in the form with "% of usual", shows its backtest, and is confirmed in those words', async () => {
    await s.open(page, '#channel-list', 'facilities');
    await s.send(page, '/occupancy subscribe');
    const modal = page.locator('.modal', { hasText: 'New alert' });
    await modal.waitFor();

    await modal.locator('[data-block-id="sub_scope_id"] input.bk-suggest').fill('DEMO');
    await modal.getByRole('radio', { name: 'DEMO (71)' }).check();
    await modal.getByRole('radio', { name: '% of usual (same weekday and hour, last 4 weeks)' }).check();
    await modal.locator('[data-block-id="sub_threshold"] input').fill('130');
    const backtest = modal.locator('.bk-section', { hasText: /Backtest:.*Over the last 30 published days this rule would/ });
    await backtest.waitFor();
    // The redrawn form keeps the measure and the share typed, and says what the share is of.
    expect(await modal.getByRole('radio', { name: '% of usual (same weekday and hour, last 4 weeks)' }).isChecked()).toBe(true);
    expect(await modal.locator('[data-block-id="sub_threshold"] input').inputValue()).toBe('130');
    expect(await modal.innerText()).toContain('Default: 117% of usual');
    await backtest.scrollIntoViewIfNeeded();
    await s.shot(page, '07-relative-form.png');

    await modal.getByRole('button', { name: 'Create' }).click();
    await modal.waitFor({ state: 'detached' });
    const saved = page.locator('#pane .msg.msg-ephemeral', { hasText: 'Alert #1' }).last();
    await saved.waitFor();
    const words = await saved.innerText();
    expect(words).toContain('Rule #1: above 130% of usual for 1 h, recovers below 117% of usual');
    expect(words).toMatch(/Over the last 30 published days this rule would/);
    await s.shot(page, '08-relative-saved.png');
  });
});
