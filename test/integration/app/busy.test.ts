import { BUSY_TEXT } from '../../../src/slack/blocks/errors';
import { PATIENCE_MS } from '../../support/patience';
import { startTestApp, type TestApp } from './harness';

const USER = 'U0LOCAL001';
const CHANNEL = 'C0GENERAL';

describe('too much waiting to be answered', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Two answers at once and two waiting. InnerSpace will hold queries until they time out (3 s).
    t = await startTestApp({ INNERSPACE_TIMEOUT_MS: '1000', INNERSPACE_DEADLINE_MS: '3000' }, { answerLimits: { concurrency: 2, maxWaiting: 2 } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('says so in the ack and starts nothing; once the queue drains the same question is answered', async () => {
    const sim = t.app.simulator!;
    const first = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71');
    await t.slack.waitForResponse(first.responseUrlId, undefined, PATIENCE_MS);
    const answered = t.slack.state.messagesFor(CHANNEL, USER).find((m) => JSON.stringify(m).includes('occupancy_prev_day'));
    expect(answered).toBeDefined();
    sim.setFaults({ holdMs: 10 * 60_000 });
    const held = [];
    for (const date of ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13']) {
      const res = await t.driver.command(USER, CHANNEL, '/occupancy', `building 71 ${date}`);
      // Taken on: an empty ack, the answer to follow.
      expect(res.body).toBeUndefined();
      held.push(res);
    }
    const busy = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71 2026-11-14');
    expect(busy.status).toBe(200);
    expect((busy.body as { text: string }).text).toBe(BUSY_TEXT);
    // A button on an answer is told the same, through its response_url, and its answer stays.
    const click = await t.driver.blockAction(USER, CHANNEL, { messageTs: answered!.ts }, { action_id: 'occupancy_prev_day' });
    expect(click.status).toBe(200);
    expect((await t.slack.waitForResponse(click.responseUrlId, undefined, PATIENCE_MS)).body).toMatchObject({ text: BUSY_TEXT, replace_original: false });
    // Help and input errors need no answer work: still answered in full.
    const help = await t.driver.command(USER, CHANNEL, '/occupancy', 'help');
    expect((help.body as { text: string }).text).toContain('/occupancy building 71');

    // The held ones end (InnerSpace took too long), each answered once.
    for (const res of held) expect(JSON.stringify((await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS)).body)).toContain('InnerSpace took too long');
    sim.setFaults({ holdMs: 0 });
    const again = await t.driver.command(USER, CHANNEL, '/occupancy', 'building 71 2026-11-14');
    expect(again.body).toBeUndefined();
    const answer = await t.slack.waitForResponse(again.responseUrlId, undefined, PATIENCE_MS);
    expect(JSON.stringify(answer.body)).toContain('14 Nov');
    // Nothing was ever started for the busy one: its response_url got nothing.
    expect(t.slack.responses.filter((r) => r.id === busy.responseUrlId)).toEqual([]);
    expect(t.logs.join('')).toContain('too much work waiting; told users to ask again');
  });
});
