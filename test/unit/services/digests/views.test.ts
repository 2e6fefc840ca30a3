import { modalView, pauseReasonOf, runView } from '../../../../src/services/digests/views';
import type { Digest, DigestRun } from '../../../../src/domain/digest';

const digest: Digest = {
  id: 7, teamId: 'T1', channelId: 'C1', createdBy: 'U1', buildingIds: [71, 104], timeOfDay: '07:30', days: [1, 3], timeZone: 'Europe/London', cadence: 'daily',
  options: { chart: false, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: true },
  groupId: null, status: 'paused', pausedReason: 'is_archived', createdAt: 0, updatedAt: 0,
};

describe('digest views', () => {
  it('fills the edit form from the digest and the create form from defaults', () => {
    const privateMetadata = '{"v":1,"origin":"C9","digestId":7}';
    expect(modalView({ origin: 'C9', buildings: [{ id: 104, name: 'B', timeZone: 'UTC' }, { id: 71, name: 'A', timeZone: 'UTC' }], digest, privateMetadata })).toEqual({
      privateMetadata: '{"v":1,"origin":"C9","digestId":7}',
      mode: 'edit',
      channelId: 'C1',
      buildingOptions: [{ id: 71, name: 'A' }, { id: 104, name: 'B' }],
      buildingIds: [71, 104],
      time: '07:30',
      days: [1, 3],
      cadence: 'daily',
      timeZone: 'Europe/London',
      options: { chart: false, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: true },
    });
    expect(modalView({ origin: 'C9', buildings: null, digest: null, privateMetadata: '' })).toMatchObject({ privateMetadata: '', mode: 'create', channelId: 'C9', buildingOptions: null, time: '08:00', days: [1, 2, 3, 4, 5], cadence: 'daily', timeZone: null });
    expect(modalView({ origin: 'C9', buildings: null, digest: { ...digest, cadence: 'weekly', days: [1] }, privateMetadata: '' })).toMatchObject({ cadence: 'weekly', days: [1] });
  });

  it('names why a digest is paused, by hand unless the bot paused it', () => {
    expect(pauseReasonOf(digest)).toBe('is_archived');
    expect(pauseReasonOf({ ...digest, pausedReason: null })).toBe('by_user');
    expect(pauseReasonOf({ ...digest, pausedReason: 'something else' })).toBe('by_user');
    expect(pauseReasonOf({ ...digest, status: 'active', pausedReason: null })).toBeNull();
  });

  it('shows a stored run by its outcome: late when sent after its time, under way while claimed, no reason once sent', () => {
    const stored: DigestRun = {
      digestId: 7, localDate: '2026-11-25', teamId: 'T1', state: 'sent', claimedAt: 1000, finishedAt: 2000, messageTs: '1.2', channelId: 'C1',
      reason: null, lateMinutes: 0, owner: 'r1', leaseUntil: 3000, postingAt: 1500,
    };
    expect(runView(stored)).toEqual({ localDate: '2026-11-25', outcome: 'sent', atMs: 2000, lateMinutes: 0, reason: null });
    expect(runView({ ...stored, lateMinutes: 14 })).toMatchObject({ outcome: 'late', lateMinutes: 14 });
    expect(runView({ ...stored, state: 'skipped', reason: 'missed', lateMinutes: 45 })).toMatchObject({ outcome: 'skipped', reason: 'missed', lateMinutes: 45 });
    expect(runView({ ...stored, state: 'failed', reason: 'is_archived' })).toMatchObject({ outcome: 'failed', reason: 'is_archived' });
    expect(runView({ ...stored, state: 'unknown', reason: 'interrupted' })).toMatchObject({ outcome: 'unknown', reason: 'interrupted' });
    expect(runView({ ...stored, state: 'claimed', finishedAt: null })).toMatchObject({ outcome: 'under_way', atMs: 1000 });
  });
});
