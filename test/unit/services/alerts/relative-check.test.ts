import { createCharts, QuickChartRenderer } from '../../../../src/charts';
import { silentLogger } from '../../../support/logger';
import { Authorizer } from '../../../../src/services/authz';
import { createAlerts } from '../../../../src/services/alerts';
import type { SubscriptionDraft } from '../../../../src/domain/drafts';
import type { InsightQuery } from '../../../../src/ports/occupancy-source';
import type { InsightRow } from '../../../../src/domain/occupancy';
import { openStore } from '../../../../src/storage';
import type { Store } from '../../../../src/ports/store';
import { UpstreamUnavailableError } from '../../../../src/errors';
import { CountingSlackGateway } from '../../../fakes/counting-slack';
import { NightlyInnerSpace } from '../../../fakes/nightly-innerspace';
import { blockKitRenderer } from '../../../../src/slack/blocks/renderer';

const WHO = { teamId: 'T1', userId: 'U1' };

/** The nightly fake, whose queries for past weeks (the ones without a watermark) can be made to fail. */
class HistoryOutage extends NightlyInnerSpace {
  down = false;
  /** Nothing before this instant exists (a building just opened). */
  since = 0;
  override async buildingInsights(q: InsightQuery): Promise<InsightRow[]> {
    if (this.down && q.startFrom === undefined) throw new UpstreamUnavailableError('InnerSpace is down', { upstream: 'innerspace', status: 503, reason: 'HTTP 503' });
    return (await super.buildingInsights(q)).filter((r) => r.start >= this.since);
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
  const slack = new CountingSlackGateway(() => []);
  const innerspace = new HistoryOutage({ buildings: 1, now: () => now });
  const alerts = createAlerts({
    store, innerspace, slack, authz: new Authorizer(slack, []),
    charts: createCharts(new QuickChartRenderer({ baseUrl: 'https://quickchart.example.test' })), renderer: blockKitRenderer, groupId: '00000000-0000-0000-0000-000000000000',
    now: () => now, logger: silentLogger(), noDataAfterHours: 36, spacingMs: 0,
  });
  return { store, slack, alerts, innerspace, at: (iso: string) => void (now = Date.parse(iso)) };
}

const RULE: SubscriptionDraft = {
  scope: { kind: 'building', id: 1 }, measure: 'people', direction: 'above', threshold: 1, recovery: 0.5, minDuration: { unit: 'buckets', count: 1 },
  granularity: 'PT1H', destination: { kind: 'dm' }, quietHours: null, renotifyMinutes: null,
};
/** Every busy hour is below 1000% of its usual level. */
const RELATIVE: SubscriptionDraft = { ...RULE, thresholdKind: 'relative', direction: 'below', threshold: 1000, recovery: 1100 };

describe('the check of a rule relative to usual', () => {
  it('waits for its history when InnerSpace cannot give it, while the absolute rules of the scope go on; then reads what it missed', async () => {
    const { alerts, slack, store, innerspace, at } = await setup();
    const absolute = await alerts.subscriptions.create(WHO, RULE);
    const relative = await alerts.subscriptions.create(WHO, RELATIVE);
    const before = (await store.alertStates.get(relative.subscription.id))?.evaluatedThrough;

    at('2026-11-26T10:00:00Z');
    innerspace.down = true;
    const failed = await alerts.tick();
    expect(failed).toMatchObject({ queryFailures: 1, baselineQueries: 1, fired: 1 });
    expect(slack.posted.map((p) => p.text)).toEqual([expect.stringMatching(/^🟢 Building 1 \(1\) was above 1 person/)]);
    expect((await store.alertStates.get(absolute.subscription.id))?.evaluatedThrough).toBeGreaterThan(before ?? 0);
    expect((await store.alertStates.get(relative.subscription.id))?.evaluatedThrough).toBe(before);

    innerspace.down = false;
    const next = await alerts.tick();
    expect(next).toMatchObject({ queryFailures: 0, baselineQueries: 1, fired: 1 });
    // 08:00 and the night are empty every week: nothing is usual there, so they are not judged (and end nothing).
    expect(slack.posted.at(-1)?.text).toMatch(/^🔴 Building 1 \(1\) was below 1,000% of usual from 09:00 to 18:00 on Wed 25 Nov /);
    expect(slack.posted.at(-1)?.text).toMatch(/\(low at \d\d:00: \d+, usual for Wed \d\d:00 is \d+ \(\d+%\)\)/);
  });
});

describe('a relative rule with too little history', () => {
  it('says so once, says it again once edited, and never fires on what it cannot judge', async () => {
    const { alerts, slack, innerspace, at } = await setup();
    // Open since Wed 18 Nov: each day after it has one week before it, and the usual level needs two.
    innerspace.since = Date.parse('2026-11-18T05:00:00Z');
    const rule = await alerts.subscriptions.create(WHO, RELATIVE);
    at('2026-11-26T10:00:00Z');
    expect(await alerts.tick()).toMatchObject({ fired: 0, posted: 1 });
    const notice = /^⚪ Rule #1 can't judge Building 1 \(1\) against its usual level yet: Wed \d\d:00 on Wed 25 Nov has data in 1 of the 4 weeks/;
    expect(slack.posted.map((p) => p.text)).toEqual([expect.stringMatching(notice)]);

    at('2026-11-27T10:00:00Z');
    expect(await alerts.tick()).toMatchObject({ fired: 0, posted: 0 });

    await alerts.subscriptions.update(WHO, rule.subscription.id, { ...RELATIVE, threshold: 900, recovery: 990 });
    at('2026-11-28T10:00:00Z');
    expect(await alerts.tick()).toMatchObject({ fired: 0, posted: 1 });
    expect(slack.posted.at(-1)?.text).toMatch(/^⚪ Rule #1 can't judge Building 1 \(1\) against its usual level yet: Fri \d\d:00 on Fri 27 Nov/);
    expect(slack.posted).toHaveLength(2);
  });
});
