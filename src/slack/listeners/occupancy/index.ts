import { ACTION_IDS } from '../../blocks/ids';
import type { FeatureListeners } from '../context';
import { COMMAND, occupancyCommand } from './command';
import { pickName } from './pick';

export const occupancyListeners: FeatureListeners = {
  commands: { [COMMAND]: occupancyCommand },
  actions: { [ACTION_IDS.pickName]: pickName },
};
