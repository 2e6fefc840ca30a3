/** What /healthz says about the store: cheap to ask, safe to show (no driver message, no URL). */
export interface StoreHealth {
  readonly engine: 'sqlite' | 'postgres';
  /** The store answered, and its schema is one this code runs on. */
  readonly ok: boolean;
  /**
   * current: every migration this code knows is applied, and no other; behind: some are not
   * (the store was rolled back under a running process); newer: the database has migrations
   * this code does not know, which a newer replica applied (it keeps running until it is
   * replaced); unknown: the store could not be asked.
   */
  readonly migrations: 'current' | 'behind' | 'newer' | 'unknown';
  /** Why ok is false, in a few words. */
  readonly problem?: string;
}
