import { fail } from '../errors';
import { isObj } from '../validation-elements';
import { validateView, validationExtras } from '../validation';
import type { MethodContext, MethodHandler, WorkspaceCore } from './context';
import { str } from './access';

/** The `view` argument, checked as Slack checks it (bad views answer `invalid_arguments`). */
function viewArg(core: WorkspaceCore, args: Record<string, unknown>, type: 'modal' | 'home'): Record<string, unknown> {
  const view = args.view;
  if (!isObj(view)) fail('invalid_arguments', validationExtras(['must provide an object [json-pointer:/view]']));
  if (view.type !== type) fail('invalid_arguments', validationExtras([`must be ${type} for this method [json-pointer:/view/type]`]));
  const errors = validateView(view, core.blockChecks);
  if (errors.length > 0) fail('invalid_arguments', validationExtras(errors));
  return view;
}

function open({ args, core }: MethodContext): Record<string, unknown> {
  const definition = viewArg(core, args, 'modal');
  const user = core.caps.spendTrigger(str(args, 'trigger_id'));
  const view = core.state.views.open(user, definition);
  return { view: core.state.views.toWire(view) };
}

function push({ args, core }: MethodContext): Record<string, unknown> {
  const definition = viewArg(core, args, 'modal');
  const user = core.caps.spendTrigger(str(args, 'trigger_id'));
  const view = core.state.views.push(user, definition);
  return { view: core.state.views.toWire(view) };
}

function update({ args, core }: MethodContext): Record<string, unknown> {
  const viewId = str(args, 'view_id');
  const externalId = str(args, 'external_id');
  if (viewId === undefined && externalId === undefined) fail('invalid_arguments', validationExtras(['must provide view_id or external_id']));
  const views = core.state.views;
  const existing = viewId !== undefined ? views.get(viewId) : views.byExternalId(externalId ?? '');
  if (!existing) fail('not_found');
  const definition = viewArg(core, args, existing.type);
  const view = views.update(existing, definition, str(args, 'hash'));
  return { view: views.toWire(view) };
}

function publish({ args, core }: MethodContext): Record<string, unknown> {
  const userId = str(args, 'user_id');
  if (userId === undefined || !core.state.getUser(userId)) fail('user_not_found');
  const definition = viewArg(core, args, 'home');
  const view = core.state.views.publish(userId, definition, str(args, 'hash'));
  return { view: core.state.views.toWire(view) };
}

export const viewMethods: Record<string, MethodHandler> = {
  'views.open': open,
  'views.push': push,
  'views.update': update,
  'views.publish': publish,
};
