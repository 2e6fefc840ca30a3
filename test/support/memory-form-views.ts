import type { FormViewRepository, FormViewState } from '../../src/ports/store';

/** The form-view rules of the store (test/contract holds the real ones to them), kept in a Map. */
export class MemoryFormViews implements FormViewRepository {
  private readonly rows = new Map<string, { seq: number; hash: string | null; at: number }>();

  async opened(viewId: string, hash: string | null, now: number): Promise<FormViewState> {
    const seq = (this.rows.get(viewId)?.seq ?? 0) + 1;
    this.rows.set(viewId, { seq, hash, at: now });
    return { seq, hash };
  }

  async input(viewId: string, seenHash: string | null, now: number): Promise<FormViewState> {
    const row = this.rows.get(viewId);
    const next = { seq: (row?.seq ?? 0) + 1, hash: row?.hash ?? seenHash, at: now };
    this.rows.set(viewId, next);
    return { seq: next.seq, hash: next.hash };
  }

  async get(viewId: string): Promise<FormViewState | null> {
    const row = this.rows.get(viewId);
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  async drawn(viewId: string, usedHash: string | null, newHash: string, now: number): Promise<boolean> {
    const row = this.rows.get(viewId);
    if (!row || (row.hash !== null && row.hash !== usedHash)) return false;
    this.rows.set(viewId, { ...row, hash: newHash, at: now });
    return true;
  }

  async forget(viewId: string, now: number): Promise<void> {
    const row = this.rows.get(viewId);
    if (row) this.rows.set(viewId, { ...row, hash: null, at: now });
  }

  async sweep(before: number): Promise<number> {
    let n = 0;
    for (const [id, row] of this.rows) if (row.at < before && this.rows.delete(id)) n += 1;
    return n;
  }
}
