import { parseDatabaseUrl } from '../../../src/storage';

describe('parseDatabaseUrl', () => {
  test.each([
    ['sqlite:./data/occupancy-bot.db', { dialect: 'sqlite', path: './data/occupancy-bot.db' }],
    ['sqlite:/var/lib/bot/bot.db', { dialect: 'sqlite', path: '/var/lib/bot/bot.db' }],
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:' }],
    ['postgres://bot:pw@db:5432/occupancy', { dialect: 'postgres', url: 'postgres://bot:pw@db:5432/occupancy' }],
    ['postgresql://bot:pw@db/occupancy?sslmode=require', { dialect: 'postgres', url: 'postgresql://bot:pw@db/occupancy?sslmode=require' }],
  ])('%s', (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  test.each(['sqlite:', 'mysql://u:hunter2@h/db', './bot.db', ''])('%j is CONFIG_INVALID without quoting the URL', (url) => {
    let caught: unknown;
    try {
      parseDatabaseUrl(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_INVALID', problems: [expect.stringContaining('DATABASE_URL')] });
    expect(JSON.stringify(caught) + String((caught as Error).message)).not.toContain('hunter2');
  });
});
