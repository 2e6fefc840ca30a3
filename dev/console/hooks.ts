/**
 * The demo controls' reach into the app: run the digests that are due, evaluate alert rules.
 * Both features are optional parts of the app, so the console looks for them on whatever the
 * app exposes and shows a control only when its hook exists.
 */
export interface DemoHooks {
  readonly runDueDigests?: () => Promise<unknown>;
  readonly checkAlerts?: () => Promise<unknown>;
}

const DIGEST_METHODS = ['runDue', 'runDueNow', 'runNow', 'run', 'tick'] as const;
const ALERT_METHODS = ['tick', 'check', 'checkNow', 'runNow', 'run', 'evaluate'] as const;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function method(owner: unknown, names: readonly string[]): (() => Promise<unknown>) | undefined {
  if (!isObj(owner)) return undefined;
  for (const name of names) {
    const fn = owner[name];
    if (typeof fn === 'function') return async () => (fn as () => unknown).call(owner);
  }
  return undefined;
}

/** `app.digests.runDue()` and `app.alerts.tick()` (or their near names), when the app has them. */
export function demoHooksFrom(app: unknown): DemoHooks {
  if (!isObj(app)) return {};
  const runDueDigests = method(app.digests, DIGEST_METHODS);
  const checkAlerts = method(app.alerts, ALERT_METHODS);
  return { ...(runDueDigests ? { runDueDigests } : {}), ...(checkAlerts ? { checkAlerts } : {}) };
}
