import type { WorkspaceState } from './state';
import type { StoredView } from './types';
import { isObj } from './validation-elements';
import { validateView } from './validation';

/**
 * What Slack does with the ack of a view_submission: nothing / empty closes the view,
 * `errors` shows messages under input blocks, `update` replaces it, `push` stacks a new one,
 * `clear` closes the whole stack. A non-200 answer leaves the modal open (Slack shows an error).
 */
export function applyViewAck(state: WorkspaceState, user: string, view: StoredView, status: number, body: unknown): void {
  if (status !== 200) return;
  const ack = isObj(body) ? body : {};
  const next = isObj(ack.view) && validateView(ack.view).length === 0 ? ack.view : undefined;
  switch (ack.response_action) {
    case 'errors':
      state.views.setErrors(view, isObj(ack.errors) ? Object.fromEntries(Object.entries(ack.errors).map(([k, v]) => [k, String(v)])) : {});
      return;
    case 'update':
      if (next) state.views.update(view, next);
      return;
    case 'push':
      if (next) state.views.push(user, next);
      return;
    case 'clear':
      state.views.clear(user);
      return;
    default:
      state.views.close(user);
  }
}
