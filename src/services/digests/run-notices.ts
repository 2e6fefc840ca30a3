/**
 * A digest's creator hears once, by direct message, when one of its runs was skipped or failed,
 * in words that say what to do. "Once" is the store's: the notice is marked before it is sent,
 * so retries, restarts and replicas never tell twice (a crash between the two tells nobody,
 * which is the side to err on; the run stays in the history either way).
 *
 * Not told here: a refusal that pauses the digest (its paused notice says what to do), a token
 * the workspace revoked (no message could reach anyone), days skipped because nothing was
 * published (the digest was set up to skip them), and runs superseded by a later one (that
 * later run is the one told about).
 */
import type { Logger } from '../../logging/logger';
import type { MessageRenderer } from '../../ports/renderer';
import type { ChatGateway } from '../../ports/chat';
import type { Store } from '../../ports/store';
import { RUN_REASONS, type Digest } from '../../domain/digest';
import { runView } from './views';

export interface RunNoticeContext {
  readonly store: Store;
  readonly slack: ChatGateway;
  readonly renderer: MessageRenderer;
  readonly log: Logger;
  readonly graceMinutes: number;
}

function runNoticeKey(digestId: number, localDate: string): string {
  return `digest:${digestId}:run:${localDate}`;
}

const UNTOLD: ReadonlySet<string> = new Set([RUN_REASONS.noData, RUN_REASONS.superseded]);

/** Tells the creator about the (finished) run of `digest` for `localDate`, if it was skipped or failed and nobody told them yet. */
export async function tellCreatorOfRun(ctx: RunNoticeContext, digest: Digest, localDate: string): Promise<boolean> {
  const run = await ctx.store.digestRuns.get(digest.id, localDate);
  if (!run || (run.state !== 'skipped' && run.state !== 'failed')) return false;
  if (run.reason !== null && UNTOLD.has(run.reason)) return false;
  if (!(await ctx.store.notices.markOnce(digest.teamId, runNoticeKey(digest.id, localDate)))) return false;
  try {
    const dm = await ctx.slack.openDm(digest.createdBy);
    await ctx.slack.postMessage(
      dm,
      ctx.renderer.digestRunNotice({ digestId: digest.id, channelId: digest.channelId, timeZone: digest.timeZone, graceMinutes: ctx.graceMinutes, run: runView(run) }),
    );
    return true;
  } catch (err) {
    ctx.log.warn({ err, user: digest.createdBy, localDate }, 'could not tell the creator that a digest run was skipped or failed');
    return false;
  }
}
