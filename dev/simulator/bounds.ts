import { partitionOfDayNum } from './data/calendar';
import { timestampMs } from './where';

/**
 * Reads, from a `where`, what must hold for every matching row: the conditions at the top
 * level and inside `_and` (never `_or`/`_not`, which cannot narrow). The full `where` is still
 * evaluated on every row; these only keep generation bounded.
 */
type Conjunct = Readonly<Record<string, unknown>>;

function conjuncts(where: unknown, out: Conjunct[] = []): Conjunct[] {
  if (!where || typeof where !== 'object') return out;
  const w = where as Conjunct;
  out.push(w);
  if (Array.isArray(w._and)) for (const sub of w._and) conjuncts(sub, out);
  return out;
}

function opsOf(c: Conjunct, column: string): Readonly<Record<string, unknown>> | undefined {
  const ops = c[column];
  return ops && typeof ops === 'object' ? (ops as Record<string, unknown>) : undefined;
}

/** Values a column is pinned to by `_eq`/`_in`; undefined when it is free. */
export function pinnedValues(where: unknown, column: string): ReadonlySet<unknown> | undefined {
  let pinned: Set<unknown> | undefined;
  const narrow = (values: unknown[]) => {
    pinned = pinned ? new Set(values.filter((v) => pinned?.has(v))) : new Set(values);
  };
  for (const c of conjuncts(where)) {
    const ops = opsOf(c, column);
    if (!ops) continue;
    if (ops._eq !== undefined && ops._eq !== null) narrow([ops._eq]);
    if (Array.isArray(ops._in)) narrow(ops._in);
  }
  return pinned;
}

export interface PartitionRange {
  /** Inclusive YYYYMMDD bounds; undefined when unbounded on that side. */
  readonly lo?: number;
  readonly hi?: number;
}

const DAY_MS = 86_400_000;

/**
 * DATE_PARTITION bounds implied by DATE_PARTITION and DATE_TIME_START conditions. A bucket's
 * partition is the local date of its start, which is within a day of its UTC date, so an
 * instant bound widens by a day each way before rows are filtered exactly.
 */
export function partitionRange(where: unknown): PartitionRange {
  let lo = -Infinity;
  let hi = Infinity;
  const atLeast = (v: number) => {
    lo = Math.max(lo, v);
  };
  const atMost = (v: number) => {
    hi = Math.min(hi, v);
  };
  const exactly = (v: number) => {
    atLeast(v);
    atMost(v);
  };
  const fromInstant = (v: unknown, side: 'lo' | 'hi' | 'both') => {
    const day = Math.floor(timestampMs(v) / DAY_MS);
    if (side !== 'hi') atLeast(partitionOfDayNum(day - 1));
    if (side !== 'lo') atMost(partitionOfDayNum(day + 1));
  };
  for (const c of conjuncts(where)) {
    const p = opsOf(c, 'DATE_PARTITION');
    if (p) {
      if (typeof p._eq === 'number') exactly(p._eq);
      if (Array.isArray(p._in)) {
        const nums = p._in.filter((x): x is number => typeof x === 'number');
        atLeast(nums.length ? Math.min(...nums) : Infinity);
        atMost(nums.length ? Math.max(...nums) : -Infinity);
      }
      if (typeof p._gt === 'number') atLeast(p._gt + 1);
      if (typeof p._gte === 'number') atLeast(p._gte);
      if (typeof p._lt === 'number') atMost(p._lt - 1);
      if (typeof p._lte === 'number') atMost(p._lte);
    }
    const t = opsOf(c, 'DATE_TIME_START');
    if (t) {
      if (t._eq !== undefined && t._eq !== null) fromInstant(t._eq, 'both');
      if (Array.isArray(t._in)) {
        const ms = t._in.map(timestampMs);
        if (ms.length === 0) exactly(Infinity);
        else {
          fromInstant(Math.min(...ms), 'lo');
          fromInstant(Math.max(...ms), 'hi');
        }
      }
      for (const op of ['_gt', '_gte'] as const) if (t[op] !== undefined && t[op] !== null) fromInstant(t[op], 'lo');
      for (const op of ['_lt', '_lte'] as const) if (t[op] !== undefined && t[op] !== null) fromInstant(t[op], 'hi');
    }
  }
  return { lo: lo === -Infinity ? undefined : lo, hi: hi === Infinity ? undefined : hi };
}
