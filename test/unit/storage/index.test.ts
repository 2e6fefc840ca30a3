import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { silentLogger } from '../../support/logger';
import { openStore } from '../../../src/storage';

const T0 = Date.parse('2025-11-25T12:00:00.000Z');
const digest = {
  teamId: 'T1',
  channelId: 'C1',
  createdBy: 'U1',
  buildingIds: [71],
  timeOfDay: '08:00',
  days: [1, 2, 3, 4, 5] as (1 | 2 | 3 | 4 | 5)[],
  timeZone: 'Europe/London',
  options: { chart: true, topZones: true, perFloor: true, weekOverWeek: true, skipWhenNoData: false },
};

describe('openStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'occupancy-open-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('sqlite:<path> creates and migrates the file; the data is there after reopening', async () => {
    const url = `sqlite:${path.join(dir, 'data', 'bot.db')}`;
    const first = await openStore({ url, logger: silentLogger(), now: () => T0 });
    const created = await first.digests.create(digest);
    expect(created.createdAt).toBe(T0);
    await first.close();
    expect(fs.existsSync(path.join(dir, 'data', 'bot.db'))).toBe(true);
    const second = await openStore({ url, logger: silentLogger() });
    try {
      expect(await second.digests.get('T1', created.id)).toEqual(created);
    } finally {
      await second.close();
    }
  });

  test('sqlite::memory: gives each store its own private database', async () => {
    const a = await openStore({ url: 'sqlite::memory:', logger: silentLogger() });
    const b = await openStore({ url: 'sqlite::memory:', logger: silentLogger() });
    try {
      await a.digests.create(digest);
      expect(await a.digests.listByTeam('T1')).toHaveLength(1);
      expect(await b.digests.listByTeam('T1')).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  test('a PostgreSQL URL the driver cannot use is CONFIG_INVALID before any connection, without the password', async () => {
    const err = await openStore({ url: 'postgres://bot:hunter2@localhost/occupancy?sslmode=prefer', logger: silentLogger() }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFIG_INVALID', problems: [expect.stringContaining('sslmode')] });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toContain('hunter2');
  });

  test('a URL of no known engine is CONFIG_INVALID', async () => {
    await expect(openStore({ url: 'mysql://x', logger: silentLogger() })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
