import { GraphQLError } from 'graphql';
import type { ColumnKind, Columns } from './schema';

/**
 * Hasura-style filtering, ordering and paging over plain rows.
 *
 * - Columns side by side in one object, and `_and`, are conjunctions; `_or` a disjunction
 *   (an empty `_or` matches nothing, an empty `_and` everything); `_not` negates.
 * - Comparisons follow SQL: a null column value fails every operator except `_is_null`.
 * - An explicit null operand is refused (as Hasura v2 does) rather than silently ignored.
 * - Timestamps compare as instants; a timestamp without an offset is read as UTC.
 */
export type Row = Readonly<Record<string, unknown>>;
export type Predicate = (row: Row) => boolean;

export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'validation-failed' } });
}

const TZ_SUFFIX = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

export function timestampMs(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const ms = Date.parse(TZ_SUFFIX.test(v) || !v.includes('T') ? v : `${v}Z`);
    if (!Number.isNaN(ms)) return ms;
  }
  throw badRequest(`invalid timestamp: ${JSON.stringify(v)}`);
}

function comparable(kind: ColumnKind, v: unknown): number | string {
  if (kind === 'Timestamp') return timestampMs(v);
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

function likeRegex(pattern: string, flags: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] ?? '';
    if (ch === '\\' && i + 1 < pattern.length) src += (pattern[++i] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, flags);
}

function compileComparison(column: string, kind: ColumnKind, ops: Record<string, unknown>): Predicate {
  const tests: Predicate[] = [];
  for (const [op, operand] of Object.entries(ops)) {
    if (operand === undefined) continue;
    if (operand === null) throw badRequest(`unexpected null value for "${op}" on column "${column}"`);
    if (op === '_is_null') {
      tests.push((r) => (r[column] === null || r[column] === undefined) === operand);
      continue;
    }
    const cmp = (test: (a: number | string) => boolean): Predicate => (r) => {
      const v = r[column];
      return v !== null && v !== undefined && test(comparable(kind, v));
    };
    if (op === '_in' || op === '_nin') {
      const set = new Set((operand as unknown[]).map((x) => comparable(kind, x)));
      tests.push(op === '_in' ? cmp((a) => set.has(a)) : cmp((a) => !set.has(a)));
      continue;
    }
    if (op.endsWith('like')) {
      const re = likeRegex(String(operand), op.includes('ilike') ? 'i' : '');
      const negate = op.startsWith('_n');
      tests.push(cmp((a) => re.test(String(a)) !== negate));
      continue;
    }
    const b = comparable(kind, operand);
    const byOp: Record<string, (a: number | string) => boolean> = {
      _eq: (a) => a === b,
      _neq: (a) => a !== b,
      _gt: (a) => a > b,
      _gte: (a) => a >= b,
      _lt: (a) => a < b,
      _lte: (a) => a <= b,
    };
    const test = byOp[op];
    if (!test) throw badRequest(`unsupported operator "${op}" on column "${column}"`);
    tests.push(cmp(test));
  }
  return (r) => tests.every((t) => t(r));
}

export function compileWhere(where: unknown, columns: Columns): Predicate {
  if (where === undefined || where === null) return () => true;
  const parts: Predicate[] = [];
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (value === null) throw badRequest(`unexpected null value for "${key}"`);
    if (key === '_and') {
      const subs = (value as unknown[]).map((w) => compileWhere(w, columns));
      parts.push((r) => subs.every((s) => s(r)));
    } else if (key === '_or') {
      const subs = (value as unknown[]).map((w) => compileWhere(w, columns));
      parts.push((r) => subs.some((s) => s(r)));
    } else if (key === '_not') {
      const sub = compileWhere(value, columns);
      parts.push((r) => !sub(r));
    } else {
      const kind = columns[key];
      if (!kind) throw badRequest(`field "${key}" not found in type`);
      parts.push(compileComparison(key, kind, value as Record<string, unknown>));
    }
  }
  return (r) => parts.every((p) => p(r));
}

interface SortKey {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly desc: boolean;
  readonly nullsFirst: boolean;
}

/**
 * order_by as a list of objects (or one object). Within one object, keys apply in the
 * schema's column order (GraphQL input objects carry no key order); use a list to choose.
 */
export function parseOrderBy(orderBy: unknown, columns: Columns): SortKey[] {
  if (orderBy === undefined || orderBy === null) return [];
  const items = Array.isArray(orderBy) ? orderBy : [orderBy];
  const keys: SortKey[] = [];
  for (const item of items as Record<string, unknown>[]) {
    for (const [column, dir] of Object.entries(item)) {
      if (dir === undefined || dir === null) continue;
      const kind = columns[column];
      if (!kind) throw badRequest(`field "${column}" not found in order_by`);
      const d = String(dir);
      const desc = d.startsWith('desc');
      const nullsFirst = d.endsWith('nulls_first') || (desc && !d.endsWith('nulls_last'));
      keys.push({ column, kind, desc, nullsFirst });
    }
  }
  return keys;
}

export function sortRows<T extends Row>(rows: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return [...rows];
  const decorated = rows.map((row, index) => ({
    row,
    index,
    values: keys.map((k) => {
      const v = row[k.column];
      return v === null || v === undefined ? null : comparable(k.kind, v);
    }),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as SortKey;
      const x = a.values[i] ?? null;
      const y = b.values[i] ?? null;
      if (x === y) continue;
      if (x === null) return k.nullsFirst ? -1 : 1;
      if (y === null) return k.nullsFirst ? 1 : -1;
      const c = x < y ? -1 : 1;
      return k.desc ? -c : c;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

export function checkPage(limit: unknown, offset: unknown): { limit?: number; offset: number } {
  if (typeof limit === 'number' && limit < 0) throw badRequest('"limit" must not be negative');
  if (typeof offset === 'number' && offset < 0) throw badRequest('"offset" must not be negative');
  return { limit: typeof limit === 'number' ? limit : undefined, offset: typeof offset === 'number' ? offset : 0 };
}

export function page<T>(rows: readonly T[], p: { limit?: number; offset: number }): T[] {
  return rows.slice(p.offset, p.limit === undefined ? undefined : p.offset + p.limit);
}
