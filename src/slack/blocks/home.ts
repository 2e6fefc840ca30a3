/**
 * App Home: the user's subscriptions and the digests of their channels, with their buttons.
 */
import { digestSummaryBlocks } from './digest-list';
import { ACTION_IDS } from './ids';
import { actions, button, context, divider, header, section, type ActionsBlockElement, type HomeView, type KnownBlock } from './kit';
import { subscriptionSummaryBlocks } from './subscriptions';
import type { AppHomeViewModel } from '../../views/index';

/** Out of the Home tab's 100 blocks: at most 2 per row, with room for headers and "more" lines. */
const MAX_HOME_SUBSCRIPTIONS = 20;
const MAX_HOME_DIGESTS = 24;
/** Shown to admins only, taken over one by one; their blocks come out of the digests' share. */
const MAX_HOME_ORPHANS = 5;

export function buildHomeView(view: AppHomeViewModel): HomeView {
  const starters: ActionsBlockElement[] = [
    button('🔔 New alert', ACTION_IDS.newSubscription, undefined, { style: 'primary' }),
    button('📊 New digest', ACTION_IDS.newDigest),
  ];

  const blocks: KnownBlock[] = [
    header('Occupancy'),
    section('Occupancy from InnerSpace, published nightly. Ask any time with `/occupancy building 71`, or `/occupancy help`.'),
    actions(starters),
  ];

  blocks.push(divider(), header('🔔 Your alerts'));
  if (view.subscriptions.length === 0) {
    blocks.push(section('No alerts yet. Use *New alert*, `/occupancy subscribe`, or 🔔 Alert me… on an answer.'));
  } else {
    for (const s of view.subscriptions.slice(0, MAX_HOME_SUBSCRIPTIONS)) blocks.push(...subscriptionSummaryBlocks(s));
    const rest = view.subscriptions.length - MAX_HOME_SUBSCRIPTIONS;
    if (rest > 0) blocks.push(context([`…and ${rest} more · \`/occupancy subscriptions\` lists them`]));
  }

  const orphans = view.orphanedSubscriptions ?? [];
  const before = blocks.length;
  if (orphans.length > 0) {
    blocks.push(divider(), header('🔔 Alerts whose creator left'));
    for (const s of orphans.slice(0, MAX_HOME_ORPHANS)) blocks.push(...subscriptionSummaryBlocks(s));
    if (orphans.length > MAX_HOME_ORPHANS) blocks.push(context([`…and ${orphans.length - MAX_HOME_ORPHANS} more`]));
  }
  // Within Slack's 100 blocks: each digest row takes up to 2, as an orphan row does.
  const maxDigests = MAX_HOME_DIGESTS - Math.ceil((blocks.length - before) / 2);

  blocks.push(divider(), header('📊 Digests in your channels'));
  if (view.digestsUnknown) {
    blocks.push(section("Slack didn't tell me which channels you're in just now, so your channels' digests aren't listed. Open this tab again in a minute."));
  } else if (view.digests.length === 0) {
    blocks.push(section('No digests in your channels yet. Use *New digest* or `/occupancy digest` in a channel.'));
  } else {
    for (const d of view.digests.slice(0, maxDigests)) blocks.push(...digestSummaryBlocks(d));
    const rest = view.digests.length - maxDigests;
    if (rest > 0) blocks.push(context([`…and ${rest} more · \`/occupancy digest list\` in a channel lists its digests`]));
  }

  return { type: 'home', blocks };
}
