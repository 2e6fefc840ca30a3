import { startTestApp, type TestApp } from './harness';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

/** [command text, words the ephemeral answer must contain] */
const TABLE: [string, string][] = [
  ['building #71', '"#71" isn\'t a building id'],
  ['building -71', '-71'],
  ['building 7.1', '7.1'],
  ['building 0', '0'],
  ['building 99999999999999999999', '12 digits at most'],
  ['zone 999999999999', 'InnerSpace ids go up to 2147483647'],
  ['building 999999999999', 'InnerSpace ids go up to 2147483647'],
  ['building ٧١', 'digits'],
  ['building 71 2025-13-40', '2025-13-40'],
  ['building 71 yesterday PT5M', 'PT5M'],
  ['zone', 'zone'],
  ['zones 1.5', '1.5'],
  ['building <!channel>', '&lt;!channel&gt;'],
  ['building <https://x|y>', '&lt;https://x|y&gt;'],
  ['frobnicate now', 'frobnicate'],
  ['', '/occupancy building 71'],
  ['x'.repeat(10_000), 'characters long'],
];

describe('bad input gets a specific ephemeral message and no upstream call', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.stop();
  });

  it.each(TABLE.map(([text, expected]) => [text.length > 60 ? `${text.slice(0, 20)}… (${text.length} characters)` : text, text, expected]))('%s', async (_label, text, expected) => {
    const before = t.app.simulator!.stats;
    const beforeRequests = before.graphqlRequests + before.tokenRequests;
    const res = await t.driver.command(USER, CHANNEL, '/occupancy', text);
    expect(res.status).toBe(200);
    const body = res.body as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    const shown = JSON.stringify(body);
    expect(body.text).toContain(expected);
    // Nothing the user typed comes back as a live mention or link.
    expect(shown).not.toContain('<!channel>');
    expect(shown).not.toContain('<https://x|y>');
    expect(shown.length).toBeLessThan(8000);
    await new Promise((r) => setTimeout(r, 50));
    const after = t.app.simulator!.stats;
    expect(after.graphqlRequests + after.tokenRequests).toBe(beforeRequests);
    expect(t.slack.responses.filter((r) => r.id === res.responseUrlId)).toEqual([]);
  });
});
