/**
 * The demo controls' reach into the app: run the digests that are due, evaluate alert rules.
 * The console shows a control only when its hook exists (the app's ConsoleHooks).
 */
export interface DemoHooks {
  readonly runDueDigests?: () => Promise<unknown>;
  readonly checkAlerts?: () => Promise<unknown>;
  /** Keeps a move of the clock (the app stores it, so a restart resumes there). */
  readonly clockMoved?: () => Promise<unknown>;
}
