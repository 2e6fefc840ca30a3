/**
 * Requests no listener takes: a button of a message drawn by an older version of the bot, a
 * shortcut, the options of a menu the app does not know or a form's close that it never asked for, a command it no
 * longer has. Bolt would leave them unacknowledged until its timeout, past Slack's 3 s, and
 * the user would see an error; they are acknowledged at once instead (a menu with no options),
 * and logged so they are seen.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../logging/logger';
import type { ListenerList } from '.';

interface Body {
  readonly type?: unknown;
  readonly command?: unknown;
  readonly actions?: ReadonlyArray<{ readonly action_id?: unknown }>;
  readonly view?: { readonly callback_id?: unknown };
  readonly callback_id?: unknown;
  readonly action_id?: unknown;
}

/** What an unheard request asked for, in a few words; null when a listener takes it. */
export function unheard(body: Body, list: ListenerList): string | null {
  if (typeof body.command === 'string') return list.commands.includes(body.command) ? null : `command ${body.command}`;
  switch (body.type) {
    case 'block_actions': {
      // Bolt routes a block_actions request by its first action.
      const id = body.actions?.[0]?.action_id;
      return typeof id === 'string' && list.actions.includes(id) ? null : `action ${String(id)}`;
    }
    case 'view_submission': {
      const id = body.view?.callback_id;
      return typeof id === 'string' && list.views.includes(id) ? null : `form ${String(id)}`;
    }
    case 'block_suggestion': {
      const id = body.action_id;
      return typeof id === 'string' && list.options.includes(id) ? null : `menu ${String(id)}`;
    }
    // No listener takes these: the bot declares no shortcut or close notification.
    case 'view_closed':
    case 'shortcut':
    case 'message_action':
      return `${body.type} ${String(body.callback_id ?? body.action_id ?? body.view?.callback_id ?? '')}`;
    default:
      return null;
  }
}

export function ackUnheard(list: ListenerList, logger: Logger): Middleware<AnyMiddlewareArgs> {
  const log = logger.child({ component: 'listeners' });
  return async (args) => {
    const what = 'ack' in args ? unheard(args.body as Body, list) : null;
    if (what === null || !('ack' in args)) {
      await args.next();
      return;
    }
    log.info({ request: what.slice(0, 300) }, 'a request no listener takes: acknowledged, nothing done');
    if (args.body.type === 'block_suggestion') await (args.ack as (r: { options: never[] }) => Promise<void>)({ options: [] });
    else await (args.ack as () => Promise<void>)();
  };
}
