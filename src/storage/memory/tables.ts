import { closedError } from '../errors';
import type { AlertState, Digest, DigestRun, EpochMs, Subscription, Watermark } from '../ports';

/**
 * The in-memory store's rows, shared by its repositories so that deletes cascade and parent
 * rows can be checked the way the SQL schema's foreign keys do.
 */
export class MemoryTables {
  readonly digests = new Map<number, Digest>();
  readonly runs = new Map<string, DigestRun>();
  readonly subscriptions = new Map<number, Subscription>();
  readonly alertStates = new Map<number, AlertState>();
  readonly watermarks = new Map<string, Watermark>();
  readonly notices = new Map<string, EpochMs>();
  private lastDigestId = 0;
  private lastSubscriptionId = 0;
  private closed = false;

  constructor(readonly now: () => EpochMs) {}

  /** Throws once the store is closed, as the SQLite store does. */
  open(op: string): void {
    if (this.closed) throw closedError(op);
  }

  close(): void {
    this.closed = true;
  }

  nextDigestId(): number {
    return ++this.lastDigestId;
  }

  nextSubscriptionId(): number {
    return ++this.lastSubscriptionId;
  }
}

export const runKey = (digestId: number, localDate: string): string => `${digestId}|${localDate}`;

/** Records leave and enter the store as copies, so callers can never edit stored rows. */
export const copy = <T>(value: T): T => structuredClone(value);

export const byId = <T extends { id: number }>(a: T, b: T): number => a.id - b.id;
