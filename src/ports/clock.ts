/** The clock port: everything that needs "now" is given one of these, never Date.now(). */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
