import fc from 'fast-check';
import {
  CannotPostError,
  ChannelNameError,
  DateInputError,
  ForbiddenError,
  InternalError,
  NoCapacityError,
  NoDataError,
  NotFoundError,
  UpstreamAuthError,
  UpstreamBadDataError,
  UpstreamGraphQLError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type AppError,
} from '../../../../src/errors';
import { buildAlertMessage, buildAlertNoDataReply, buildAlertRecoveredReply, buildAlertRenotifyReply, buildBuildingsMessage, buildDigestListMessage, buildDigestMessages, buildDigestModal, buildAlertErrorMessage, buildDigestErrorMessage, buildErrorMessage, buildHelpMessage, buildHomeView, buildReportMessage, buildSubscribeModal, buildSubscriptionsMessage, buildZonesMessage, type SlackMessage } from '../../../../src/slack/blocks';
import { checkMessageLimits, checkViewLimits } from '../../../support/block-limits';
import { at, chartView, digestBuilding, digestSummary, digestView, episode, reportView, rule, subscriptionSummary, zonesView } from './fixtures';

const LONG = `${'<!channel> & <https://x|y> '.repeat(40)}end`;
const HUGE_URL = `https://quickchart.example/chart?c=${'x'.repeat(2960)}`;
const BIG_CHART = chartView({ url: HUGE_URL, altText: 'a'.repeat(5000) });

describe('checkMessageLimits / checkViewLimits', () => {
  it('finds every kind of violation', () => {
    const violations = checkMessageLimits({
      text: '',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } },
        { type: 'section', block_id: 'x', text: { type: 'mrkdwn', text: 's'.repeat(3001) } },
        { type: 'section', block_id: 'x', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f'.repeat(2001) })).slice(0, 11) },
        { type: 'section' },
        { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'c' })) },
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'b'.repeat(76) }, value: 'v'.repeat(2001) },
            { type: 'static_select', action_id: 's', options: Array.from({ length: 101 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: String(i) })) },
          ],
        },
        { type: 'actions', elements: [] },
        { type: 'image', image_url: 'u'.repeat(3001), alt_text: '' },
      ],
    });
    expect(violations.map((v) => `${v.path} ${v.rule} ${v.actual}/${v.limit}`)).toEqual([
      'text fallback text is required 0/1',
      'blocks[0].text header text 151/150',
      'blocks[1].text section text 3001/3000',
      'blocks[2].block_id block_id must be unique 2/1',
      'blocks[2].fields section fields 11/10',
      ...Array.from({ length: 11 }, (_, i) => `blocks[2].fields[${i}] field text 2001/2000`),
      'blocks[3] section needs text or fields 0/1',
      'blocks[4].elements context elements 11/10',
      'blocks[5].elements[0].action_id action_id length 256/255',
      'blocks[5].elements[0].text button text 76/75',
      'blocks[5].elements[0].value button value length 2001/2000',
      'blocks[5].elements[1].options static_select options 101/100',
      'blocks[6].elements actions needs elements 0/1',
      'blocks[7].image_url image_url length 3001/3000',
      'blocks[7].alt_text alt_text is required 0/1',
    ]);
  });

  it('counts blocks per surface and checks modal chrome', () => {
    const blocks = Array.from({ length: 101 }, () => ({ type: 'divider' }));
    expect(checkMessageLimits({ text: 't', blocks: blocks.slice(0, 51) })).toEqual([{ path: 'blocks', rule: 'blocks per message', limit: 50, actual: 51 }]);
    expect(checkMessageLimits({ text: 'x'.repeat(40001), blocks: [] })).toEqual([{ path: 'text', rule: 'message text length', limit: 40000, actual: 40001 }]);
    expect(
      checkViewLimits({ type: 'modal', blocks, title: { type: 'plain_text', text: 't'.repeat(25) }, private_metadata: 'm'.repeat(3001), callback_id: 'c'.repeat(256) }),
    ).toEqual([
      { path: 'blocks', rule: 'blocks per modal', limit: 100, actual: 101 },
      { path: 'title', rule: 'modal title', limit: 24, actual: 25 },
      { path: 'private_metadata', rule: 'private_metadata length', limit: 3000, actual: 3001 },
      { path: 'callback_id', rule: 'callback_id length', limit: 255, actual: 256 },
    ]);
    expect(checkViewLimits({ type: 'home', blocks: blocks.slice(0, 100) })).toEqual([]);
  });
});

