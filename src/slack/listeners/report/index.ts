import { ACTION_IDS } from '../../blocks/ids';
import type { FeatureListeners } from '../context';
import { otherDay, share } from './buttons';

export const reportListeners: FeatureListeners = {
  actions: {
    [ACTION_IDS.previousDay]: otherDay,
    [ACTION_IDS.nextDay]: otherDay,
    [ACTION_IDS.share]: share,
  },
};
