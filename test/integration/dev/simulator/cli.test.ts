import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { optionsFromEnv } from '../../../../dev/simulator/cli';

const ROOT = join(__dirname, '../../../..');

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
}

describe('optionsFromEnv', () => {
  test('reads every knob', () => {
    const opts = optionsFromEnv({
      SIM_PORT: '0',
      SIM_CLIENT_ID: 'id',
      SIM_CLIENT_SECRET: 'secret',
      SIM_LATENCY_MS: '5',
      SIM_ERROR_RATE: '0.25',
      SIM_RATE_LIMIT_NEXT: '2',
      SIM_RETRY_AFTER: '7',
      SIM_5XX_BURST: '3',
      SIM_SESSION_TTL_SECONDS: '60',
      SIM_MALFORMED_NEXT: '1',
      SIM_GRAPHQL_ERRORS_NEXT: '4',
      SIM_REJECT_GUESS_FIELDS: 'true',
      SIM_NOW: '2025-05-02T12:00:00Z',
    });
    expect(opts).toMatchObject({
      port: 0,
      clientId: 'id',
      clientSecret: 'secret',
      faults: {
        latencyMs: 5,
        errorRate: 0.25,
        rateLimit: { next: 2, retryAfter: '7' },
        serverErrorBurst: 3,
        sessionTtlSeconds: 60,
        malformedJson: 1,
        graphqlErrors: 4,
        rejectGuessFields: true,
      },
    });
    expect(opts.clock?.().toISOString()).toBe('2025-05-02T12:00:00.000Z');
    expect(optionsFromEnv({ PORT: '4100' }).port).toBe(4100);
    expect(() => optionsFromEnv({ SIM_LATENCY_MS: 'soon' })).toThrow(/SIM_LATENCY_MS/);
    expect(() => optionsFromEnv({ SIM_NOW: 'tomorrow' })).toThrow(/SIM_NOW/);
  });
});

describe('the standalone simulator', () => {
  test('prints its URLs, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'dev/simulator/cli.ts')], {
      cwd: ROOT,
      env: { ...process.env, SIM_PORT: '0', SIM_CLIENT_ID: 'cli-id', SIM_CLIENT_SECRET: 'cli-secret-canary', SIM_NOW: '2025-05-02T12:00:00Z' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await firstLine(child);
      expect(line).not.toContain('cli-secret-canary');
      const base = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? '';
      expect(line).toContain(`${base}/v2/api`);
      const token = await fetch(`${base}/v2/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'cli-id', client_secret: 'cli-secret-canary', audience: 'https://global-config.innerspace.io' }),
      });
      const { session_id } = (await token.json()) as { session_id: string };
      const res = await fetch(`${base}/v2/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-session-id': session_id },
        body: JSON.stringify({ query: '{ BUILDING_INSIGHTS(where: {SITE_ID: {_eq: 900000222}, GRANULARITY: {_eq: "P1D"}}, order_by: {DATE_PARTITION: desc}, limit: 1) { DATE_PARTITION } }' }),
      });
      const body = (await res.json()) as { data: { BUILDING_INSIGHTS: { DATE_PARTITION: number }[] } };
      expect(body.data.BUILDING_INSIGHTS[0]?.DATE_PARTITION).toBe(20250501);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
