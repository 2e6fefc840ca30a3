import pino, { type Logger } from 'pino';
import { Writable } from 'node:stream';
import { AppError } from '../../../src/errors';
import { factsOf } from '../../support/error-facts';
import { createInnerSpaceClient, type InnerSpaceClient, type InnerSpaceClientOptions } from '../../../src/innerspace/client';
import { PATIENT_INNERSPACE } from '../../support/patience';
import { parse, valueFromASTUntyped, Kind, type OperationDefinitionNode } from 'graphql';
import { startScriptedServer, type Reply, type ScriptedServer, type SeenRequest } from './scripted-server';

/**
 * A small InnerSpace stand-in for unit tests of the client: a token endpoint and a GraphQL
 * endpoint answering by operation name with a fixed little dataset. Tests push one-shot
 * replies (`fake.next`) or a standing rule (`fake.rule`) to inject faults.
 */

export const NIL = '00000000-0000-0000-0000-000000000000';
export const TOKEN_PATH = '/v2/oauth/token';
export const API_PATH = '/v2/api';
export const CANARY_SECRET = 'canary-client-secret-7f3a9c';

type Rule = (req: SeenRequest) => Reply | undefined;

export interface FakeUpstream {
  url: string;
  server: ScriptedServer;
  tokens(): SeenRequest[];
  graphql(): SeenRequest[];
  /** One-shot replies, used in order for matching requests. */
  next(match: 'token' | 'graphql', reply: Reply | ((req: SeenRequest) => Reply)): void;
  /** A standing rule; return undefined to fall through to the default answer. */
  rule(r: Rule | null): void;
  /** Session ids handed out so far. */
  issued: string[];
  close(): Promise<void>;
}

function sites() {
  return [
    { ID: 900000222, BUILDING_ID: 71, FLOOR_ID: 1, SITE_CODE: 'L1', TIME_ZONE: 'America/Toronto' },
    { ID: 900000333, BUILDING_ID: 72, FLOOR_ID: 2, SITE_CODE: 'G', TIME_ZONE: 'Europe/London' },
  ];
}

/** What one root field of a request asks for: its where clause with the variables filled in. */
export interface AskedField {
  key: string;
  root: string;
  where: Record<string, Record<string, unknown>>;
}

/** The root fields of a request's document, each with its arguments evaluated (any alias, any variable names). */
export function fieldsOf(req: SeenRequest): AskedField[] {
  const query = String(req.json?.query ?? '');
  const variables = (req.json?.variables ?? {}) as Record<string, unknown>;
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return (op?.selectionSet.selections ?? []).flatMap((sel) => {
    if (sel.kind !== Kind.FIELD) return [];
    const whereArg = sel.arguments?.find((a) => a.name.value === 'where');
    const where = (whereArg ? valueFromASTUntyped(whereArg.value, variables) : {}) as AskedField['where'];
    return [{ key: sel.alias?.value ?? sel.name.value, root: sel.name.value, where }];
  });
}

function insightRows(f: AskedField) {
  const idColumn = f.root === 'ZONE_INSIGHTS' ? 'ZONE_ID' : 'BUILDING_ID';
  const idFilter = f.where[idColumn] ?? {};
  const ids = (idFilter._in as number[] | undefined) ?? [idFilter._eq as number];
  const range = f.where.DATE_PARTITION ?? {};
  const granularity = f.where.GRANULARITY?._eq;
  const groupId = f.where.GROUP_ID?._eq;
  const rows: Record<string, unknown>[] = [];
  for (let d = range._gte as number; d <= (range._lte as number); d += 1) {
    const iso = `${String(d).slice(0, 4)}-${String(d).slice(4, 6)}-${String(d).slice(6, 8)}`;
    if (Number.isNaN(Date.parse(iso))) continue;
    for (const id of ids) {
      for (const hour of ['09', '08']) {
        rows.push({
          BUILDING_ID: id,
          ZONE_ID: id,
          ZONE_TYPE: 'meeting_room',
          SITE_ID: 900000222,
          DATE_PARTITION: d,
          DATE_TIME_START: `${iso}T${hour}:00:00-04:00`,
          GRANULARITY: granularity,
          GROUP_ID: groupId,
          OCCUPANCY_MEAN: hour === '08' ? 10 : 20,
          OCCUPANCY_POS_MEAN: 12,
          OCCUPANCY_MAX: 30,
        });
      }
    }
  }
  return rows;
}

const matches = (filter: Record<string, unknown> | undefined, v: unknown) =>
  !filter || ((filter._eq === undefined || filter._eq === v) && (!Array.isArray(filter._in) || filter._in.includes(v)));

