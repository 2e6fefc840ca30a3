/**
 * The web console's HTTP side, through the real app in local mode: its page and assets on the
 * bot's own port, the JSON API turning clicks into signed Slack traffic, and live events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../../../src/app';
import { ShiftableClock } from '../../../../src/clock';
import { loadConfig } from '../../../../src/config';
import { createLocalTools } from '../../../../dev/local';
import { startSlackWorkspace, type SlackWorkspace } from '../../../../dev/slack';
import { createWebConsole, isLoopbackAddress, type ConsoleSnapshot } from '../../../../dev/console';
import { silentLogger } from '../../../support/logger';
import { startTestApp } from '../../app/harness';
import { PATIENCE_MS } from '../../../support/patience';

const GRACE = 'U0LOCAL001';
const FACILITIES = 'C0FACILITY';
const START = Date.parse('2026-11-25T15:00:00Z');

/** Collects a text/event-stream until stopped. */
function follow(url: string): { text: () => string; stop: () => void; opened: Promise<void> } {
  const controller = new AbortController();
  let buffer = '';
  let resolveOpened: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    resolveOpened = resolve;
  });
  void (async () => {
    try {
      const res = await fetch(url, { signal: controller.signal });
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        if (buffer.includes('event: hello')) resolveOpened();
      }
    } catch {
      // aborted
    }
  })();
  return { text: () => buffer, stop: () => controller.abort(), opened };
}

