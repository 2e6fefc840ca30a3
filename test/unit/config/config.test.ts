import { loadConfig } from '../../../src/config';
import { NIL_GROUP_ID } from '../../../src/domain/occupancy';
import { ConfigError } from '../../../src/errors';

const SECRET = 'abcdef0123456789abcdef0123456789';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return [...(err as ConfigError).problems];
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('starts in local mode with the simulator when nothing is set', () => {
    const c = loadConfig({});
    expect(c.slack.mode).toBe('local');
    expect(c.innerspace.simulated).toBe(true);
    expect(c.port).toBe(3000);
    expect(c.innerspace.auth).toBe('session');
    expect(c.innerspace.tokenUrl).toBe('https://api.innerspace.io/v2/oauth/token');
    expect(c.innerspace.apiUrl).toBe('https://api.innerspace.io/v2/api');
    expect(c.innerspace.audience).toBe('https://global-config.innerspace.io');
    expect(c.innerspace.groupId).toBe(NIL_GROUP_ID);
    expect(c.database).toEqual({
      url: 'sqlite:./data/occupancy-bot.db',
      target: { dialect: 'sqlite', path: './data/occupancy-bot.db' },
      poolSize: 10,
    });
    expect(c.quickchartUrl).toBe('https://quickchart.io');
    expect(c.chartDelivery).toBe('url');
    expect(c.adminUserIds).toEqual([]);
    expect(c.digestGraceMinutes).toBe(30);
    expect(c.alertCheckCron).toBe('*/15 * * * *');
    expect(c.logLevel).toBe('info');
    expect(c.secrets).toEqual([]);
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: '', PORT: ' ' }).slack.mode).toBe('local');
  });

  it('selects HTTP mode with a bot token and signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(c.slack.mode).toBe('http');
    expect(c.slack.apiUrl).toBe('http://127.0.0.1:9/api/');
    expect(c.secrets).toEqual(['xoxb-1-2-3', SECRET]);
  });

  it('selects Socket Mode with an app token, without requiring a signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-2' });
    expect(c.slack.mode).toBe('socket');
  });

  it('uses real InnerSpace when credentials are set', () => {
    const c = loadConfig({ INNERSPACE_CLIENT_ID: 'id', INNERSPACE_CLIENT_SECRET: 'shh-secret', INNERSPACE_AUTH: 'bearer' });
    expect(c.innerspace.simulated).toBe(false);
    expect(c.innerspace.auth).toBe('bearer');
    expect(c.secrets).toContain('shh-secret');
  });

  it('accepts six-field cron expressions', () => {
    expect(loadConfig({ ALERT_CHECK_CRON: '*/30 */5 * * * *' }).alertCheckCron).toBe('*/30 */5 * * * *');
  });

  it('takes CHART_DELIVERY url or upload, and names it on anything else', () => {
    expect(loadConfig({ CHART_DELIVERY: 'upload' }).chartDelivery).toBe('upload');
    expect(loadConfig({ CHART_DELIVERY: 'url' }).chartDelivery).toBe('url');
    expect(problemsOf({ CHART_DELIVERY: 'files' })).toEqual(['CHART_DELIVERY must be "url" or "upload"']);
  });

  it('parses admin ids', () => {
    expect(loadConfig({ ADMIN_USER_IDS: 'U012AB, W0XYZ1 ,' }).adminUserIds).toEqual(['U012AB', 'W0XYZ1']);
  });

  it('reports every problem at once, naming each variable and no secret value', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-canary-user-token-value',
      SLACK_SIGNING_SECRET: 'short!canary',
      SLACK_APP_TOKEN: 'canary-app-token',
      PORT: 'eighty',
      INNERSPACE_CLIENT_SECRET: 'canary-client-secret',
      INNERSPACE_AUTH: 'basic',
      INNERSPACE_GROUP_ID: 'everyone',
      DATABASE_URL: 'mysql://x',
      QUICKCHART_URL: 'ftp://x',
      ADMIN_USER_IDS: 'alice',
      DIGEST_GRACE_MINUTES: '-1',
      ALERT_CHECK_CRON: 'every minute',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'not a url',
    };
    const problems = problemsOf(env);
    const text = problems.join('\n');
    for (const name of [
      'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'PORT', 'INNERSPACE_AUTH', 'INNERSPACE_GROUP_ID',
      'DATABASE_URL', 'QUICKCHART_URL', 'ADMIN_USER_IDS', 'DIGEST_GRACE_MINUTES', 'ALERT_CHECK_CRON', 'LOG_LEVEL', 'SLACK_API_URL',
    ]) {
      expect(text).toContain(name);
    }
    for (const canary of ['canary', 'xoxp', 'eighty', 'basic', 'everyone', 'mysql', 'alice', 'loud']) {
      expect(text).not.toContain(canary);
    }
  });

  it('requires a signing secret in HTTP mode and paired InnerSpace credentials', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', INNERSPACE_CLIENT_ID: 'id' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('SLACK_SIGNING_SECRET');
    expect(problems[1]).toContain('INNERSPACE_CLIENT_SECRET');
  });

  it('reads INNERSPACE_RECHECK_MINUTES: 10 by default, a whole number of at least 1', () => {
    expect(loadConfig({}).innerspace.recheckMinutes).toBe(10);
    expect(loadConfig({ INNERSPACE_RECHECK_MINUTES: '1' }).innerspace.recheckMinutes).toBe(1);
    for (const bad of ['0', '-3', '2.5', 'ten', '1441']) {
      const problems = problemsOf({ INNERSPACE_RECHECK_MINUTES: bad });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^INNERSPACE_RECHECK_MINUTES must be (a whole number|between 1 and 1440)$/);
    }
  });

  it('reads REPLICA_ID and REPLICA_LEASE_SECONDS: none and 30 s by default, checked', () => {
    expect(loadConfig({}).replica).toEqual({ id: null, leaseMs: 30_000 });
    expect(loadConfig({ REPLICA_ID: 'bot-1.eu:7', REPLICA_LEASE_SECONDS: '5' }).replica).toEqual({ id: 'bot-1.eu:7', leaseMs: 5000 });
    expect(problemsOf({ REPLICA_ID: 'two words' })).toEqual([expect.stringMatching(/^REPLICA_ID must be 1-100 letters/)]);
    for (const bad of ['4', '601', 'soon']) {
      expect(problemsOf({ REPLICA_LEASE_SECONDS: bad })).toEqual([expect.stringMatching(/^REPLICA_LEASE_SECONDS must be (a whole number|between 5 and 600)$/)]);
    }
  });

  it('reads a PostgreSQL DATABASE_URL, and censors its password and the URL itself in logs', () => {
    const url = 'postgresql://bot:canary%40pw@db.internal:6432/occupancy?sslmode=require';
    const c = loadConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '25' });
    expect(c.database).toEqual({
      url,
      target: { dialect: 'postgres', host: 'db.internal', port: 6432, database: 'occupancy', user: 'bot', password: 'canary@pw', sslMode: 'require' },
      poolSize: 25,
    });
    // The URL first: censoring the password first would leave a URL the list no longer matches.
    expect(c.secrets).toEqual([url, 'canary@pw']);
  });

  it('reports a bad PostgreSQL URL with the other problems, never quoting it', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://bot:canary@db/occupancy?sslmode=prefer', PORT: 'eighty' });
    expect(problems).toEqual([
      'PORT must be a whole number',
      expect.stringMatching(/^DATABASE_URL sslmode must be one of disable, require, verify-ca, verify-full/),
    ]);
    expect(problems.join('\n')).not.toContain('canary');
  });

  it('reads DATABASE_POOL_SIZE: 10 by default, a whole number from 1 to 100', () => {
    expect(loadConfig({}).database.poolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '1' }).database.poolSize).toBe(1);
    expect(loadConfig({ DATABASE_POOL_SIZE: '100' }).database.poolSize).toBe(100);
    for (const bad of ['0', '101', '2.5', 'ten', '-1']) {
      expect(problemsOf({ DATABASE_POOL_SIZE: bad })).toEqual([expect.stringMatching(/^DATABASE_POOL_SIZE must be (a whole number|between 1 and 100)$/)]);
    }
  });

  it('returns a frozen config', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.innerspace)).toBe(true);
  });
});

describe('URLs with credentials in them', () => {
  it.each(['SLACK_API_URL', 'INNERSPACE_API_URL', 'INNERSPACE_TOKEN_URL', 'QUICKCHART_URL'])('%s with a user and password is refused, naming neither', (name) => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1-2-3', SLACK_SIGNING_SECRET: SECRET, [name]: 'http://someone:pa55word@127.0.0.1:9/api/' });
    expect(problems).toEqual([`${name} must not carry a user or password (user:password@); give credentials in their own settings`]);
    expect(problems.join(' ')).not.toMatch(/pa55word|someone/);
  });
});