/** Rows of one root field of the little dataset; undefined for a root it does not have. */
export function rowsFor(f: AskedField): unknown[] | undefined {
  switch (f.root) {
    case 'BUILDING':
      return [
        { ID: 72, NAME: 'London', TIME_ZONE: 'Europe/London' },
        { ID: 71, NAME: 'DEMO', TIME_ZONE: 'America/Toronto' },
      ];
    case 'SITE':
      return sites().filter((s) => matches(f.where.BUILDING_ID, s.BUILDING_ID));
    case 'FLOOR':
      return [{ ID: 1, BUILDING_ID: 71, FLOOR_CODE: 'L1', LEVEL: 1, NAME: 'Level 1', TIME_ZONE: 'America/Toronto' }];
    case 'ZONE':
      return [{ ID: 5, SITE_ID: 900000222, NAME: 'Boardroom', ZONE_TYPE: 'meeting_room', CAPACITY: 12 }].filter(
        (z) => matches(f.where.ID, z.ID) && matches(f.where.SITE_ID, z.SITE_ID),
      );
    case 'GROUP':
      return [{ ID: NIL, NAME: 'Everyone' }];
    case 'BUILDING_INSIGHTS':
    case 'ZONE_INSIGHTS':
    case 'ZONE_TYPE_INSIGHTS':
      return insightRows(f);
    default:
      return undefined;
  }
}

/** The answer to a document of any number of root fields, each under its response key. */
export function defaultAnswer(req: SeenRequest): Reply {
  const data: Record<string, unknown> = {};
  for (const f of fieldsOf(req)) {
    const rows = rowsFor(f);
    if (rows === undefined) return { status: 400, body: { errors: [{ message: `Cannot query field "${f.root}" on type "Query".` }] } };
    data[f.key] = rows;
  }
  return { body: { data } };
}

export async function startFakeUpstream(opts: { auth?: 'session' | 'bearer' } = {}): Promise<FakeUpstream> {
  const queues = { token: [] as Array<Reply | ((req: SeenRequest) => Reply)>, graphql: [] as Array<Reply | ((req: SeenRequest) => Reply)> };
  let standing: Rule | null = null;
  const issued: string[] = [];
  const server = await startScriptedServer((req) => {
    const kind = req.path === TOKEN_PATH ? 'token' : 'graphql';
    const queued = queues[kind].shift();
    if (queued) return typeof queued === 'function' ? queued(req) : queued;
    const ruled = standing?.(req);
    if (ruled) return ruled;
    if (kind === 'token') {
      const id = `sess-${issued.length + 1}-d41d8cd98f00b204`;
      issued.push(id);
      return { body: opts.auth === 'bearer' ? { oauth_token: { access_token: id, token_type: 'Bearer' } } : { session_id: id } };
    }
    const current = issued[issued.length - 1];
    const presented = opts.auth === 'bearer' ? req.headers.authorization : req.headers['x-session-id'];
    const expected = opts.auth === 'bearer' ? `Bearer ${current}` : current;
    if (!current || presented !== expected) return { status: 401, body: { errors: [{ message: 'invalid session' }] } };
    return defaultAnswer(req);
  });
  return {
    url: server.url,
    server,
    tokens: () => server.seen(TOKEN_PATH),
    graphql: () => server.requests.filter((r) => r.path !== TOKEN_PATH),
    next: (match, reply) => void queues[match].push(reply),
    rule: (r) => {
      standing = r;
    },
    issued,
    close: () => server.close(),
  };
}

export function clientFor(fake: FakeUpstream, over: Partial<InnerSpaceClientOptions> = {}): InnerSpaceClient {
  return createInnerSpaceClient({
    auth: 'session',
    tokenUrl: `${fake.url}${TOKEN_PATH}`,
    apiUrl: `${fake.url}${API_PATH}`,
    clientId: 'client-id',
    clientSecret: CANARY_SECRET,
    audience: 'https://global-config.innerspace.io',
    groupId: NIL,
    // Tests about timeouts and deadlines set their own; elsewhere a slow machine must not cause retries.
    ...PATIENT_INNERSPACE,
    logger: pino({ level: 'silent' }),
    random: () => 0,
    ...over,
  });
}

/** A pino logger at trace level writing into memory, with no scrubbing at all. */
export function memoryLogger(): { logger: Logger; text: () => string; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString('utf8'));
      cb();
    },
  });
  const logger = pino({ level: 'trace' }, stream);
  const text = () => chunks.join('');
  return {
    logger,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** How a call failed: its code, the typed facts it carries (see factsOf) and its message. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; facts: Record<string, unknown>; message: string }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, facts: factsOf(err), message: err.message };
    return { code: 'NONE', facts: {}, message: (err as Error).message };
  }
  throw new Error('expected the call to fail');
}