describe('web console (local mode)', () => {
  let app: RunningApp;
  let workspace: SlackWorkspace;
  let dir: string;
  let base: string;
  const clock = new ShiftableClock(Date.now, START);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'occupancy-console-'));
    const config = loadConfig({ PORT: '0', DATABASE_URL: `sqlite:${join(dir, 'bot.db')}`, LOG_LEVEL: 'silent' });
    const local = createLocalTools();
    app = await startApp({ config, logger: silentLogger(), clock, host: '127.0.0.1', drainTimeoutMs: 2000, local });
    workspace = local.workspace!;
    base = `http://127.0.0.1:${app.port}`;
  });

  afterAll(async () => {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/console/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const state = async (query: string): Promise<ConsoleSnapshot> => (await (await fetch(`${base}/console/api/state?${query}`)).json()) as ConsoleSnapshot;
  const messages = (channel: string, viewer: string) => workspace.state.messagesFor(channel, viewer);

  it('serves the page, its scripts and Chart.js from node_modules on the bot port', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/console/vendor/chart.umd.js');
    const script = await fetch(`${base}/console/static/bk-blocks.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    const chart = await fetch(`${base}/console/vendor/chart.umd.js`);
    expect(chart.status).toBe(200);
    expect((await chart.text()).length).toBeGreaterThan(100_000);
    for (const bad of ['/console/static/%2e%2e%2fpackage.json', '/console/static/..%2F..%2Fapi.ts', '/console/static/nope.js', '/console/static/api.ts']) {
      expect((await fetch(`${base}${bad}`)).status).toBe(404);
    }
    // Bolt still answers its own routes behind the console.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const other = await fetch(`${base}/nothing-here`);
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('sends a typed command as a signed slash command and shows the answer, live', async () => {
    const events = follow(`${base}/console/events`);
    try {
      await events.opened;
      const res = await post('command', { user: GRACE, channel: FACILITIES, text: '/occupancy building 71' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, kind: 'command', status: 200 });
      const answer = await workspace.waitFor(
        () => messages(FACILITIES, GRACE).find((m) => JSON.stringify(m.blocks ?? []).includes('DEMO (71)')), PATIENCE_MS);
      expect(answer.ephemeralFor).toBe(GRACE);

      const snap = await state(`user=${GRACE}&channel=${FACILITIES}`);
      expect(snap.viewer).toBe(GRACE);
      const shown = snap.channel!.messages;
      const card = shown.find((m) => m.ts === answer.ts)!;
      expect(card).toMatchObject({ ephemeral: true, author: 'occupancy', isBot: true });
      // Someone else does not see Grace's private answer.
      const other = await state(`user=U0LOCAL002&channel=${FACILITIES}`);
      expect(other.channel!.messages.some((m) => m.ts === answer.ts)).toBe(false);

      await workspace.waitFor(() => events.text().includes(`"ts":"${answer.ts}"`), PATIENCE_MS);
      expect(events.text()).toContain('event: message\ndata: {"channel":"C0FACILITY"');
    } finally {
      events.stop();
    }
  });

  it('turns a button click into block_actions: sharing posts the answer in the channel', async () => {
    const answer = messages(FACILITIES, GRACE).find((m) => m.ephemeralFor === GRACE && JSON.stringify(m.blocks ?? []).includes('occupancy_share'))!;
    const res = await post('action', { user: GRACE, channel: FACILITIES, messageTs: answer.ts, action: { action_id: 'occupancy_share' } });
    expect(await res.json()).toEqual({ ok: true, status: 200 });
    const shared = await workspace.waitFor(
      () => messages(FACILITIES, 'U0LOCAL002').find((m) => m.ephemeralFor === undefined && JSON.stringify(m.blocks ?? []).includes('Shared by')), PATIENCE_MS);
    expect(JSON.stringify(shared.blocks)).toContain(`<@${GRACE}>`);
  });

  it('lists a thread under its message and returns it on request', async () => {
    const ws = workspace;
    const root = ws.state.addMessage({ channel: FACILITIES, user: ws.bot.userId, botId: ws.bot.botId, text: 'root' });
    const reply = ws.state.addMessage({ channel: FACILITIES, user: ws.bot.userId, botId: ws.bot.botId, text: 'reply', threadTs: root.ts });
    const snap = await state(`user=${GRACE}&channel=${FACILITIES}&thread=${root.ts}`);
    expect(snap.channel!.messages.find((m) => m.ts === root.ts)).toMatchObject({ replyCount: 1, threadTs: root.ts });
    // Replies stay out of the channel's timeline.
    expect(snap.channel!.messages.some((m) => m.ts === reply.ts)).toBe(false);
    expect(snap.thread!.messages.map((m) => m.text)).toEqual(['root', 'reply']);
  });

  it('opens a modal from a command, shows response_action errors, and closes it', async () => {
    await post('command', { user: GRACE, channel: FACILITIES, text: '/occupancy digest' });
    const opened = await workspace.waitFor(() => workspace.state.views.stack(GRACE).at(-1), PATIENCE_MS);
    let snap = await state(`user=${GRACE}&channel=${FACILITIES}`);
    expect(snap.modal).toMatchObject({ id: opened.id, type: 'modal', depth: 0, errors: {} });

    const submitted = await post('view/submit', { user: GRACE, viewId: opened.id, values: { digest_time: { digest_time_picker: { selected_time: '09:00' } } } });
    const body = (await submitted.json()) as { ok: boolean; ack: { response_action?: string } };
    expect(body.ok).toBe(true);
    expect(body.ack.response_action).toBe('errors');
    snap = await state(`user=${GRACE}&channel=${FACILITIES}`);
    expect(snap.modal!.errors.digest_buildings).toBeDefined();
    expect(snap.modal!.stateValues.digest_time).toEqual({ digest_time_picker: { type: 'timepicker', selected_time: '09:00' } });

    expect((await post('view/close', { user: GRACE, viewId: opened.id })).status).toBe(200);
    snap = await state(`user=${GRACE}&channel=${FACILITIES}`);
    expect(snap.modal).toBeNull();
  });

  it('answers like Slack around the app: unknown commands, plain messages, people linked', async () => {
    await post('command', { user: GRACE, channel: FACILITIES, text: '/weather today' });
    const notice = messages(FACILITIES, GRACE).at(-1)!;
    expect(notice).toMatchObject({ user: 'USLACKBOT', username: 'Slackbot', ephemeralFor: GRACE });
    expect(notice.text).toContain('/weather is not a valid command');

    await post('command', { user: GRACE, channel: FACILITIES, text: 'hello @linus in #general & <friends>' });
    const said = messages(FACILITIES, 'U0LOCAL002').at(-1)!;
    expect(said).toMatchObject({ user: GRACE, text: 'hello <@U0LOCAL002|linus> in <#C0GENERAL|general> &amp; &lt;friends&gt;' });
    expect(said.ephemeralFor).toBeUndefined();
  });

  it("takes Slack's own /invite: adds the member where the inviter is, refuses the rest as Slack does", async () => {
    // Grace is in #facilities and #random, not in the private #exec; the bot is not in #random.
    const notices = () => messages(FACILITIES, GRACE).filter((m) => m.user === 'USLACKBOT').map((m) => m.text);
    const seen = notices().length;
    const added = await (await post('command', { user: GRACE, channel: FACILITIES, text: '/invite @occupancy #random' })).json();
    expect(added).toMatchObject({ ok: true, kind: 'invite', added: true });
    const random = workspace.state.resolveChannel('random')!;
    expect(random.members.has(workspace.bot.userId)).toBe(true);
    expect(messages('C0RANDOM', 'U0LOCAL003').at(-1)).toMatchObject({ user: workspace.bot.userId, subtype: 'channel_join', inviter: GRACE });

    expect(await (await post('command', { user: GRACE, channel: FACILITIES, text: '/invite @margaret' })).json()).toMatchObject({ added: true });
    for (const text of ['/invite @occupancy #random', '/invite @grace', '/invite @nobody', '/invite @linus #exec', '/invite @linus #old-office', '/invite']) {
      expect(await (await post('command', { user: GRACE, channel: FACILITIES, text })).json()).toMatchObject({ ok: true, added: false });
    }
    const said = notices().slice(seen).join('\n');
    expect(said).toContain('<@U0LOCALBOT> is already in <#C0RANDOM>.');
    expect(said).toContain("You're already in this channel.");
    expect(said).toContain('No one here is called @nobody.');
    // A private channel of others is not there for her; an archived one takes no one.
    expect(said).toContain('There is no channel called #exec that you can see.');
    expect(said).toContain('is archived: no one can be added to it.');
    expect(said).toContain('To add someone to this channel, type `/invite @name`');
    expect(workspace.state.resolveChannel('facilities')!.members.has('U0LOCAL003')).toBe(true);
    // The refusals changed nothing.
    expect([...workspace.state.resolveChannel('exec')!.members].sort()).toEqual(['U0LOCAL002', 'U0LOCALADM']);
    expect(workspace.state.resolveChannel('old-office')!.members.has('U0LOCAL002')).toBe(false);
  });

  it('names every public channel to everyone, and private ones only to their members', async () => {
    const snap = await state(`user=${GRACE}`);
    const names = snap.directory.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['general', 'facilities', 'random', 'old-office']));
    expect(names).not.toContain('exec');
    expect((await state('user=U0LOCALADM')).directory.map((c) => c.name)).toContain('exec');
  });

  it('refuses text over 4,000 characters in words, changing nothing', async () => {
    const before = messages(FACILITIES, GRACE).length;
    const res = await post('command', { user: GRACE, channel: FACILITIES, text: 'x'.repeat(4001) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('text is too long: Slack takes up to 4,000 characters here');
    expect(messages(FACILITIES, GRACE)).toHaveLength(before);
  });

  it('moves the clock and runs what came due, telling the open pages', async () => {
    const events = follow(`${base}/console/events`);
    try {
      await events.opened;
      const before = clock.now();
      const res = await post('demo/advance', { ms: 3_600_000 });
      const body = (await res.json()) as { ok: boolean; now: number; digests: boolean; alerts: boolean };
      expect(body.ok).toBe(true);
      expect(body.now - before).toBeGreaterThanOrEqual(3_600_000);
      // Kept before the answer: a restart resumes the clock this far ahead.
      expect(await app.store.localClock.offset('T0LOCAL')).toBe(clock.offset());
      const snap = await state(`user=${GRACE}`);
      expect(body.digests).toBe(snap.demo.digests);
      expect(body.alerts).toBe(snap.demo.alerts);
      expect(snap.clock.now).toBeGreaterThanOrEqual(body.now);
      await workspace.waitFor(() => events.text().includes('event: clock'), PATIENCE_MS);

      const digests = (await (await post('demo/run-digests', {})).json()) as { ok: boolean; digests: boolean };
      expect(digests).toMatchObject({ ok: true, digests: snap.demo.digests });
      expect((await post('demo/advance', { ms: -5 })).status).toBe(400);
    } finally {
      events.stop();
    }
  });

  it('refuses writes that a page on another site could make, and bad requests', async () => {
    const form = await fetch(`${base}/console/api/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=U0LOCAL001&channel=C0GENERAL&text=hi',
    });
    expect(form.status).toBe(415);
    expect((await post('command', { user: GRACE, channel: FACILITIES, text: 'hi' }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('command', { user: 'U0LOCALBOT', channel: FACILITIES, text: 'hi' })).status).toBe(400);
    expect((await post('command', { user: GRACE, channel: 'C0NOPE', text: 'hi' })).status).toBe(404);
    expect((await post('command', { user: GRACE, channel: 'C0ARCHIVE', text: 'hi' })).status).toBe(400);
    expect((await post('action', { user: GRACE, channel: FACILITIES, messageTs: '1.000001', action: { action_id: 'x' } })).status).toBe(400);
    expect((await post('nope', {})).status).toBe(404);
  });
});

