import {
  createSlackDriver, startSlackWorkspace, type SlackDriver, type SlackWorkspace, type SlackWorkspaceOptions,
} from '../../dev/slack';
import { PATIENCE_MS } from '../support/patience';

/** Signing secret the harness signs with; give the same one to the app under test. */
export const TEST_SIGNING_SECRET = 'test0signing0secret0local0123456';

export interface FakeSlack extends SlackWorkspace {
  /** WebClient / Bolt `clientOptions`: this workspace, and no retries so a fault fails fast. */
  readonly clientOptions: { slackApiUrl: string; retryConfig: { retries: number } };
  /** Bolt App options that skip the auth.test call at construction. */
  readonly identity: { botId: string; botUserId: string };
  /** A driver that signs requests to an HTTP-mode app at `appUrl` (e.g. `http://127.0.0.1:1234`). */
  httpDriver(appUrl: string, signingSecret?: string): SlackDriver;
  /** A driver that delivers envelopes over this workspace's Socket Mode connection. */
  socketDriver(ackTimeoutMs?: number): SlackDriver;
}

/**
 * The fake Slack of the integration tests: the embedded workspace on 127.0.0.1:0, with the
 * harness defaults filled in. Close it in afterAll (after stopping any app connected to it).
 */
export async function startFakeSlack(opts: SlackWorkspaceOptions = {}): Promise<FakeSlack> {
  const ws = await startSlackWorkspace(opts);
  // The workspace stays the prototype so its live getters (state after reset()) keep working.
  // Its waits default to 5 s; the tests' default is PATIENCE_MS, for a loaded machine.
  return Object.assign(Object.create(ws) as SlackWorkspace, {
    waitFor: <T>(probe: () => T | undefined | null | false, timeoutMs = PATIENCE_MS) => ws.waitFor(probe, timeoutMs),
    waitForCall: (method: string, predicate?: Parameters<SlackWorkspace['waitForCall']>[1], timeoutMs = PATIENCE_MS) =>
      ws.waitForCall(method, predicate, timeoutMs),
    waitForResponse: (id?: string, predicate?: Parameters<SlackWorkspace['waitForResponse']>[1], timeoutMs = PATIENCE_MS) =>
      ws.waitForResponse(id, predicate, timeoutMs),
    clientOptions: { slackApiUrl: ws.apiUrl, retryConfig: { retries: 0 } },
    identity: { botId: ws.bot.botId, botUserId: ws.bot.userId },
    httpDriver: (appUrl: string, signingSecret = TEST_SIGNING_SECRET) => createSlackDriver({ workspace: ws, appUrl, signingSecret }),
    socketDriver: (ackTimeoutMs?: number) =>
      createSlackDriver({ workspace: ws, transport: 'socket', ...(ackTimeoutMs !== undefined ? { ackTimeoutMs } : {}) }),
  }) as FakeSlack;
}
