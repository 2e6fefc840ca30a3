/**
 * The workloads the benchmarks share, so their figures describe the same thing: the digest
 * fan-out (1,000 digests over 50 buildings and 250 channels, all due at one instant) and the
 * alert check (10,000 rules over 200 scopes, one check just after a nightly publish).
 */
import { DateTime } from 'luxon';
import type { Building } from '../src/domain/occupancy';
import type { NewSubscription } from '../src/domain/subscription';
import { expectedBucketStarts } from '../src/domain/time';
import type { Store } from '../src/ports/store';
import { freshState } from '../src/services/alerts/stored';

export const DIGESTS = 1_000;
export const DIGEST_BUILDINGS = 50;
export const DIGEST_CHANNELS = 250;
/** Wed 25 Nov 2026, 13:00 UTC: every digest's local time is set to this instant. */
export const DIGESTS_DUE = Date.parse('2026-11-25T13:00:00Z');
export const DIGEST_USER = 'U0LOCAL001';
export const DIGEST_TEAM = 'T0LOCAL';

export const ALERT_SCOPES = 200;
export const ALERT_TEAM = 'T0BENCH';
export const ALERT_ZONE = 'America/Toronto';
/** Wed 25 Nov 2026, 10:00 in Toronto: Tue 24 Nov is the latest published day. */
export const ALERTS_SAVED = Date.parse('2026-11-25T15:00:00Z');
/** Thu 26 Nov, 05:00 in Toronto: Wed 25 Nov has just been published. */
export const ALERTS_CHECKED = Date.parse('2026-11-26T10:00:00Z');

export const digestChannelIds = (): string[] => Array.from({ length: DIGEST_CHANNELS }, (_, i) => `CBENCH${String(i).padStart(4, '0')}`);

/** Digest i: building i mod 50 at the due instant in its own zone, in channel i mod 250, every day. */
export async function seedDigests(store: Store, buildings: readonly Building[], count = DIGESTS): Promise<void> {
  const channels = digestChannelIds();
  for (let i = 0; i < count; i += 1) {
    const b = buildings[i % buildings.length]!;
    await store.digests.create({
      teamId: DIGEST_TEAM,
      channelId: channels[i % channels.length]!,
      createdBy: DIGEST_USER,
      buildingIds: [b.id],
      timeOfDay: DateTime.fromMillis(DIGESTS_DUE, { zone: b.timeZone }).toFormat('HH:mm'),
      days: [1, 2, 3, 4, 5, 6, 7],
      timeZone: b.timeZone,
      options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: false },
    });
  }
}

/** Rule i of the alert workload: mostly "above" rules at varied thresholds, a tenth "below", a fifth to channels. */
export function alertRule(i: number): NewSubscription {
  const below = i % 10 === 9;
  const threshold = below ? 3 + (i % 5) : 60 + ((i * 37) % 160);
  const channel = i % 5 === 0;
  return {
    teamId: ALERT_TEAM,
    createdBy: `U${String(i % 2000).padStart(6, '0')}`,
    scopeKind: 'building',
    scopeId: (i % ALERT_SCOPES) + 1,
    measure: 'people',
    direction: below ? 'below' : 'above',
    threshold,
    recovery: below ? threshold * 1.1 + 20 : threshold * 0.9,
    minDuration: 1 + (i % 3),
    granularity: 'PT1H',
    destinationKind: channel ? 'channel' : 'dm',
    destinationId: channel ? `C${String(i % 100).padStart(6, '0')}` : `U${String(i % 2000).padStart(6, '0')}`,
    quietHours: null,
    renotifyMinutes: i % 4 === 0 ? 240 : null,
  };
}

/** Every rule starts after the last bucket of Tue 24 Nov, as if saved on Wednesday. */
export async function seedAlertRules(store: Store, count: number): Promise<void> {
  const lastTuesday = expectedBucketStarts('2026-11-24', ALERT_ZONE, 'PT1H').at(-1)!;
  for (let i = 0; i < count; i += 1) {
    const sub = await store.subscriptions.create(alertRule(i));
    await store.alertStates.put(freshState(sub.id, ALERT_TEAM, lastTuesday));
  }
}