describe('web console outside local mode', () => {
  it('is not served in HTTP mode', async () => {
    const t = await startTestApp();
    try {
      const calls = () => t.slack.calls.filter((c) => c.method !== 'auth.test');
      const base = `http://127.0.0.1:${t.app.port}`;
      expect(t.app.workspace).toBeNull();
      // Whatever Bolt answers for paths it does not know, it is never the console.
      for (const path of ['/', '/console/api/state', '/console/events', '/console/vendor/chart.umd.js', '/console/static/bk-text.js']) {
        const res = await fetch(`${base}${path}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.headers.get('content-type') ?? '').not.toMatch(/html|event-stream|javascript|json/);
      }
      const post = await fetch(`${base}/console/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(post.status).toBeGreaterThanOrEqual(400);
      expect(calls()).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});

describe('web console from another machine', () => {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

  it('answers only browsers on this machine', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.3.2.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('192.0.2.2')).toBe(false);
    expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isLoopbackAddress('fe80::1')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  (external ? it : it.skip)(`refuses a request that arrives on ${external ?? 'a non-loopback address'}`, async () => {
    const workspace = await startSlackWorkspace();
    const web = createWebConsole({ workspace, appUrl: () => 'http://127.0.0.1:1', signingSecret: 'x'.repeat(32), clock: new ShiftableClock(), logger: silentLogger() });
    const server = createServer((req, res) => {
      void web.handle(req, res).then((done) => {
        if (!done) res.writeHead(404).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const remote = await fetch(`http://${external!}:${port}/console/api/state`);
      expect(remote.status).toBe(403);
      expect(await remote.text()).toContain('only on this machine');
      expect((await fetch(`http://127.0.0.1:${port}/console/api/state`)).status).toBe(200);
      // Paths that are not the console's are left to the app behind it.
      expect((await fetch(`http://${external!}:${port}/slack/other`)).status).toBe(404);
    } finally {
      await web.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workspace.close();
    }
  });

  (external ? it : it.skip)(`with LOCAL_CONSOLE_REMOTE=true, serves a browser on ${external ?? 'a non-loopback address'} through the app`, async () => {
    const config = loadConfig({ PORT: '0', DATABASE_URL: 'sqlite::memory:', LOCAL_CONSOLE_REMOTE: 'true', LOG_LEVEL: 'silent' });
    expect(config.localConsoleRemote).toBe(true);
    const app = await startApp({ config, logger: silentLogger(), host: '0.0.0.0', local: createLocalTools() });
    try {
      const remote = await fetch(`http://${external!}:${app.port}/console/api/state`);
      expect(remote.status).toBe(200);
      expect(((await remote.json()) as ConsoleSnapshot).bot.name).toBe('occupancy');
    } finally {
      await app.stop();
    }
  });
});
