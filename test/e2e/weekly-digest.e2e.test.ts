/**
 * A weekly digest in a browser (see session.ts): made in the digest form, listed with its
 * cadence, and delivered on Monday with last week's summary per building.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

/** Mon 30 Nov 2026, 09:50 in Toronto: a 10:00 Monday digest is ten minutes away. */
const MONDAY = Date.parse('2026-11-30T14:50:00Z');

const t = s.useBrowserSession({ start: MONDAY });
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

describe('a weekly digest in a browser', () => {
  it('is made in the form: Weekly, one day ticked (two are refused under the days)', async () => {
    await s.open(page, '#channel-list', 'facilities');
    await s.send(page, '/occupancy digest');
    const modal = page.locator('.modal', { hasText: 'New digest' });
    await modal.waitFor();
    await modal.locator('[data-block-id="digest_buildings"] input.bk-suggest').fill('demo');
    await modal.getByRole('checkbox', { name: 'DEMO (71)' }).check();
    await modal.getByRole('radio', { name: /^Weekly/ }).check();
    await modal.locator('[data-block-id="digest_time"] input').fill('10:00');
    // The form opens with Monday to Friday ticked: a weekly digest takes one.
    await modal.getByRole('button', { name: 'Create' }).click();
    const error = modal.locator('[data-block-id="digest_days"] .bk-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('tick just one');
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday']) await modal.getByRole('checkbox', { name: day }).uncheck();
    await s.shot(page, '20-weekly-digest-form.png');
    await modal.getByRole('button', { name: 'Create' }).click();
    await modal.waitFor({ state: 'detached' });
    const saved = page.locator('#pane .msg.msg-ephemeral', { hasText: 'is set up' }).last();
    await saved.waitFor();
    expect(await saved.innerText()).toContain('weekly on Mon 10:00, last week’s summary');
  });

  it('is listed with its cadence and next run', async () => {
    await s.send(page, '/occupancy digest list');
    const list = s.messageWithHeader(page, 'Digests', { ephemeral: true }).last();
    await list.waitFor();
    expect(await list.innerText()).toContain('weekly on Mon 10:00, last week’s summary (America/Toronto)');
    expect(await list.innerText()).toContain('Next run: Mon 30 Nov 10:00');
    await s.shot(page, '21-weekly-digest-list.png');
  });

  it('goes out at 10:00 on Monday with last week, Monday to Sunday, and its chart; once', async () => {
    const digest = s.messageWithHeader(page, 'Occupancy last week', { ephemeral: false });
    await s.demo(page, page.locator('#run-digests'), 'demo/run-digests');
    expect(await digest.count()).toBe(0);

    await s.demo(page, page.getByRole('button', { name: '+15 min' }), 'demo/advance');
    await digest.first().waitFor();
    const text = await digest.first().innerText();
    expect(text).toContain('Occupancy last week · Mon 23 – Sun 29 Nov');
    for (const words of ['DEMO (71)', 'Average', 'Busiest day', 'Peak', 'Weekdays:', 'vs the week before']) expect(text).toContain(words);
    expect(await s.ink(digest.first().locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await s.demo(page, page.locator('#run-digests'), 'demo/run-digests');
    expect(await digest.count()).toBe(1);
    await digest.first().scrollIntoViewIfNeeded();
    await s.shot(page, '22-weekly-digest.png');
  });
});
