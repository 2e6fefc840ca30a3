/**
 * The forms this bot has open: which input to each is the newest, and the hash of the version
 * drawn last. Forms open at once (a trigger_id lasts 3 s) and are filled or redrawn with
 * views.update as answers come in; those answers may finish in any order, on any replica.
 *
 * Latest wins: each input takes a ticket from the store; a drawing for a ticket a newer input
 * overtook is dropped. Slack changes a view's hash only when an app updates it (not as the user
 * types), so the hash in a block_actions payload can be older than our own last update; passing
 * it would fail with `hash_conflict`. We pass the newest hash the store knows. A conflict then
 * means another replica drew the form a moment ago: once its hash is stored, the newest input
 * draws again on top of it. A conflict nobody stored a hash for means someone we can't follow
 * drew it: we give way and forget the hash.
 */
import { SlackCallError } from '../../errors';
import { FORM_OPENING_TICKET, type FormViewRepository } from '../../ports/store';

/** One input to one form. */
export interface FormTicket {
  readonly viewId: string;
  readonly seq: number;
}

export type DrawOutcome = 'drawn' | 'overtaken' | 'gone';

export interface FormViewsOptions {
  readonly now: () => number;
  /** Waits between a conflict and looking for the other replica's hash. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Forms untouched this long are forgotten (a modal lives at most a few hours). */
  readonly forgetAfterMs?: number;
}

const CONFLICT_RETRIES = 4;
const DAY_MS = 86_400_000;

export class FormViews {
  /** Updates under way in this process, per view, so ours go one at a time. */
  private readonly queues = new Map<string, Promise<unknown>>();
  private sweptAt = 0;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly repo: FormViewRepository,
    private readonly opts: FormViewsOptions,
  ) {
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** A form we just opened, and the hash views.open answered. */
  async opened(viewId: string, hash: string): Promise<FormTicket> {
    await this.sweep();
    // The opening's own ticket: overtaken already when an input landed first (on another replica).
    await this.repo.opened(viewId, hash || null, this.opts.now());
    return { viewId, seq: FORM_OPENING_TICKET };
  }

  /** A new input (a field changed): its ticket. `seenHash` counts only when no newer one is known. */
  async input(viewId: string, seenHash: string | undefined): Promise<FormTicket> {
    const state = await this.repo.input(viewId, seenHash || null, this.opts.now());
    return { viewId, seq: state.seq };
  }

  /**
   * Draws the form for a ticket unless a newer input overtook it, after any update of ours
   * under way. `update` gets the hash to pass and returns the new one. 'gone': the form was
   * closed, or someone else drew it.
   */
  async draw(ticket: FormTicket, update: (hash: string | undefined) => Promise<{ hash: string }>): Promise<DrawOutcome> {
    const { viewId } = ticket;
    const before = this.queues.get(viewId) ?? Promise.resolve();
    const turn = before.then(() => this.drawNow(ticket, update));
    const queued = turn.catch(() => undefined);
    this.queues.set(viewId, queued);
    void queued.then(() => {
      if (this.queues.get(viewId) === queued) this.queues.delete(viewId);
    });
    return turn;
  }

  private async drawNow(ticket: FormTicket, update: (hash: string | undefined) => Promise<{ hash: string }>): Promise<DrawOutcome> {
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.repo.get(ticket.viewId);
      if (!current || current.seq !== ticket.seq) return 'overtaken';
      try {
        const res = await update(current.hash ?? undefined);
        if (res.hash) await this.repo.drawn(ticket.viewId, current.hash, res.hash, this.opts.now());
        return 'drawn';
      } catch (err) {
        if (!isGone(err)) throw err;
        if (isConflict(err) && attempt < CONFLICT_RETRIES && (await this.newerHash(ticket, current.hash, attempt))) continue;
        await this.repo.forget(ticket.viewId, this.opts.now());
        return 'gone';
      }
    }
  }

  /** After a conflict: true once another replica stored a newer hash and this ticket is still the newest input. */
  private async newerHash(ticket: FormTicket, used: string | null, attempt: number): Promise<boolean> {
    await this.sleep(100 * (attempt + 1));
    const now = await this.repo.get(ticket.viewId);
    return now !== null && now.seq === ticket.seq && now.hash !== null && now.hash !== used;
  }

  private async sweep(): Promise<void> {
    const now = this.opts.now();
    if (now - this.sweptAt < 3_600_000) return;
    this.sweptAt = now;
    await this.repo.sweep(now - (this.opts.forgetAfterMs ?? DAY_MS));
  }
}

/** The view was closed (not_found) or drawn by someone else since (hash_conflict). */
function isGone(err: unknown): boolean {
  return err instanceof SlackCallError && err.kind === 'refused' && (err.slackError === 'hash_conflict' || err.slackError === 'not_found');
}

function isConflict(err: unknown): boolean {
  return err instanceof SlackCallError && err.slackError === 'hash_conflict';
}
