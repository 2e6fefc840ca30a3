/**
 * The largest requests Slack can send this app: every surface the app builds that comes back
 * to it (a message with buttons, the Home tab, the two forms) built by the real builders from
 * worst-case view models, posted to the embedded Slack (which checks Slack's rules), then
 * clicked or submitted through its driver, whose POST body is what is measured.
 *
 * Worst case means: every list at the length the builders cut it to, every name far past the
 * builders' cuts, and every character one that costs 9 bytes on the wire (a CJK character is
 * 3 UTF-8 bytes, each sent as %XX in the form body); typed values at Slack's 3,000-character cap.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackDriver, startSlackWorkspace, type SlackWorkspace } from '../dev/slack';
import type { ViewValues } from '../dev/slack/driver-payloads';
import {
  ACTION_IDS, DIGEST_FIELDS, SUBSCRIBE_FIELDS, buildAlertMessage, buildDigestListMessage, buildDigestModal, buildHomeView,
  buildReportMessage, buildSubscribeModal, buildSubscriptionsMessage, buildZonesMessage,
  type ChartView, type DigestSummaryView, type SubscriptionSummaryView, type RuleView, type SlackMessage,
} from '../src/slack/blocks';
import { MAX_DIGEST_BUILDINGS } from '../src/slack/parser/digest';
import type { Weekday } from '../src/domain/values';
import { BENCH_SECRET } from './support';

/** 3 UTF-8 bytes, so 9 bytes once form-encoded: the costliest character per character counted. */
const WIDE = (n: number) => '會'.repeat(n);
const LONG_NAME = WIDE(1000);
const MAX_ID = 2_147_483_647;
const ZONE = 'America/Argentina/ComodRivadavia';
const CHANNEL = 'C0GENERAL';
const USER = 'U0LOCAL001';
const NOW = Date.UTC(2025, 10, 25, 15, 0);
const ALL_DAYS: Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** Slack's cap on a plain_text_input's value (max_length may be at most 3,000). */
const TYPED_MAX = 3000;
const OPTION_TEXT_MAX = 75;

export interface PayloadFigure {
  readonly what: string;
  readonly kind: string;
  /** Bytes of the body Slack POSTs (form-encoded `payload=` JSON, or JSON for events). */
  readonly bytes: number;
}

function chart(): ChartView {
  // A QuickChart URL is mostly %-escapes, which the form body escapes again (% → %25).
  const prefix = 'https://quickchart.example.test/chart?c=';
  return {
    url: prefix + '%7B'.repeat(Math.floor((3000 - prefix.length) / 3)),
    altText: WIDE(3000),
    model: { kind: 'day', subject: 'x', date: '2025-11-24', zone: ZONE, granularity: 'PT1H', buckets: [] },
    table: { title: WIDE(200), rows: Array.from({ length: 96 }, (_, i) => ({ label: `${i}`, value: i })) },
  };
}

function rule(id: number): RuleView {
  return {
    id, scope: { kind: 'zone', id: MAX_ID, name: LONG_NAME }, measure: 'percent', direction: 'above',
    threshold: 99.75, recovery: 89.75, minBuckets: 24, granularity: 'PT1H', destination: { kind: 'channel', channelId: CHANNEL },
  };
}

function digestSummary(id: number): DigestSummaryView {
  return {
    id, channelId: CHANNEL, buildings: Array.from({ length: MAX_DIGEST_BUILDINGS }, (_, i) => ({ id: MAX_ID - i, name: LONG_NAME })),
    time: '23:59', days: ALL_DAYS, cadence: 'daily', timeZone: ZONE, nextRunMs: null, status: 'paused', pauseReason: 'not_in_channel', createdBy: 'U0CREATOR01', may: { run: true, change: true, takeOver: false },
  };
}

function subscriptionSummary(id: number): SubscriptionSummaryView {
  return { rule: rule(id), timeZone: ZONE, state: 'no_data', muted: false, snoozedUntilMs: NOW, lastAlertMs: NOW, canManage: true };
}

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(MAX_ID - i));

const stats = {
  mean: 123456.7, occupied: { start: NOW, end: NOW + 86_400_000 }, dayMean: 123456.7, peak: { start: NOW, value: 234567 }, busiestHour: { start: NOW, end: NOW + 3_600_000 }, capacity: 345678,
  meanPctOfCapacity: 99.9, lastWeek: { date: '2025-11-17', mean: 1 }, changeVsLastWeekPct: 12345.6,
};

function report(withChart: boolean) {
  return buildReportMessage({
    scope: { kind: 'zone', id: MAX_ID, name: LONG_NAME, zoneType: LONG_NAME, building: { id: MAX_ID, name: LONG_NAME } },
    date: '2025-11-24', timeZone: ZONE, granularity: 'PT15M', groupLabel: LONG_NAME, dataThrough: '2025-11-24', awaitedDate: '2025-11-25',
    stats, floors: many(200, () => ({ name: LONG_NAME, mean: 1234.5 })), chart: withChart ? chart() : null,
    series: Array.from({ length: 96 }, (_, i) => ({ start: NOW + i * 900_000, value: 12345.6 })),
    previousDate: '2025-11-23', nextDate: '2025-11-25',
  });
}

