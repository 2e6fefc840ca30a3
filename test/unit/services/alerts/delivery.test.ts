import { createCharts, QuickChartRenderer } from '../../../../src/charts';
import { silentLogger } from '../../../support/logger';
import { Authorizer } from '../../../../src/services/authz';
import { createAlerts } from '../../../../src/services/alerts';
import type { SlackMessage } from '../../../../src/slack/blocks/kit';
import { SlackCallError, type PostedMessage } from '../../../../src/ports/chat';
import type { SubscriptionDraft } from '../../../../src/domain/drafts';
import { openStore } from '../../../../src/storage';
import type { Store } from '../../../../src/ports/store';
import { CountingSlackGateway } from '../../../fakes/counting-slack';
import { NightlyInnerSpace } from '../../../fakes/nightly-innerspace';
import { blockKitRenderer } from '../../../../src/slack/blocks/renderer';

const WHO = { teamId: 'T1', userId: 'U1' };

/** The counting gateway, with refusals queued for the next posts. */
class FlakySlack extends CountingSlackGateway {
  readonly failures: SlackCallError[] = [];

  override async postMessage(channel: string, msg: SlackMessage, opts: { threadTs?: string } = {}): Promise<PostedMessage> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    return super.postMessage(channel, msg, opts);
  }
}

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup() {
  let now = Date.parse('2026-11-25T15:00:00Z');
  const store = await openStore({ url: 'sqlite::memory:', logger: silentLogger(), now: () => now });
  stores.push(store);
  const slack = new FlakySlack((user) => (user === 'U1' ? ['C1'] : []));
  const alerts = createAlerts({
    store, innerspace: new NightlyInnerSpace({ buildings: 2, now: () => now }), slack, authz: new Authorizer(slack, []),
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer, groupId: '00000000-0000-0000-0000-000000000000',
    now: () => now, logger: silentLogger(), noDataAfterHours: 36, spacingMs: 0,
  });
  return { store, slack, alerts, at: (iso: string) => void (now = Date.parse(iso)) };
}

/** Empty at night, busy by day, never above 250: an episode that never ends. */
const NIGHTS: SubscriptionDraft = {
  scope: { kind: 'building', id: 1 }, measure: 'people', direction: 'below', threshold: 5, recovery: 250, minDuration: { unit: 'buckets', count: 2 },
  granularity: 'PT1H', destination: { kind: 'dm' }, quietHours: null, renotifyMinutes: 240,
};

describe('alert delivery', () => {
  it('an episode carried across publishes is edited in place and, past the interval, reminded about in its thread', async () => {
    const { alerts, slack, at } = await setup();
    await alerts.subscriptions.create(WHO, NIGHTS);
    at('2026-11-26T10:00:00Z');
    await alerts.tick();
    expect(slack.posted.map((p) => p.text)).toEqual([expect.stringMatching(/^🔴 Building 1 \(1\) was below 5 people from 00:00 to 24:00 on Wed 25 Nov/)]);
    at('2026-11-27T10:00:00Z');
    await alerts.tick();
    expect(slack.counts.updateMessage).toBe(1);
    expect(slack.counts.threadReplies).toBe(1);
    expect(slack.posted.at(-1)?.text).toMatch(/^🔴 Still below 5 people through 00:00 on Thu 26 Nov/);
  });

  it('a 429 with a short Retry-After is waited out and the notification sent in the same check, once', async () => {
    const { alerts, slack, store, at } = await setup();
    await alerts.subscriptions.create(WHO, NIGHTS);
    at('2026-11-26T10:00:00Z');
    slack.failures.push(new SlackCallError('rate_limited', 'ratelimited', 1, 'chat.postMessage'));
    const limited = await alerts.tick();
    expect(limited).toMatchObject({ rateLimited: 1, parked: 0, posted: 1 });
    expect(slack.counts.postMessage).toBe(1);
    expect((await store.alertStates.get(1))?.deferred).toEqual([]);
    await alerts.tick();
    expect(slack.counts.postMessage).toBe(1);
  });

  it('429s that keep coming leave the notification queued for the next check; nothing is lost or doubled', async () => {
    const { alerts, slack, store, at } = await setup();
    await alerts.subscriptions.create(WHO, NIGHTS);
    at('2026-11-26T10:00:00Z');
    // More 429s in a row than one check tries (a long Retry-After: delivery-isolation.test.ts).
    for (let i = 0; i < 6; i++) slack.failures.push(new SlackCallError('rate_limited', 'ratelimited', 0, 'chat.postMessage'));
    const limited = await alerts.tick();
    expect(limited).toMatchObject({ rateLimited: 1, posted: 0 });
    expect(slack.counts.postMessage).toBe(0);
    expect((await store.alertStates.get(1))?.deferred).toEqual([expect.objectContaining({ kind: 'open', phase: 'queued' })]);
    await alerts.tick();
    expect(slack.counts.postMessage).toBe(1);
    await alerts.tick();
    expect(slack.counts.postMessage).toBe(1);
  });

  it('a channel the bot cannot post to pauses the rule and tells its creator once', async () => {
    const { alerts, slack, store, at } = await setup();
    await alerts.subscriptions.create(WHO, { ...NIGHTS, destination: { kind: 'channel', channel: { kind: 'id', id: 'C1', name: null } } });
    at('2026-11-26T10:00:00Z');
    slack.failures.push(new SlackCallError('refused', 'not_in_channel', null, 'chat.postMessage'));
    const report = await alerts.tick();
    expect(report.paused).toBe(1);
    expect(await store.subscriptions.get('T1', 1)).toMatchObject({ status: 'paused', pausedReason: 'not_in_channel' });
    expect(slack.posted.map((p) => [p.channel, p.text])).toEqual([['DU1', expect.stringContaining("I paused alert #1 on Building 1 (1): I'm no longer a member of <#C1>")]]);
    at('2026-11-27T10:00:00Z');
    expect((await alerts.tick()).subscriptions).toBe(0);
  });
});
