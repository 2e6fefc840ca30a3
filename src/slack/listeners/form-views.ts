/**
 * The forms this bot has open, one record per view: which input to it is the newest, and the
 * hash of the version we drew last. Forms open at once (a trigger_id lasts 3 s) and are filled
 * or redrawn with views.update as answers come in; those answers may finish in any order.
 *
 * Latest wins: each input takes a ticket; a drawing for a ticket that a newer input overtook is
 * dropped. Updates to one view go one at a time, each with the hash the previous one returned.
 * Slack changes a view's hash only when an app updates it (not as the user types), so the hash
 * in a block_actions payload can be older than our own last update; passing it would fail with
 * `hash_conflict`. We pass the newest hash we know, so a conflict means someone else (another
 * instance of the bot) drew the form: then we drop ours and forget the hash.
 */
import { SlackCallError } from '../../errors';
import type { ListenerDeps } from './context';

/** One input to one form. */
export interface FormTicket {
  readonly viewId: string;
  readonly seq: number;
}

interface OpenForm {
  seq: number;
  hash: string | null;
  /** The update under way (or the last one), so the next waits for its hash. */
  queue: Promise<unknown>;
}

export type DrawOutcome = 'drawn' | 'overtaken' | 'gone';

/** Forms remembered at most; the oldest is forgotten first (its next input starts afresh). */
export const MAX_OPEN_FORMS = 1000;

export class FormViews {
  private readonly forms = new Map<string, OpenForm>();

  constructor(private readonly max = MAX_OPEN_FORMS) {}

  /** A form we just opened, and the hash views.open answered. */
  opened(viewId: string, hash: string): FormTicket {
    const form = this.form(viewId);
    form.hash = hash || null;
    form.seq += 1;
    return { viewId, seq: form.seq };
  }

  /** A new input (a field changed): its ticket. `seenHash` counts only when we know none newer. */
  input(viewId: string, seenHash: string | undefined): FormTicket {
    const form = this.form(viewId);
    if (form.hash === null && seenHash) form.hash = seenHash;
    form.seq += 1;
    return { viewId, seq: form.seq };
  }

  /**
   * Draws the form for a ticket unless a newer input overtook it, after any update under way.
   * `update` gets the hash to pass and returns the new one. 'gone': the form was closed, or
   * someone else drew it.
   */
  async draw(ticket: FormTicket, update: (hash: string | undefined) => Promise<{ hash: string }>): Promise<DrawOutcome> {
    const form = this.forms.get(ticket.viewId);
    if (!form || form.seq !== ticket.seq) return 'overtaken';
    const turn = form.queue.then(async (): Promise<DrawOutcome> => {
      if (form.seq !== ticket.seq) return 'overtaken';
      try {
        const res = await update(form.hash ?? undefined);
        form.hash = res.hash || null;
        return 'drawn';
      } catch (err) {
        if (!isGone(err)) throw err;
        form.hash = null;
        return 'gone';
      }
    });
    form.queue = turn.catch(() => undefined);
    return turn;
  }

  private form(viewId: string): OpenForm {
    let form = this.forms.get(viewId);
    if (form) {
      // Most recently used last, so the oldest is the first key.
      this.forms.delete(viewId);
    } else {
      form = { seq: 0, hash: null, queue: Promise.resolve() };
    }
    this.forms.set(viewId, form);
    while (this.forms.size > this.max) this.forms.delete(this.forms.keys().next().value as string);
    return form;
  }
}

/** The view was closed (not_found) or drawn by someone else since (hash_conflict). */
function isGone(err: unknown): boolean {
  return err instanceof SlackCallError && err.kind === 'refused' && (err.slackError === 'hash_conflict' || err.slackError === 'not_found');
}

// One registry per app: listeners get the same deps object from the composition root, so it
// keys the registry without a module-wide map shared by every app in the process.
const registries = new WeakMap<object, FormViews>();

export function formViewsOf(deps: Pick<ListenerDeps, 'chat'>): FormViews {
  let views = registries.get(deps);
  if (!views) {
    views = new FormViews();
    registries.set(deps, views);
  }
  return views;
}
