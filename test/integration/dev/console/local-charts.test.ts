/**
 * Charts in local mode: the embedded Slack downloads image URLs like Slack, so the console shows
 * a chart when QUICKCHART_URL is reachable (drawn in the page from the URL's config) and the
 * chart's text table with a note when it is not (quickchart.io with no internet, say).
 */
import { PATIENCE_MS } from '../../../support/patience';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../../src/app';
import { ShiftableClock } from '../../../../src/clock';
import { loadConfig } from '../../../../src/config';
import { createLocalTools } from '../../../../dev/local';
import type { SlackWorkspace } from '../../../../dev/slack';
import { chartFromUrl } from '../../../../dev/console/public/bk-chart';
import { FakeQuickChartServer } from '../../../fakes/quickchart-server';
import { silentLogger } from '../../../support/logger';

const GRACE = 'U0LOCAL001';
const FACILITIES = 'C0FACILITY';
const START = Date.parse('2026-11-25T15:00:00Z');

describe.each(['reachable', 'unreachable'] as const)('local mode with the chart server %s', (reach) => {
  let charts: FakeQuickChartServer;
  let app: RunningApp;
  let workspace: SlackWorkspace;
  let dir: string;

  beforeAll(async () => {
    charts = await FakeQuickChartServer.start();
    dir = mkdtempSync(join(tmpdir(), 'occupancy-local-charts-'));
    const quickchart = reach === 'reachable' ? charts.baseUrl : 'http://127.0.0.1:1';
    const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, LOG_LEVEL: 'silent', QUICKCHART_URL: quickchart });
    const local = createLocalTools();
    app = await startApp({ config, logger: silentLogger(), clock: new ShiftableClock(Date.now, START), host: '127.0.0.1', drainTimeoutMs: 2000, local });
    workspace = local.workspace!;
  });
  afterAll(async () => {
    await app.stop();
    await charts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(reach === 'reachable' ? 'the answer carries the chart, downloaded once, that the console draws' : 'the answer carries the text table and the note', async () => {
    const res = await fetch(`http://127.0.0.1:${app.port}/console/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: GRACE, channel: FACILITIES, text: '/occupancy building 71' }),
    });
    expect(res.status).toBe(200);
    const answer = await workspace.waitFor(() => workspace.state.messagesFor(FACILITIES, GRACE).find((m) => JSON.stringify(m.blocks ?? []).includes('DEMO (71)')), PATIENCE_MS);
    const blocks = (answer.blocks ?? []) as { type: string; image_url?: string; text?: { text: string } }[];
    const image = blocks.find((b) => b.type === 'image');
    if (reach === 'reachable') {
      expect(image?.image_url?.startsWith(`${charts.baseUrl}/chart?`)).toBe(true);
      expect(chartFromUrl(image!.image_url!)?.config).toMatchObject({ type: 'bar' });
      expect(charts.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    } else {
      expect(image).toBeUndefined();
      expect(JSON.stringify(blocks)).toContain("Chart not shown: Slack couldn't download it from 127.0.0.1:1.");
    }
  });
});
