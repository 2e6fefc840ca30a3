import { digestFromRow, readInt8, runFromRow } from '../../../../src/storage/repositories/codec';

const T0 = Date.parse('2025-11-25T12:00:00.000Z');

describe('readInt8', () => {
  test('a bigint column reads as a number whether the driver gave a number, a string (pg int8) or a bigint', () => {
    expect(readInt8(T0, 'digests', 'created_at')).toBe(T0);
    expect(readInt8(String(T0), 'digests', 'created_at')).toBe(T0);
    expect(readInt8(BigInt(T0), 'digests', 'created_at')).toBe(T0);
    expect(readInt8('-5', 'alert_state', 'pending_since')).toBe(-5);
  });

  test.each([['9007199254740993'], [2n ** 60n], ['12.5'], ['1e3'], [''], [1.5]])('%p is a STORAGE error naming the column', (value) => {
    expect(() => readInt8(value as never, 'digests', 'updated_at')).toThrow(
      expect.objectContaining({ code: 'STORAGE', table: 'digests', column: 'updated_at' }),
    );
  });
});

describe('rows as an int8-as-string driver returns them', () => {
  test('a digest and a run read with number instants', () => {
    const digest = digestFromRow({
      id: 3,
      team_id: 'T1',
      channel_id: 'C1',
      created_by: 'U1',
      building_ids: '[71]',
      time_of_day: '08:00',
      days: '[1,2]',
      time_zone: 'Europe/London',
      cadence: 'daily',
      options: '{"chart":true,"topZones":true,"perFloor":true,"weekOverWeek":true,"skipWhenNoData":false}',
      status: 'active',
      paused_reason: null,
      created_at: String(T0),
      updated_at: String(T0 + 1),
      group_id: null,
    });
    expect(digest).toMatchObject({ id: 3, createdAt: T0, updatedAt: T0 + 1, buildingIds: [71], days: [1, 2], groupId: null });
    const run = runFromRow({
      digest_id: 3,
      local_date: '2025-11-25',
      team_id: 'T1',
      state: 'sent',
      claimed_at: String(T0),
      finished_at: null,
      message_ts: '1.1',
      channel_id: 'C1',
      reason: null,
      late_minutes: 0,
      owner: 'replica-a',
      lease_until: String(T0 + 30_000),
      posting_at: String(T0 + 5),
    });
    expect(run).toMatchObject({ claimedAt: T0, finishedAt: null, owner: 'replica-a', leaseUntil: T0 + 30_000, postingAt: T0 + 5 });
  });
});
