import { chatMethods } from './chat';
import type { MethodHandler } from './context';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import { userMethods } from './users';
import { viewMethods } from './views';

/** Every Web API method this workspace answers. */
export const METHODS: Readonly<Record<string, MethodHandler>> = {
  ...chatMethods,
  ...conversationMethods,
  ...userMethods,
  ...viewMethods,
  ...fileMethods,
};

/** Methods that take the app-level (xapp-) token instead of the bot token. */
export const APP_TOKEN_METHODS: ReadonlySet<string> = new Set(['apps.connections.open']);
