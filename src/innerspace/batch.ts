import type { Logger } from 'pino';
import type { FieldAnswer, FieldRequest, GraphQLTransport } from './transport';

/**
 * Gathers the root fields asked for in one turn of the event loop into one GraphQL document.
 * Callers keep asking field by field (each through the cache, which answers or joins what it
 * can first); whatever is still needed when the turn's promise jobs have run travels together,
 * so one answer's building day, week-earlier day and latest-day lookup cost one round trip,
 * and so do the reference roots. Each caller gets its own field's rows or error.
 */

/** Enough for any one answer or digest building; more fields are split over several documents. */
export const MAX_FIELDS_PER_DOCUMENT = 24;

interface Waiting {
  readonly field: FieldRequest;
  readonly deadlineAt: number;
  readonly log: Logger;
  resolve(answer: FieldAnswer): void;
  reject(err: unknown): void;
}

export class DocumentBatcher {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly transport: GraphQLTransport) {}

  fetch(field: FieldRequest, deadlineAt: number, log: Logger): Promise<FieldAnswer> {
    return new Promise<FieldAnswer>((resolve, reject) => {
      this.waiting.push({ field, deadlineAt, log, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // setImmediate runs once every promise job queued so far has run: calls that reach the
      // batcher through cache hits (promise jobs only) in the same turn are all here by then.
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const all = this.waiting;
    this.waiting = [];
    this.scheduled = false;
    for (let i = 0; i < all.length; i += MAX_FIELDS_PER_DOCUMENT) void this.send(all.slice(i, i + MAX_FIELDS_PER_DOCUMENT));
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    const first = batch[0];
    if (!first) return;
    // Fields asked for in the same turn started together; the earliest deadline binds them all.
    const deadlineAt = Math.min(...batch.map((w) => w.deadlineAt));
    const log = batch.length === 1 ? first.log : first.log.child({ combined: batch.map((w) => w.field.op.name) });
    try {
      const settled = await this.transport.runMany(documentName(batch), batch.map((w) => w.field), deadlineAt, log);
      batch.forEach((w, i) => {
        const s = settled[i];
        if (s?.ok) w.resolve(s.value);
        else w.reject(s ? s.error : new Error('no answer for a field'));
      });
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}

/** The operation's own name when alone; otherwise what the fields are about, for logs. */
function documentName(batch: readonly Waiting[]): string {
  if (batch.length === 1) return batch[0]!.field.op.name;
  const insights = batch.filter((w) => w.field.op.root.endsWith('_INSIGHTS')).length;
  if (insights === 0) return 'Reference';
  return insights === batch.length ? 'Insights' : 'ReferenceAndInsights';
}
