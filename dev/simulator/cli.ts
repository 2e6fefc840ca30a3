import { SIMULATOR_SDL, startSimulator, type SimulatorFaults, type SimulatorOptions } from './index';

/**
 * Runs the simulator on its own: `node dist/simulator/cli.js` (or `npm run simulator`).
 * Every option and fault knob comes from the environment; one line tells where it listens.
 * `--print-schema` prints the SDL it serves and exits.
 */
type Env = Readonly<Record<string, string | undefined>>;

function num(env: Env, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number`);
  return n;
}

export function optionsFromEnv(env: Env): SimulatorOptions {
  const faults: Partial<SimulatorFaults> = {};
  const set = <K extends keyof SimulatorFaults>(k: K, v: SimulatorFaults[K] | undefined) => {
    if (v !== undefined) faults[k] = v;
  };
  set('latencyMs', num(env, 'SIM_LATENCY_MS'));
  set('holdMs', num(env, 'SIM_HOLD_MS'));
  set('errorRate', num(env, 'SIM_ERROR_RATE'));
  set('serverErrorBurst', num(env, 'SIM_5XX_BURST'));
  set('sessionTtlSeconds', num(env, 'SIM_SESSION_TTL_SECONDS'));
  set('malformedJson', num(env, 'SIM_MALFORMED_NEXT'));
  set('graphqlErrors', num(env, 'SIM_GRAPHQL_ERRORS_NEXT'));
  set('tokenFailures', num(env, 'SIM_TOKEN_FAILURES_NEXT'));
  const rateLimitNext = num(env, 'SIM_RATE_LIMIT_NEXT');
  if (rateLimitNext !== undefined) faults.rateLimit = { next: rateLimitNext, retryAfter: env.SIM_RETRY_AFTER?.trim() || undefined };
  const rootErrors = env.SIM_ROOT_ERRORS?.trim();
  if (rootErrors) {
    faults.rootErrors = Object.fromEntries(
      rootErrors.split(',').map((pair) => {
        const [root = '', n = ''] = pair.split(':').map((x) => x.trim());
        if (!/^[A-Z_]+$/.test(root) || !/^\d+$/.test(n)) throw new RangeError(`SIM_ROOT_ERRORS: "${pair}" is not ROOT:N`);
        return [root, Number(n)];
      }),
    );
  }
  const reject = env.SIM_REJECT_GUESS_FIELDS?.trim().toLowerCase();
  if (reject) faults.rejectGuessFields = reject === '1' || reject === 'true' || reject === 'yes';

  const opts: SimulatorOptions = { faults };
  const port = num(env, 'SIM_PORT') ?? num(env, 'PORT');
  if (port !== undefined) opts.port = port;
  if (env.SIM_HOST?.trim()) opts.host = env.SIM_HOST.trim();
  if (env.SIM_CLIENT_ID?.trim()) opts.clientId = env.SIM_CLIENT_ID.trim();
  if (env.SIM_CLIENT_SECRET?.trim()) opts.clientSecret = env.SIM_CLIENT_SECRET.trim();
  if (env.SIM_AUDIENCE?.trim()) opts.audience = env.SIM_AUDIENCE.trim();
  const fixedNow = env.SIM_NOW?.trim();
  if (fixedNow) {
    const ms = Date.parse(fixedNow);
    if (Number.isNaN(ms)) throw new Error('SIM_NOW must be an ISO date-time, e.g. 2025-05-02T12:00:00Z');
    opts.clock = () => new Date(ms);
  }
  return opts;
}

async function main(): Promise<void> {
  const sim = await startSimulator(optionsFromEnv(process.env));
  process.stdout.write(
    `InnerSpace simulator at ${sim.url} — session: POST ${sim.sessionTokenUrl} then ${sim.apiUrl}; ` +
      `bearer: POST ${sim.bearerTokenUrl} then ${sim.bearerApiUrl}; client_id=${sim.clientId}\n`,
  );
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module && process.argv.includes('--print-schema')) {
  process.stdout.write(SIMULATOR_SDL);
} else if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`simulator failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