function zones() {
  return buildZonesMessage({
    building: { id: MAX_ID, name: LONG_NAME }, date: '2025-11-24', timeZone: ZONE, granularity: 'PT15M', groupLabel: LONG_NAME,
    dataThrough: '2025-11-24', awaitedDate: '2025-11-25',
    zones: many(500, (id) => ({ id, name: LONG_NAME, zoneType: LONG_NAME, mean: 12345.6, peak: 23456, meanPctOfCapacity: 99.9 })),
    zoneTypes: many(50, () => ({ zoneType: LONG_NAME, mean: 12345.6, meanPctOfCapacity: 99.9, zoneCount: 999 })),
    previousDate: '2025-11-23', nextDate: '2025-11-25',
  });
}

function alert() {
  return buildAlertMessage({
    rule: rule(MAX_ID), timeZone: ZONE, state: 'recovered', startMs: NOW - 86_400_000 * 3, breachEndMs: NOW, recoveredAtMs: NOW + 3_600_000,
    extreme: { value: 99.9, atMs: NOW }, chart: chart(), snoozedUntilMs: NOW, muted: false,
  });
}

const option = (text: string, value: string) => ({ text: { type: 'plain_text', text, emoji: true }, value });

/** Answers every POST 200 with an empty body, and keeps the size of the last one. */
async function startMeter(): Promise<{ url: string; last: () => number; close: () => Promise<void> }> {
  let last = 0;
  const server = http.createServer((req, res) => {
    let n = 0;
    req.on('data', (d: Buffer) => (n += d.length));
    req.on('end', () => {
      last = n;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    last: () => last,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

async function api(slack: SlackWorkspace, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(args),
  });
  const body = (await res.json()) as Record<string, unknown>;
  if (body.ok !== true) throw new Error(`${method} refused what the builders made: ${JSON.stringify(body).slice(0, 500)}`);
  return body;
}

/** Each surface at its largest, and the request Slack would send for it. */
export async function measurePayloads(): Promise<PayloadFigure[]> {
  const slack = await startSlackWorkspace({ imageDownloads: 'off' });
  const meter = await startMeter();
  const driver = createSlackDriver({ workspace: slack, appUrl: meter.url, signingSecret: BENCH_SECRET });
  const figures: PayloadFigure[] = [];
  try {
    // Messages with buttons: a click sends the whole message back (here all posted in a channel,
    // where Slack includes it; for an ephemeral answer it leaves the message out).
    const messages: [string, SlackMessage, string][] = [
      ['digest list (23 digests shown, 25 buildings each)', buildDigestListMessage({ channelId: CHANNEL, digests: many(40, digestSummary) }), ACTION_IDS.digestSend],
      ['subscriptions list (23 shown)', buildSubscriptionsMessage({ subscriptions: many(40, subscriptionSummary) }), ACTION_IDS.mute],
      ['answer with a chart (all stats, 200 floors)', report(true), ACTION_IDS.share],
      ['answer with its table (96 rows)', report(false), ACTION_IDS.share],
      ['zones answer (500 zones, 50 types)', zones(), ACTION_IDS.share],
      ['alert with a chart', alert(), ACTION_IDS.mute],
    ];
    for (const [what, m, actionId] of messages) {
      const posted = await api(slack, 'chat.postMessage', { channel: CHANNEL, text: m.text, blocks: m.blocks });
      await driver.blockAction(USER, CHANNEL, { messageTs: String(posted.ts) }, { action_id: actionId });
      figures.push({ what, kind: 'block_actions (message)', bytes: meter.last() });
    }

    const home = buildHomeView({ subscriptions: many(40, subscriptionSummary), digests: many(40, digestSummary), digestsUnknown: false });
    const published = (await api(slack, 'views.publish', { user_id: USER, view: home })).view as { id: string };
    await driver.blockAction(USER, undefined, { viewId: published.id }, { action_id: ACTION_IDS.digestSend });
    figures.push({ what: 'Home tab (20 alerts, 24 digests shown)', kind: 'block_actions (view)', bytes: meter.last() });
    await driver.appHomeOpened(USER);
    figures.push({ what: 'Home tab (20 alerts, 24 digests shown)', kind: 'app_home_opened (JSON)', bytes: meter.last() });

    const metadata = '"'.repeat(3000); // Slack's cap; each " is \" in JSON, 6 bytes form-encoded
    const buildings = many(150, (id) => ({ id, name: LONG_NAME }));
    const chosen = buildings.slice(0, MAX_DIGEST_BUILDINGS).map((b) => b.id);
    const digestForm = buildDigestModal({
      privateMetadata: metadata, mode: 'edit', channelId: CHANNEL, buildingOptions: buildings, buildingIds: chosen,
      time: '23:59', days: ALL_DAYS, cadence: 'daily', timeZone: ZONE, options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: true },
    });
    const D = DIGEST_FIELDS;
    const digestValues: ViewValues = {
      [D.channel.blockId]: { [D.channel.actionId]: { selected_conversation: CHANNEL } },
      [D.buildings.blockId]: { [D.buildings.actionId]: { selected_options: chosen.map((id) => option(WIDE(OPTION_TEXT_MAX), String(id))) } },
      [D.moreBuildings.blockId]: { [D.moreBuildings.actionId]: { value: WIDE(TYPED_MAX) } },
      [D.time.blockId]: { [D.time.actionId]: { selected_time: '23:59' } },
      [D.days.blockId]: { [D.days.actionId]: { selected_options: ALL_DAYS.map((d) => option(WIDE(OPTION_TEXT_MAX), String(d))) } },
      [D.timeZone.blockId]: { [D.timeZone.actionId]: { value: WIDE(TYPED_MAX) } },
      [D.content.blockId]: { [D.content.actionId]: { selected_options: ['chart', 'topZones', 'perFloor', 'weekOverWeek'].map((v) => option(WIDE(OPTION_TEXT_MAX), v)) } },
      [D.options.blockId]: { [D.options.actionId]: { selected_options: [option(WIDE(OPTION_TEXT_MAX), 'skipWhenNoData')] } },
    };
    figures.push({ what: 'digest form (150 buildings, 25 picked, typed fields full)', kind: 'view_submission', bytes: await submit(slack, driver, meter, digestForm, digestValues) });

    const S = SUBSCRIBE_FIELDS;
    const subscribeForm = buildSubscribeModal({
      privateMetadata: metadata, mode: 'edit', scopeKind: 'zone', scopeId: MAX_ID, measure: 'percent', direction: 'above', threshold: 99.75,
      recovery: 89.75, minBuckets: 24, granularity: 'PT1H', destination: 'channel', channelId: CHANNEL, quietHours: { start: '22:00', end: '07:00' },
      renotifyMinutes: 1440, backtest: { status: 'ready', days: 30, episodeDates: Array.from({ length: 30 }, (_, i) => `2025-11-${String(i + 1).padStart(2, '0')}`) },
    });
    const radio = (text: string, value: string) => ({ selected_option: option(text, value) });
    const number = (value: string) => ({ value });
    const subscribeValues: ViewValues = {
      [S.scopeKind.blockId]: { [S.scopeKind.actionId]: radio('Zone', 'zone') },
      [S.scopeId.blockId]: { [S.scopeId.actionId]: number(String(MAX_ID)) },
      [S.measure.blockId]: { [S.measure.actionId]: radio('% of capacity', 'percent') },
      [S.direction.blockId]: { [S.direction.actionId]: radio('Above', 'above') },
      [S.threshold.blockId]: { [S.threshold.actionId]: number('99.75') },
      [S.recovery.blockId]: { [S.recovery.actionId]: number('89.75') },
      [S.duration.blockId]: { [S.duration.actionId]: number('24') },
      [S.granularity.blockId]: { [S.granularity.actionId]: radio('Hourly', 'PT1H') },
      [S.destination.blockId]: { [S.destination.actionId]: radio('A channel', 'channel') },
      [S.channel.blockId]: { [S.channel.actionId]: { selected_conversation: CHANNEL } },
      [S.quietStart.blockId]: { [S.quietStart.actionId]: { selected_time: '22:00' } },
      [S.quietEnd.blockId]: { [S.quietEnd.actionId]: { selected_time: '07:00' } },
      [S.renotify.blockId]: { [S.renotify.actionId]: radio('Every day', '1440') },
    };
    figures.push({ what: 'alert form (every field set)', kind: 'view_submission', bytes: await submit(slack, driver, meter, subscribeForm, subscribeValues) });
  } finally {
    await meter.close();
    await slack.close();
  }
  return figures;
}

async function submit(
  slack: SlackWorkspace, driver: ReturnType<typeof createSlackDriver>, meter: { last: () => number }, view: unknown, values: ViewValues,
): Promise<number> {
  const { triggerId } = await driver.command(USER, CHANNEL, '/occupancy', 'digest');
  const opened = (await api(slack, 'views.open', { trigger_id: triggerId, view })).view as { id: string };
  await driver.viewSubmission(USER, opened.id, values);
  return meter.last();
}

/**
 * What Slack's caps alone allow in one request, for any app: a message of 50 sections, each
 * with 3,000 characters of text and 10 fields of 2,000, every character 9 bytes on the wire;
 * a view of 100 such blocks, or 100 inputs of 3,000 typed characters.
 */
export function capBounds(): { message: number; view: number; typed: number } {
  const perSection = (3000 + 10 * 2000) * 9;
  return { message: 50 * perSection, view: 100 * perSection, typed: 100 * TYPED_MAX * 9 };
}
