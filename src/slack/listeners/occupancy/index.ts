import type { FeatureListeners } from '../context';
import { COMMAND, occupancyCommand } from './command';

export const occupancyListeners: FeatureListeners = {
  commands: { [COMMAND]: occupancyCommand },
};
