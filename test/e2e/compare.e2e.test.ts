/**
 * Comparisons in a browser, as a person would use local mode (see session.ts): two buildings on
 * a day, their lines drawn on one chart, a step to the day before, and a range of zones.
 */
import type { Page } from 'playwright-core';
import * as s from './session';

const t = s.useBrowserSession();
let page: Page;

beforeAll(() => {
  ({ page } = t);
});

describe('compare in a browser', () => {
  it('compares two buildings by name on a day, one line each, and steps to the day before', async () => {
    await s.open(page, '#channel-list', 'facilities');
    await s.send(page, '/occupancy compare DEMO southwark 2026-11-23');

    const answer = s.messageWithHeader(page, 'DEMO vs Southwark Works · Mon 23 Nov', { ephemeral: true });
    await answer.waitFor();
    const text = await answer.innerText();
    expect(text).toContain('DEMO (71)');
    expect(text).toContain('Southwark Works (104)');
    expect(text).toMatch(/Avg \d+ while occupied/);
    expect(text).toContain('Busiest hour');
    expect(await s.ink(answer.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await s.shot(page, 'compare-01-day.png');

    await answer.getByRole('button', { name: '◀ Sun 22' }).click();
    const earlier = s.messageWithHeader(page, 'DEMO vs Southwark Works · Sun 22 Nov', { ephemeral: true });
    await earlier.waitFor();
    // Moved in place: one comparison, not two.
    await answer.waitFor({ state: 'detached' });
  });

  it('compares zones over last week with a bar series each', async () => {
    await s.send(page, '/occupancy compare zones 71001 71002 last week');
    const answer = s.messageWithHeader(page, 'Mon 16 – Sun 22 Nov', { ephemeral: true });
    await answer.waitFor();
    const text = await answer.innerText();
    expect(text).toContain('Busiest day');
    expect(text).toContain('vs the period before');
    expect(await s.ink(answer.locator('canvas[data-drawn="true"]'))).toBeGreaterThan(500);
    await s.shot(page, 'compare-02-range.png');
  });
});
