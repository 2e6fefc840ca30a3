import type { FeatureListeners } from '../context';
import { homeOpened } from './home';

export { refreshHome } from './home';

export const homeListeners: FeatureListeners = {
  events: { app_home_opened: homeOpened },
};
