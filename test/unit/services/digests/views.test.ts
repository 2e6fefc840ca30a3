import { modalView, pauseReasonOf } from '../../../../src/services/digests/views';
import type { Digest } from '../../../../src/domain/digest';

const digest: Digest = {
  id: 7, teamId: 'T1', channelId: 'C1', createdBy: 'U1', buildingIds: [71, 104], timeOfDay: '07:30', days: [1, 3], timeZone: 'Europe/London',
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
      timeZone: 'Europe/London',
      options: { chart: false, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: true },
    });
    expect(modalView({ origin: 'C9', buildings: null, digest: null, privateMetadata: '' })).toMatchObject({ privateMetadata: '', mode: 'create', channelId: 'C9', buildingOptions: null, time: '08:00', days: [1, 2, 3, 4, 5], timeZone: null });
  });

  it('names why a digest is paused, by hand unless the bot paused it', () => {
    expect(pauseReasonOf(digest)).toBe('is_archived');
    expect(pauseReasonOf({ ...digest, pausedReason: null })).toBe('by_user');
    expect(pauseReasonOf({ ...digest, pausedReason: 'something else' })).toBe('by_user');
    expect(pauseReasonOf({ ...digest, status: 'active', pausedReason: null })).toBeNull();
  });
});
