/**
 * One group's occupancy in a browser (see session.ts): an answer asked for a department names
 * it in its heading and stamp, its buttons keep it, and a name that fits no group lists them.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

describe('groups in a browser', () => {
  it('answers building 71 for one group, names the group, and keeps it on the previous day', async () => {
    await s.open(page, '#channel-list', 'facilities');
    await s.send(page, '/occupancy building DEMO 2026-11-20 group engineering');
    const answer = s.messageWithHeader(page, 'DEMO (71) · Fri 20 Nov · Engineering', { ephemeral: true });
    await answer.waitFor();
    const text = await answer.innerText();
    expect(text).toContain('Engineering');
    expect(text).not.toContain('everyone');
    expect(await s.ink(answer.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await s.shot(page, 'groups-01-answer.png');

    await answer.getByRole('button', { name: /Thu 19/ }).click();
    const previous = s.messageWithHeader(page, 'DEMO (71) · Thu 19 Nov · Engineering', { ephemeral: true });
    await previous.waitFor();
  });

  it('lists the groups for a name that fits none, and on /occupancy groups', async () => {
    await s.send(page, '/occupancy building 71 group marketing');
    const refusal = page.locator('#pane .msg', { hasText: 'I couldn\'t find a group called "marketing"' });
    await refusal.waitFor();
    for (const name of ['Customer Success', 'Engineering', 'Everyone', 'Opérations', 'Sales']) expect(await refusal.innerText()).toContain(name);

    await s.send(page, '/occupancy groups');
    const list = s.messageWithHeader(page, 'Groups');
    await list.waitFor();
    expect(await list.innerText()).toContain('Opérations');
    await s.shot(page, 'groups-02-list.png');
  });
});
