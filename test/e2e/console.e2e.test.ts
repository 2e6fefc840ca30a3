/**
 * The whole bot in a browser, as a person would use local mode (see session.ts). The steps share
 * one page and run in order, like one demo session.
 */
import type { Locator, Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;
let app: s.Session['app'];

beforeAll(() => {
  ({ page, app } = t.session);
});

const shot = (name: string) => s.shot(page, name);
const send = (text: string) => s.send(page, text);
const open = (list: '#channel-list' | '#dm-list', label: string) => s.open(page, list, label);
const demo = (button: Locator, path: string) => s.demo(page, button, path);
const ink = s.ink;
const messageWithHeader = (text: string, opts: { ephemeral?: boolean } = {}) => s.messageWithHeader(page, text, opts);

describe('local mode in a browser', () => {
  it('answers /occupancy building 71 with its chart drawn, and shares it in the channel', async () => {
    await open('#channel-list', 'facilities');
    await send('/occupancy building 71');

    const answer = messageWithHeader('DEMO (71)', { ephemeral: true });
    await answer.waitFor();
    expect(await answer.locator('.msg-only-you').innerText()).toContain('Only visible to you');
    expect(await answer.innerText()).toContain('Nightly data through Tue 24 Nov');
    expect(await ink(answer.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await shot('01-answer.png');

    await answer.getByRole('button', { name: 'Share in channel' }).click();
    const shared = messageWithHeader('DEMO (71)', { ephemeral: false });
    await shared.waitFor();
    expect(await shared.innerText()).toContain('Shared by @ada');
    expect(await ink(shared.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    // Sharing replaces the private copy.
    await answer.waitFor({ state: 'detached' });
    await shot('02-shared.png');
  });

  it('answers a building by name, and an ambiguous zone name through the button chosen', async () => {
    await open('#channel-list', 'facilities');
    await send('/occupancy building Southwark Works');
    const answer = messageWithHeader('Southwark Works (104)', { ephemeral: true });
    await answer.waitFor();
    expect(await answer.innerText()).toContain('Nightly data through');

    await send('/occupancy zone open plan');
    const choice = page.locator('#pane .msg.msg-ephemeral', { hasText: 'More than one zone matches' });
    await choice.waitFor();
    expect(await choice.innerText()).toContain('Open Plan North');
    await choice.locator('.bk-section', { hasText: 'Open Plan South' }).getByRole('button', { name: 'Choose' }).click();
    await messageWithHeader('Open Plan South', { ephemeral: true }).waitFor();
    // The answer replaced the choices.
    await choice.waitFor({ state: 'detached' });
    await shot('01b-names.png');
  });

  it('shows thread replies under their message and opens the thread', async () => {
    const shared = messageWithHeader('DEMO (71)', { ephemeral: false });
    const ts = await shared.getAttribute('data-message-ts');
    // A reply as the bot posts one (an alert's follow-up goes to its thread this way).
    const res = await fetch(`${app.workspace!.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.workspace!.botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0FACILITY', thread_ts: ts, text: 'Back below *108* from 14:00.' }),
    });
    expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    await shared.getByRole('button', { name: '1 reply' }).click();
    const thread = page.locator('#thread-body');
    await thread.locator('.msg', { hasText: 'Back below 108 from 14:00.' }).waitFor();
    expect(await thread.locator('.msg').count()).toBe(2);
    await page.locator('#thread-close').click();
    await thread.waitFor({ state: 'hidden' });
  });

  it('answers a range with its bars drawn, and moves to the week before in place', async () => {
    await send('/occupancy building 71 last week');
    const answer = messageWithHeader('DEMO (71) · Mon 16 – Sun 22 Nov', { ephemeral: true });
    await answer.waitFor();
    const text = await answer.innerText();
    for (const words of ['Average', 'Peak', 'Busiest day', 'Quietest weekday', 'Weekdays:']) expect(text).toContain(words);
    expect(await ink(answer.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await shot('02b-range.png');
    await answer.getByRole('button', { name: '◀ 9–15 Nov' }).click();
    // Replaced in place: the same message now shows the week before.
    await messageWithHeader('DEMO (71) · Mon 9 – Sun 15 Nov', { ephemeral: true }).waitFor();
    await answer.waitFor({ state: 'detached' });
  });

  it('creates a digest in its form and delivers it once its time comes', async () => {
    await send('/occupancy digest');
    const modal = page.locator('.modal', { hasText: 'New digest' });
    await modal.waitFor();
    expect(await modal.locator('[data-block-id="digest_channel"] select').inputValue()).toBe('C0FACILITY');

    // Nothing picked yet: the app's response_action errors show under the field.
    await modal.getByRole('button', { name: 'Create' }).click();
    await modal.locator('[data-block-id="digest_buildings"] .bk-error').waitFor();

    // The building menu is filled by the bot as one types (block_suggestion), accents ignored.
    await modal.locator('[data-block-id="digest_buildings"] input.bk-suggest').fill('dém');
    await modal.getByRole('checkbox', { name: 'DEMO (71)' }).check();
    await modal.locator('[data-block-id="digest_time"] input').fill('10:00');
    await modal.getByRole('checkbox', { name: 'Wednesday' }).check();
    await shot('03-digest-form.png');
    await modal.getByRole('button', { name: 'Create' }).click();
    await modal.waitFor({ state: 'detached' });

    const digest = messageWithHeader('Occupancy for', { ephemeral: false });
    // 09:50 in Toronto: not due yet.
    expect((await demo(page.locator('#run-digests'), 'demo/run-digests')).digests).toBe(true);
    expect(await digest.count()).toBe(0);

    // 10:05: the advance runs what came due.
    await demo(page.getByRole('button', { name: '+15 min' }), 'demo/advance');
    await digest.first().waitFor();
    expect(await digest.first().innerText()).toContain('DEMO (71)');
    // Running again sends nothing more: at most once per digest and local date.
    await demo(page.locator('#run-digests'), 'demo/run-digests');
    expect(await digest.count()).toBe(1);
    await digest.first().scrollIntoViewIfNeeded();
    await shot('04-digest.png');
  });

  it('creates a subscription in its form and shows its alert after the clock moves on', async () => {
    await send('/occupancy subscribe');
    const modal = page.locator('.modal', { hasText: 'New alert' });
    await modal.waitFor();
    const backtest = modal.locator('[data-block-id="sub_backtest"], .bk-section', { hasText: 'Backtest' }).last();
    expect(await backtest.innerText()).toContain('fill in the id and the threshold');

    // These inputs dispatch block_actions as they change; the app answers with views.update.
    // The building is picked by name from the menu the bot fills as one types.
    await modal.locator('[data-block-id="sub_scope_id"] input.bk-suggest').fill('DEMO');
    await modal.getByRole('radio', { name: 'DEMO (71)' }).check();
    await modal.locator('[data-block-id="sub_threshold"] input').fill('100');
    await modal.locator('.bk-section', { hasText: 'would have alerted' }).waitFor();
    // What was picked and typed survives the app's update of the form.
    expect(await modal.getByRole('radio', { name: 'DEMO (71)' }).isChecked()).toBe(true);
    expect(await modal.locator('[data-block-id="sub_threshold"] input').inputValue()).toBe('100');
    await modal.locator('[data-block-id="sub_duration"] input').fill('2');
    await modal.getByRole('button', { name: 'Create' }).click();
    await modal.waitFor({ state: 'detached' });
    await page.locator('#pane .msg.msg-ephemeral', { hasText: 'DEMO (71)' }).last().waitFor();

    // A day later Wed 25 Nov is published, and the check finds the crossing.
    const moved = await demo(page.getByRole('button', { name: '+1 day' }), 'demo/advance');
    expect(moved.alerts).toBe(true);
    await open('#dm-list', 'occupancy');
    const alert = page.locator('#pane .msg', { hasText: 'was above' });
    await alert.first().waitFor();
    expect(await alert.first().innerText()).toMatch(/DEMO \(71\) was above 100 people .* on Wed 25 Nov/);
    expect(await ink(alert.first().locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await shot('05-alert.png');
  });

  it('opens the App Home tab with its buttons', async () => {
    await page.locator('#nav-home').click();
    const home = page.locator('#pane .home-view');
    await home.waitFor();
    expect(await home.innerText()).toContain('Digests in your channels');
    await home.getByRole('button', { name: /New digest/ }).click();
    const modal = page.locator('.modal', { hasText: 'New digest' });
    await modal.waitFor();
    await modal.getByRole('button', { name: 'Cancel' }).click();
    await modal.waitFor({ state: 'detached' });
    await shot('06-home.png');
  });
});
