import { createCharts, QuickChartRenderer } from '../../../../src/charts';
import { silentLogger } from '../../../support/logger';
import { Authorizer } from '../../../../src/services/authz';
import { createAlerts } from '../../../../src/services/alerts';
import { alertErrorWords } from '../../../../src/slack/blocks/errors';
import type { SubscriptionDraft } from '../../../../src/domain/drafts';
import { openStore } from '../../../../src/storage';
import type { Store } from '../../../../src/ports/store';
import { CountingSlackGateway } from '../../../fakes/counting-slack';
import { NightlyInnerSpace } from '../../../fakes/nightly-innerspace';
import { blockKitRenderer } from '../../../../src/slack/blocks/renderer';

const NOW = Date.parse('2026-11-25T15:00:00Z');
const WHO = { teamId: 'T1', userId: 'U1' };

const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function setup(capacity: number | null) {
  const store = await openStore({ url: 'sqlite::memory:', logger: silentLogger(), now: () => NOW });
  stores.push(store);
  const innerspace = new NightlyInnerSpace({ buildings: 3, capacity, now: () => NOW });
  const slack = new CountingSlackGateway((user) => (user === 'U1' ? ['C1'] : []));
  const alerts = createAlerts({
    store, innerspace, slack, authz: new Authorizer(slack, []), charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer,
    groupId: '00000000-0000-0000-0000-000000000000', now: () => NOW, logger: silentLogger(), noDataAfterHours: 36, spacingMs: 0,
  });
  return { store, innerspace, alerts };
}

function draft(over: Partial<SubscriptionDraft> = {}): SubscriptionDraft {
  return {
    scope: { kind: 'building', id: 2 }, measure: 'people', direction: 'above', threshold: 120, recovery: 108, minDuration: { unit: 'minutes', minutes: 120 },
    granularity: 'PT1H', destination: { kind: 'dm' }, quietHours: null, renotifyMinutes: null, ...over,
  };
}

describe('alert rules against an in-process InnerSpace', () => {
  it('refuses a percentage where no capacity is known, with words that say what to do', async () => {
    const { alerts, store } = await setup(null);
    const err = await alerts.subscriptions.create(WHO, draft({ measure: 'percent', threshold: 80, recovery: 72 })).catch((e: unknown) => e);
    expect(alertErrorWords(err as never)).toBe(
      "InnerSpace doesn't know the capacity of building 2, so I can't alert on a percentage of it. Use a number of people instead, e.g. `above 120`.",
    );
    expect(await store.subscriptions.listByTeam('T1')).toEqual([]);
    // People work without a capacity.
    await expect(alerts.subscriptions.create(WHO, draft())).resolves.toMatchObject({ subscription: { id: 1, minDuration: 2 } });
  });

  it('reads percent rules against capacity, and starts from the latest published bucket with one backtest query', async () => {
    const { alerts, innerspace, store } = await setup(250);
    const saved = await alerts.subscriptions.create(WHO, draft({ measure: 'percent', threshold: 50, recovery: 45 }));
    expect(innerspace.counts.insightQueries).toBe(1);
    expect(saved.backtest.status).toBe('ready');
    // Tue 24 Nov 23:00 in Toronto.
    expect((await store.alertStates.get(saved.subscription.id))?.evaluatedThrough).toBe(Date.parse('2026-11-25T04:00:00Z'));
  });

  it('refuses a channel given by name, which Slack did not turn into an id', async () => {
    const { alerts } = await setup(250);
    const err = await alerts.subscriptions.create(WHO, draft({ destination: { kind: 'channel', channel: { kind: 'name', name: 'facilities' } } })).catch((e: unknown) => e);
    expect(alertErrorWords(err as never)).toBe("I can't tell which channel `#facilities` is. Pick it from Slack's list as you type `#`, or use the form: `/occupancy subscribe`.");
  });
});
