import { ACTION_IDS, CALLBACK_IDS, DIGEST_FIELDS } from '../../blocks/ids';
import type { FeatureListeners } from '../context';
import { nameSuggestions } from '../name-menus';
import { digestButton } from './buttons';
import { digestFormSubmitted } from './modal';

export { digestCommand } from './command';

export const digestListeners: FeatureListeners = {
  actions: {
    [ACTION_IDS.digestPause]: digestButton('pause'),
    [ACTION_IDS.digestResume]: digestButton('resume'),
    [ACTION_IDS.digestDelete]: digestButton('delete'),
    [ACTION_IDS.digestSend]: digestButton('send'),
    [ACTION_IDS.digestEdit]: digestButton('edit'),
    [ACTION_IDS.digestTakeOver]: digestButton('takeover'),
    [ACTION_IDS.newDigest]: digestButton('new'),
  },
  views: { [CALLBACK_IDS.digestModal]: digestFormSubmitted },
  options: { [DIGEST_FIELDS.buildings.actionId]: nameSuggestions('building') },
};
