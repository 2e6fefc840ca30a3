/**
 * Reading the `errors[]` of a GraphQL response. Servers differ in wording (graphql-js says
 * `Cannot query field "X" on type "Y"`, Hasura says `field 'X' not found in type: 'Y'` with
 * `extensions.code: validation-failed`), so recognition is by pattern, never by exact text.
 */

export interface GraphQLErrorInfo {
  message: string;
  code: string | null;
  /** Hasura's `extensions.path`, e.g. `$.selectionSet.BUILDING.selectionSet.TIME_ZONE`. */
  path: string | null;
  /**
   * The response key (root field or alias) the error belongs to: the first entry of the
   * spec's `path` (execution errors), else the first selection of Hasura's `extensions.path`.
   */
  key: string | null;
}

const MAX_MESSAGES = 5;
const MAX_MESSAGE_CHARS = 300;

export function normaliseErrors(errors: unknown): GraphQLErrorInfo[] {
  const list: unknown[] = Array.isArray(errors) ? errors : errors && typeof errors === 'object' ? [errors] : [];
  return list.map((e) => {
    const o = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
    const ext = o.extensions && typeof o.extensions === 'object' ? (o.extensions as Record<string, unknown>) : {};
    const path = typeof ext.path === 'string' ? ext.path : null;
    const first = Array.isArray(o.path) ? o.path[0] : undefined;
    const key = typeof first === 'string' ? first : path ? (/^\$\.selectionSet\.(\w+)/.exec(path)?.[1] ?? null) : null;
    return { message: typeof o.message === 'string' ? o.message : '', code: typeof ext.code === 'string' ? ext.code : null, path, key };
  });
}

/** What an upstream error may carry: the messages and codes, trimmed; nothing about the request. */
export function describeErrors(errors: readonly GraphQLErrorInfo[]): { messages: string[]; codes: string[] } {
  return {
    messages: errors.slice(0, MAX_MESSAGES).map((e) => (e.message.length > MAX_MESSAGE_CHARS ? `${e.message.slice(0, MAX_MESSAGE_CHARS)}…` : e.message)),
    codes: [...new Set(errors.map((e) => e.code).filter((c): c is string => c !== null))],
  };
}

const AUTH_CODES = new Set(['invalid-jwt', 'jwt-invalid', 'access-denied', 'invalid-headers', 'unauthorized', 'unauthenticated']);
const AUTH_TEXT = /\b(session|jwt|unauthori[sz]ed|unauthenticated)\b/i;

export function looksLikeAuth(errors: readonly GraphQLErrorInfo[]): boolean {
  return errors.some((e) => (e.code !== null && AUTH_CODES.has(e.code.toLowerCase())) || AUTH_TEXT.test(e.message));
}

const UNKNOWN_FIELD_RES = [
  /Cannot query field ["'`]?(\w+)["'`]? on type ["'`]?(\w+)["'`]?/i,
  /field ["'`]?(\w+)["'`]? not found in type:? ["'`]?(\w+)["'`]?/i,
];

const QUERY_TYPES = new Set(['query', 'query_root', 'querytype', 'root']);

export type UnknownField = { kind: 'guess'; field: string } | { kind: 'root'; field: string };

/**
 * Whether the server refused a guessed field of `root`, or `root` itself. Unknown fields that
 * we never guessed are real errors and return null.
 */
export function unknownFieldOf(errors: readonly GraphQLErrorInfo[], root: string, guessed: readonly string[]): UnknownField | null {
  for (const e of errors) {
    for (const re of UNKNOWN_FIELD_RES) {
      const m = re.exec(e.message);
      if (!m) continue;
      const [, field = '', type = ''] = m;
      if (field === root && QUERY_TYPES.has(type.toLowerCase())) return { kind: 'root', field };
      if (guessed.includes(field)) return { kind: 'guess', field };
    }
    if (e.code === 'validation-failed') {
      const text = `${e.message} ${e.path ?? ''}`;
      const field = guessed.find((g) => new RegExp(`\\b${g}\\b`).test(text));
      if (field) return { kind: 'guess', field };
    }
  }
  return null;
}

/** A root field of a combined document, as error attribution sees it. */
export interface PartShape {
  /** Its response key in this document. */
  key: string;
  root: string;
  guessed: readonly string[];
}

/**
 * Which part of a combined document each error is about: by its response key when the error
 * carries a path; else an unknown-field message names the type (a root's own type, or the
 * query type for an unknown root); else a guessed field it names. Errors that fit no part are
 * about the document as a whole.
 */
export function attributeErrors(errors: readonly GraphQLErrorInfo[], parts: readonly PartShape[]): { byKey: Map<string, GraphQLErrorInfo[]>; whole: GraphQLErrorInfo[] } {
  const byKey = new Map<string, GraphQLErrorInfo[]>();
  const whole: GraphQLErrorInfo[] = [];
  const add = (key: string, e: GraphQLErrorInfo) => byKey.set(key, [...(byKey.get(key) ?? []), e]);
  for (const e of errors) {
    const keyed = e.key !== null ? parts.find((p) => p.key === e.key) : undefined;
    if (keyed) {
      add(keyed.key, e);
      continue;
    }
    const targets = partsNamedBy(e, parts);
    if (targets.length === 0) whole.push(e);
    for (const p of targets) add(p.key, e);
  }
  return { byKey, whole };
}

function partsNamedBy(e: GraphQLErrorInfo, parts: readonly PartShape[]): PartShape[] {
  for (const re of UNKNOWN_FIELD_RES) {
    const m = re.exec(e.message);
    if (!m) continue;
    const [, field = '', type = ''] = m;
    if (QUERY_TYPES.has(type.toLowerCase())) return parts.filter((p) => p.root === field);
    const own = parts.filter((p) => p.root === type);
    if (own.length > 0) return own;
    return parts.filter((p) => p.guessed.includes(field));
  }
  if (e.code === 'validation-failed') {
    const text = `${e.message} ${e.path ?? ''}`;
    return parts.filter((p) => p.guessed.some((g) => new RegExp(`\\b${g}\\b`).test(text)) && new RegExp(`\\b${p.root}\\b`).test(text));
  }
  return [];
}

/** Whether an error reads as "no such field" at all (whoever's field it is). */
export function isUnknownFieldError(e: GraphQLErrorInfo): boolean {
  return UNKNOWN_FIELD_RES.some((re) => re.test(e.message));
}