/** Every builder on large, hostile inputs. */
function largeMessages(): [string, SlackMessage][] {
  const floors = Array.from({ length: 300 }, (_, i) => ({ name: `${LONG}${i}`, mean: 1000 + i }));
  const series = Array.from({ length: 100 }, (_, i) => ({ start: at('2025-11-25T00:00') + i * 900_000, value: 1_234_567 + i }));
  const zones = Array.from({ length: 80 }, (_, i) => ({ id: 100_000_000_000 + i, name: LONG, zoneType: LONG, mean: 1e6, peak: 1e6, meanPctOfCapacity: 1234.5 }));
  const zoneTypes = Array.from({ length: 40 }, () => ({ zoneType: LONG, mean: 1e6, meanPctOfCapacity: 99, zoneCount: 1000 }));
  const bigBuilding = digestBuilding({ name: LONG, floors, topZones: Array.from({ length: 20 }, () => ({ name: LONG, mean: 1, meanPctOfCapacity: 1 })), chart: BIG_CHART });
  const digest = buildDigestMessages(
    digestView({ buildings: Array.from({ length: 30 }, (_, i) => ({ ...bigBuilding, id: i + 1 })), lateMinutes: 100_000 }),
  );
  const longRule = rule({ id: 999_999_999_999, scope: { kind: 'zone', id: 999_999_999_999, name: LONG }, threshold: 999_999.999, recovery: 1.5, minBuckets: 168 });
  const huge = { kind: 'zone', id: 999_999_999_999 } as const;
  const upstream = { upstream: 'innerspace', operation: LONG, reason: LONG } as const;
  const errors: AppError[] = [
    new NotFoundError(huge.kind, huge.id, { message: LONG }),
    new DateInputError('future', LONG),
    new UpstreamTimeoutError(LONG, upstream),
    new UpstreamUnavailableError(LONG, upstream),
    new UpstreamRateLimitedError(LONG, upstream),
    new UpstreamAuthError(LONG, upstream),
    new UpstreamGraphQLError(LONG, { ...upstream, messages: [LONG], codes: [LONG] }),
    new UpstreamBadDataError(LONG, { ...upstream, field: LONG }),
    new NoDataError(huge.kind, huge.id, '2025-11-25', '2025-11-24'),
    new ForbiddenError(LONG, LONG),
    new CannotPostError(LONG, LONG, LONG),
    new InternalError(LONG),
  ];
  return [
    ['report', buildReportMessage(reportView({ scope: { kind: 'zone', id: 999_999_999_999, name: LONG, zoneType: LONG, building: { id: 1, name: LONG } }, groupLabel: LONG, floors, chart: BIG_CHART, series: [] }))],
    ['report table', buildReportMessage(reportView({ granularity: 'PT15M', chart: null, series, floors }))],
    ['report shared', buildReportMessage(reportView({ scope: { kind: 'building', id: 1, name: LONG }, sharedBy: 'U0123456789' }))],
    ['zones', buildZonesMessage(zonesView({ building: { id: 1, name: LONG }, zones, zoneTypes, groupLabel: LONG }))],
    ['buildings', buildBuildingsMessage({ buildings: Array.from({ length: 5000 }, (_, i) => ({ id: i + 1, name: LONG, timeZone: 'America/Argentina/ComodRivadavia' })) })],
    ['help', buildHelpMessage({ unknown: { word: LONG } })],
    ...digest.map((m, i): [string, SlackMessage] => [`digest ${i + 1}/${digest.length}`, m]),
    ['digest list', buildDigestListMessage({ channelId: 'C1', digests: Array.from({ length: 500 }, (_, i) => digestSummary({ id: i + 1, buildings: Array.from({ length: 25 }, () => ({ id: 1, name: LONG })) })) })],
    ['alert', buildAlertMessage(episode({ rule: longRule, chart: BIG_CHART, snoozedUntilMs: at('2026-01-01T00:00') }))],
    ['alert recovered', buildAlertRecoveredReply(episode({ rule: longRule, state: 'recovered', recoveredAtMs: at('2025-11-26T03:00') }))],
    ['alert renotify', buildAlertRenotifyReply(episode({ rule: longRule }))],
    ['alert no data', buildAlertNoDataReply(episode({ rule: longRule }), '2025-11-25')],
    ['subscriptions', buildSubscriptionsMessage({ subscriptions: Array.from({ length: 500 }, () => subscriptionSummary({ rule: longRule })) })],
    ...errors.map((e): [string, SlackMessage] => [`error ${e.name}`, buildErrorMessage(e, huge)]),
    ['alert error no capacity', buildAlertErrorMessage(new NoCapacityError(huge.kind, huge.id))],
    ['alert error channel name', buildAlertErrorMessage(new ChannelNameError(LONG))],
    ['digest error channel name', buildDigestErrorMessage(new ChannelNameError(LONG), { kind: 'digest', id: huge.id })],
  ];
}

