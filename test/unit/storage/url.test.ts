import { describeDatabase, parseDatabaseUrl } from '../../../src/storage';

const postgres = (over: Record<string, unknown> = {}) => ({
  dialect: 'postgres',
  host: 'db',
  port: 5432,
  database: 'occupancy',
  user: 'bot',
  password: 'pw',
  sslMode: 'disable',
  ...over,
});

function problemsOf(url: string): string[] {
  try {
    parseDatabaseUrl(url);
  } catch (err) {
    expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    return [...(err as { problems: string[] }).problems];
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('parseDatabaseUrl', () => {
  test.each([
    ['sqlite:./data/occupancy-bot.db', { dialect: 'sqlite', path: './data/occupancy-bot.db' }],
    ['sqlite:/var/lib/bot/bot.db', { dialect: 'sqlite', path: '/var/lib/bot/bot.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['postgres://bot:pw@db:5432/occupancy', postgres()],
    ['postgresql://bot:pw@db/occupancy', postgres()],
    ['POSTGRES://bot:pw@db:6543/occupancy', postgres({ port: 6543 })],
    ['postgres://bot@db/occupancy', postgres({ password: '' })],
    ['postgres://bot:p%40ss%3Aw%2Frd@db/occupancy', postgres({ password: 'p@ss:w/rd' })],
    ['postgres://bot:pw@[::1]:5433/occupancy', postgres({ host: '::1', port: 5433 })],
    ['postgres://bot:pw@db/occupancy?sslmode=disable', postgres()],
    ['postgres://bot:pw@db/occupancy?sslmode=require', postgres({ sslMode: 'require' })],
    ['postgres://bot:pw@db/occupancy?sslmode=verify-full', postgres({ sslMode: 'verify-full' })],
    ['postgres://bot:pw@db/occupancy?sslmode=verify-ca&sslrootcert=/etc/ca.pem', postgres({ sslMode: 'verify-ca', sslRootCert: '/etc/ca.pem' })],
    ['postgres://bot:pw@db/occupancy?sslmode=require&sslrootcert=/etc/ca.pem', postgres({ sslMode: 'require', sslRootCert: '/etc/ca.pem' })],
    ['postgres://bot:pw@db/occupancy?application_name=bot-a&connect_timeout=5', postgres({ applicationName: 'bot-a', connectTimeoutSeconds: 5 })],
  ])('%s', (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  test.each([
    ['sqlite:', 'DATABASE_URL must look like'],
    ['mysql://u:hunter2@h/db', 'DATABASE_URL must look like'],
    ['./bot.db', 'DATABASE_URL must look like'],
    ['', 'DATABASE_URL must look like'],
    ['postgres://u:hunter2@h:99999/db', 'DATABASE_URL is not a valid URL'],
    ['postgres://u:hunter2@h/', 'DATABASE_URL must name one database'],
    ['postgres://:hunter2@h/db', 'DATABASE_URL names no user'],
    ['postgres://u:hunter2@h/db?sslmode=prefer', 'sslmode must be one of disable, require, verify-ca, verify-full ("prefer"'],
    ['postgres://u:hunter2@h/db?sslmode=allow', 'fallback to plain text'],
    ['postgres://u:hunter2@h/db?sslmode=no-verify', 'sslmode must be one of'],
    ['postgres://u:hunter2@h/db?sslmode=verify-ca', 'verify-ca needs sslrootcert'],
    ['postgres://u:hunter2@h/db?sslrootcert=/ca.pem', 'sslrootcert needs sslmode=require, verify-ca or verify-full'],
    ['postgres://u:hunter2@h/db?connect_timeout=0', 'connect_timeout must be a whole number of seconds'],
    ['postgres://u:hunter2@h/db?sslmode=require&sslmode=disable', 'parameter "sslmode" is given more than once'],
    ['postgres://u:hunter2@h/db?ssl=true', 'parameter "ssl" is not understood'],
  ])('%j is CONFIG_INVALID (%s) without quoting the URL or its password', (url, problem) => {
    const problems = problemsOf(url);
    expect(problems.join('\n')).toContain(problem);
    for (const p of problems) expect(p.startsWith('DATABASE_URL')).toBe(true);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  test('every problem of one URL is reported at once', () => {
    expect(problemsOf('postgres://:pw@h/?sslmode=prefer&pool=3')).toHaveLength(4);
  });
});

describe('describeDatabase', () => {
  test('says where the store is, never the password', () => {
    expect(describeDatabase(parseDatabaseUrl('sqlite:./data/bot.db'))).toBe('sqlite ./data/bot.db');
    expect(describeDatabase(parseDatabaseUrl('postgres://bot:hunter2@db.internal:6432/occupancy?sslmode=require'))).toBe(
      'postgres bot@db.internal:6432/occupancy',
    );
    expect(describeDatabase(parseDatabaseUrl('postgres://bot:hunter2@[::1]/occupancy'))).toBe('postgres bot@[::1]:5432/occupancy');
  });
});
