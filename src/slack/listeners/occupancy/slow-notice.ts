/**
 * One question, one message. Slack cannot replace or delete anything through a slash command's
 * response_url (it documents replace_original only for the message an interaction came from;
 * on a command's URL the content is posted anew: see dev/slack/response-url.ts), and a "Looking
 * up…" ack would stay above the answer for good. So the ack is empty and the answer is the only
 * message; an answer not ready within `afterMs` is preceded by the notice, so nobody waits in
 * silence — the one case with two messages.
 */
import { context, message } from '../../blocks/kit';
import type { Responder } from '../context';

/** How long an answer may take before the user is told it is on its way. */
export const SLOW_NOTICE_MS = 1500;

export interface SlowNotice {
  /** Posts the answer, after the notice when one went out first. */
  readonly reply: Responder;
  /** The work is over: no notice from now on; resolves once a notice under way is posted. */
  done(): Promise<void>;
}

export function withSlowNotice(reply: Responder, notice: string | null, afterMs: number, onError: (err: unknown) => void): SlowNotice {
  let settled = false;
  let posted: Promise<void> = Promise.resolve();
  const timer =
    notice === null
      ? null
      : setTimeout(() => {
          if (settled) return;
          posted = reply(message(notice, [context([notice])])).then(() => undefined, onError);
        }, afterMs);
  // A pending notice never keeps a stopping process alive.
  timer?.unref();
  const settle = (): Promise<void> => {
    settled = true;
    if (timer) clearTimeout(timer);
    return posted;
  };
  return {
    reply: async (msg) => {
      await settle();
      return reply(msg);
    },
    done: settle,
  };
}