describe('every builder stays inside Block Kit limits', () => {
  it.each(largeMessages())('%s', (_name, msg) => {
    expect(checkMessageLimits(msg)).toEqual([]);
  });

  it('splits the 30-building digest instead of overflowing', () => {
    expect(largeMessages().filter(([name]) => name.startsWith('digest ') && name !== 'digest list').length).toBeGreaterThan(1);
  });

  it('keeps modals and App Home inside view limits', () => {
    const options = Array.from({ length: 100 }, (_, i) => ({ id: 999_999_999_999 - i, name: LONG }));
    const views = [
      buildDigestModal({
        privateMetadata: 'm'.repeat(3000), mode: 'edit', channelId: 'C1', buildingOptions: options, buildingIds: options.map((o) => o.id),
        time: '23:59', days: [1, 2, 3, 4, 5, 6, 7], cadence: 'daily', timeZone: 'America/Argentina/ComodRivadavia',
        options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: true },
      }),
      buildSubscribeModal({
        privateMetadata: '{}', mode: 'create', scopeKind: 'zone', scopeId: 999_999_999_999, measure: 'percent', direction: 'below', threshold: 999.5, recovery: 1000,
        minBuckets: 168, granularity: 'P1D', destination: 'channel', channelId: 'C1', quietHours: { start: '22:00', end: '07:00' }, renotifyMinutes: 1440,
        backtest: { status: 'ready', days: 30, episodeDates: Array.from({ length: 200 }, () => '2025-11-04') },
      }),
      buildHomeView({
        subscriptions: Array.from({ length: 300 }, () => subscriptionSummary({ rule: rule({ scope: { kind: 'building', id: 1, name: LONG } }) })),
        digests: Array.from({ length: 300 }, () => digestSummary({ buildings: Array.from({ length: 25 }, () => ({ id: 1, name: LONG })) })),
        digestsUnknown: false,
      }),
      // An admin's Home with rules whose creator left, on top of everything else at its fullest.
      buildHomeView({
        subscriptions: Array.from({ length: 300 }, () => subscriptionSummary({ rule: rule({ scope: { kind: 'building', id: 1, name: LONG } }) })),
        orphanedSubscriptions: Array.from({ length: 300 }, () => subscriptionSummary({ canManage: false, takeOver: true, createdBy: 'U0GONE' })),
        digests: Array.from({ length: 300 }, () => digestSummary({ may: { run: true, change: true, takeOver: true }, buildings: Array.from({ length: 25 }, () => ({ id: 1, name: LONG })) })),
        digestsUnknown: false,
      }),
    ];
    for (const view of views) expect(checkViewLimits(view)).toEqual([]);
  });
});

/** Text objects that Slack parses as mrkdwn, anywhere in a message. */
function mrkdwnTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => mrkdwnTexts(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach((v) => mrkdwnTexts(v, out));
  }
  return out;
}

describe('escaping', () => {
  it('never lets a name open a mention, link or entity of its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const messages = [
          buildReportMessage(reportView({ scope: { kind: 'building', id: 71, name }, floors: [{ name, mean: 1 }], groupLabel: name })),
          buildZonesMessage(zonesView({ zones: [{ id: 1, name, zoneType: name, mean: 1, peak: 1, meanPctOfCapacity: 1 }] })),
          buildAlertMessage(episode({ rule: rule({ scope: { kind: 'zone', id: 5, name } }) })),
          ...buildDigestMessages(digestView({ buildings: [digestBuilding({ name, topZones: [{ name, mean: 1, meanPctOfCapacity: 1 }] })] })),
        ];
        for (const msg of messages) {
          expect(checkMessageLimits(msg)).toEqual([]);
          for (const text of [msg.text, ...mrkdwnTexts(msg.blocks)]) {
            expect(text).not.toMatch(/[<>]/);
            expect(text.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
