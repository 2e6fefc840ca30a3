/**
 * A listing message (digests of a channel, a person's subscriptions): a header, each item's
 * blocks up to what fits in one message, a line for the rest, and a context line.
 */
import { context, header, message, section, type KnownBlock, type SlackMessage } from './kit';

/** Header, stamp and a "more" line take three blocks; every item takes at most two. */
export const MAX_LISTED = 23;

export interface ListingSpec<T> {
  readonly title: string;
  readonly items: readonly T[];
  /** The whole message when there is nothing to list. */
  readonly empty: string;
  readonly blocksOf: (item: T) => KnownBlock[];
  readonly footer: string;
  /** Notification text when there are items. */
  readonly fallback: string;
}

export function buildListing<T>(spec: ListingSpec<T>): SlackMessage {
  const blocks: KnownBlock[] = [header(spec.title)];
  if (spec.items.length === 0) {
    blocks.push(section(spec.empty));
    return message(spec.empty, blocks);
  }
  const shown = spec.items.slice(0, MAX_LISTED);
  for (const item of shown) blocks.push(...spec.blocksOf(item));
  if (spec.items.length > shown.length) {
    blocks.push(section(`…and ${spec.items.length - shown.length} more. The bot's Home tab lists them all.`));
  }
  blocks.push(context([spec.footer]));
  return message(spec.fallback, blocks);
}
