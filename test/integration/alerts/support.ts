import type { ShiftableClock } from '../../../src/clock';
import type { InputValue, SlackDriver, ViewValues } from '../../../dev/slack';
import { SUBSCRIBE_FIELDS as F } from '../../../src/slack/blocks/ids';
import type { StoredMessage } from '../../../dev/slack/types';
import type { FakeSlack } from '../../fakes/slack';
import { TEST_NOW, createTestWorld, type AppUnderTest, type StartOptions, type TestWorld } from '../app/harness';
import { PATIENCE_MS } from '../../support/patience';

export { TEST_NOW };

export const GRACE = 'U0LOCAL001';
export const LINUS = 'U0LOCAL002';
export const MARGARET = 'U0LOCAL003';
export const ADA = 'U0LOCALADM';
export const GENERAL = 'C0GENERAL';
export const FACILITIES = 'C0FACILITY';
export const HOUR = 3_600_000;

/** Never fires during a test run: the tests run each check themselves. */
export const QUIET_CRON = '0 0 1 1 *';

export interface AlertTestApp {
  readonly app: AppUnderTest;
  readonly slack: FakeSlack;
  readonly driver: SlackDriver;
  readonly clock: ShiftableClock;
  readonly logs: string[];
  readonly dbPath: string;
  /** The Slack, clock and database folder this app runs in; pass it on to restart. */
  readonly world: TestWorld;
  /** Stops the app only: the fake Slack and the database file stay for the next process. */
  stopApp(): Promise<void>;
  /** Stops everything this test app owns. */
  stop(): Promise<void>;
}

/**
 * The real app through the app harness, with the alert check left to the tests. Given the
 * `world` of an earlier app, it starts again on the same database file and the same fake Slack
 * at the instant the clock has reached: a restart.
 */
export async function startAlertApp(opts: { env?: Record<string, string>; world?: TestWorld; start?: StartOptions } = {}): Promise<AlertTestApp> {
  const world = opts.world ?? (await createTestWorld());
  const { app, driver } = await world.start({ ALERT_CHECK_CRON: QUIET_CRON, ...(opts.env ?? {}) }, opts.start);
  return {
    app,
    slack: world.slack,
    driver,
    clock: world.clock,
    logs: world.logs,
    dbPath: world.dbPath,
    world,
    stopApp: () => app.stop(),
    stop: () => (opts.world ? app.stop() : world.close()),
  };
}

/** Moves the app's clock (and the simulator's publishing) forward to an instant. */
export function advanceTo(t: { clock: ShiftableClock }, iso: string): void {
  t.clock.set(Date.parse(iso));
}

/** The bot's direct-message channel with a user. */
export function dmOf(t: { slack: FakeSlack }, user: string): string {
  return t.slack.state.openIm(user).id;
}

/** Top-level bot messages of a channel, oldest first. */
export function botPosts(t: { slack: FakeSlack }, channel: string): StoredMessage[] {
  return t.slack.state.timeline(channel).filter((m) => m.user === t.slack.bot.userId && m.ephemeralFor === undefined);
}

export function repliesTo(t: { slack: FakeSlack }, channel: string, ts: string): StoredMessage[] {
  return t.slack.state.thread(channel, ts).slice(1);
}

export function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/** Runs `/occupancy <text>` and returns the answer posted to its response_url. */
export async function command(t: AlertTestApp, user: string, channel: string, text: string): Promise<{ text: string; blocks: unknown[] }> {
  const res = await t.driver.command(user, channel, '/occupancy', text);
  if (res.status !== 200) throw new Error(`command answered ${res.status}`);
  const post = await t.slack.waitForResponse(res.responseUrlId, undefined, PATIENCE_MS);
  return post.body as { text: string; blocks: unknown[] };
}

export interface AlertForm {
  kind?: 'building' | 'zone';
  id?: string;
  measure?: 'people' | 'percent' | 'usual';
  direction?: 'above' | 'below';
  threshold?: string;
  recovery?: string;
  duration?: string;
  granularity?: 'PT1H' | 'P1D';
  channel?: string;
  quiet?: [string, string];
  renotify?: string;
  /** The building or zone picked in the menu (instead of an id typed in a form drawn before the menus); in the menu of `pickedIn`, else of `kind`. */
  picked?: { readonly text: { readonly type: 'plain_text'; readonly text: string }; readonly value: string };
  pickedIn?: 'building' | 'zone';
}

/** view.state.values as Slack sends them for the alert form. */
export function formValues(f: AlertForm): ViewValues {
  const v = (field: { blockId: string; actionId: string }, value: InputValue): ViewValues => ({ [field.blockId]: { [field.actionId]: value } });
  const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { value, text: { type: 'plain_text', text: value } } });
  return {
    ...v(F.scopeKind, radio(f.kind ?? 'building')),
    ...(f.picked
      ? v((f.pickedIn ?? f.kind) === 'zone' ? F.scopeZone : F.scopeBuilding, { type: 'external_select', selected_option: f.picked })
      : v(F.scopeId, { type: 'number_input', value: f.id ?? null })),
    ...v(F.measure, radio(f.measure ?? 'people')),
    ...v(F.direction, radio(f.direction ?? 'above')),
    ...v(F.threshold, { type: 'number_input', value: f.threshold ?? null }),
    ...v(F.recovery, { type: 'number_input', value: f.recovery ?? null }),
    ...v(F.duration, { type: 'number_input', value: f.duration ?? '1' }),
    ...v(F.granularity, radio(f.granularity ?? 'PT1H')),
    ...v(F.destination, radio(f.channel ? 'channel' : 'dm')),
    ...v(F.channel, { type: 'conversations_select', selected_conversation: f.channel ?? null }),
    ...v(F.quietStart, { type: 'timepicker', selected_time: f.quiet?.[0] ?? null }),
    ...v(F.quietEnd, { type: 'timepicker', selected_time: f.quiet?.[1] ?? null }),
    ...v(F.renotify, { type: 'static_select', selected_option: { value: f.renotify ?? 'off', text: { type: 'plain_text', text: 'x' } } }),
  };
}
