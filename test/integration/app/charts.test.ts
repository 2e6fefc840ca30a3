import { PATIENCE_MS } from '../../support/patience';
import type { StoredMessage } from '../../../dev/slack/types';
import { advanceTo, botPosts, dmOf, startAlertApp, type AlertTestApp } from '../alerts/support';
import { createTestWorld, type TestWorld } from './harness';

/**
 * A QuickChart server on a private network: the bot reaches it, Slack's image downloads don't
 * (the embedded Slack is told its host is unreachable). Every kind of message still arrives:
 * in `url` mode without the picture, with the chart's text table and a note; in `upload` mode
 * with the PNG the bot drew and uploaded, shown from a slack_file.
 */
const GRACE = 'U0LOCAL001';
const GENERAL = 'C0GENERAL';

type Block = { type: string; block_id?: string; image_url?: string; slack_file?: { id: string }; text?: { text: string } };

function blocksOf(x: { blocks?: unknown }): Block[] {
  return (x.blocks ?? []) as Block[];
}

describe.each(['url', 'upload'] as const)('charts Slack cannot download, CHART_DELIVERY=%s', (mode) => {
  let world: TestWorld;
  let t: AlertTestApp;
  let host: string;

  beforeAll(async () => {
    world = await createTestWorld({ chartServer: 'private' });
    t = await startAlertApp({ world, env: { CHART_DELIVERY: mode } });
    host = new URL(world.charts.baseUrl).host;
  });
  afterAll(async () => {
    await t.stopApp();
    await world.close();
  });

  /** The message shows its chart the way the mode says, and never an image Slack would have to download. */
  function expectChartShown(what: { blocks?: unknown }): void {
    const blocks = blocksOf(what);
    expect(blocks.some((b) => b.type === 'image' && b.image_url !== undefined)).toBe(false);
    if (mode === 'url') {
      const fallback = blocks.find((b) => b.block_id?.startsWith('chart-'));
      expect(fallback?.type).toBe('section');
      expect(fallback?.text?.text).toContain(`_Chart not shown: Slack couldn't download it from ${host}._`);
      expect(fallback?.text?.text).toMatch(/```\n[^`]*\d[^`]*\n```/);
    } else {
      const images = blocks.filter((b) => b.type === 'image');
      expect(images.length).toBeGreaterThan(0);
      for (const img of images) {
        const file = t.slack.state.files.get(img.slack_file?.id ?? '');
        expect(file).toMatchObject({ completed: true, channels: [] });
        expect(file?.bytes?.subarray(1, 4).toString()).toBe('PNG');
      }
      expect(JSON.stringify(blocks)).not.toContain('Chart not shown');
    }
  }

  /** `/occupancy <text>`, and the post to its response_url that Slack accepted. */
  async function answer(text: string): Promise<{ text: string; blocks: unknown[] }> {
    const res = await t.driver.command(GRACE, GENERAL, '/occupancy', text);
    const post = await t.slack.waitForResponse(res.responseUrlId, (p) => p.status === 200, PATIENCE_MS);
    return post.body as { text: string; blocks: unknown[] };
  }

  it('an answer arrives', async () => {
    const reply = await answer('building 71');
    expectChartShown(reply);
    expect(reply.text).toContain('DEMO');
    // url: Slack refused the first post to the response_url for its picture; upload: nothing refused.
    const refused = t.slack.responses.filter((r) => r.status !== 200);
    expect(refused.length > 0).toBe(mode === 'url');
  });

  it('a shared answer arrives in the channel', async () => {
    const target = t.slack.state.messagesFor(GENERAL, GRACE).find((m) => JSON.stringify(m.blocks).includes('occupancy_share'));
    const share = await t.driver.blockAction(GRACE, GENERAL, { messageTs: target!.ts }, { action_id: 'occupancy_share' });
    const shared = await t.slack.waitForResponse(share.responseUrlId, (p) => p.status === 200 && (p.body as { response_type?: string }).response_type === 'in_channel', PATIENCE_MS);
    expect(JSON.stringify(shared.body)).toContain(`Shared by <@${GRACE}>`);
    expectChartShown(shared.body);
  });

  it('a digest arrives', async () => {
    await answer('digest add building 71 at 08:00 weekdays');
    const sent = await answer('digest send 1');
    expect(sent.text).not.toContain("didn't");
    const digest = await t.slack.waitFor(() => botPosts(t, GENERAL).find((m) => m.text.startsWith('Occupancy for')), PATIENCE_MS);
    expectChartShown(digest);
  });

  it('an alert arrives, and its edit in place on recovery too', async () => {
    await answer('subscribe building 71 below 5 for 2h recover above 50');
    advanceTo(t, '2026-11-26T10:00:00Z');
    await t.app.alerts.tick();
    const dm = dmOf(t, GRACE);
    const open = botPosts(t, dm).find((m) => m.text.startsWith('🔴'));
    expect(open).toBeDefined();
    expectChartShown(open!);

    advanceTo(t, '2026-11-27T10:30:00Z');
    await t.app.alerts.tick();
    const edited = t.slack.state.timeline(dm).find((m: StoredMessage) => m.ts === open!.ts);
    expect(edited?.text.startsWith('🟢')).toBe(true);
    expect(edited?.edited).toBeDefined();
    expectChartShown(edited!);
  }, 30_000);

  it(mode === 'url' ? 'warns once in the log, not for every message' : 'draws the PNGs through QUICKCHART_URL and uploads them shared nowhere', () => {
    if (mode === 'url') {
      // Refused five times (answer, share, digest, alert post and edit): one warning, the rest at debug.
      const said = world.logs.filter((l) => l.includes('Slack could not download chart images'));
      expect(said.length).toBeGreaterThanOrEqual(5);
      const warnings = said.filter((l) => l.includes('"level":40'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(host);
      return;
    }
    expect(world.charts.requests.filter((r) => r.method === 'POST').length).toBeGreaterThanOrEqual(4);
    expect(world.charts.requests.every((r) => r.method === 'POST' && r.body?.devicePixelRatio === 1)).toBe(true);
    const completes = t.slack.callsTo('files.completeUploadExternal');
    expect(completes.length).toBeGreaterThanOrEqual(4);
    for (const c of completes) expect(c.args.channel_id ?? c.args.channels).toBeUndefined();
  });
});
