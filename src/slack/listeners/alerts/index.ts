import { ACTION_IDS, CALLBACK_IDS, SUBSCRIBE_DISPATCH_ACTION_IDS, SUBSCRIBE_FIELDS } from '../../blocks/ids';
import type { FeatureListeners } from '../context';
import { nameSuggestions } from '../name-menus';
import { editSubscription, mute, sendTestAlert, snooze, takeOverSubscription, unmute, unsubscribe } from './buttons';
import { alertMe, newSubscription, subscribeFieldChanged, subscribeFormSubmitted } from './form-listeners';

export { subscribeCommand, subscriptionsCommand, unsubscribeCommand } from './commands';

export const alertListeners: FeatureListeners = {
  actions: {
    [ACTION_IDS.alertMe]: alertMe,
    [ACTION_IDS.newSubscription]: newSubscription,
    [ACTION_IDS.snooze]: snooze,
    [ACTION_IDS.mute]: mute,
    [ACTION_IDS.unmute]: unmute,
    [ACTION_IDS.unsubscribe]: unsubscribe,
    [ACTION_IDS.editSubscription]: editSubscription,
    [ACTION_IDS.takeOverSubscription]: takeOverSubscription,
    [ACTION_IDS.sendTestAlert]: sendTestAlert,
    ...Object.fromEntries(SUBSCRIBE_DISPATCH_ACTION_IDS.map((id) => [id, subscribeFieldChanged])),
  },
  views: { [CALLBACK_IDS.subscribeModal]: subscribeFormSubmitted },
  options: {
    [SUBSCRIBE_FIELDS.scopeBuilding.actionId]: nameSuggestions('building'),
    [SUBSCRIBE_FIELDS.scopeZone.actionId]: nameSuggestions('zone'),
  },
};
