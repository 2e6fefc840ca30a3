import {
  GraphQLError,
  buildSchema,
  execute,
  getOperationAST,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { Lru } from './data/lru';
import type { RequestContext } from './resolvers';
import { buildSdl } from './schema';

export interface HasuraError {
  message: string;
  /** The spec's path (response keys from the root) for errors raised while executing a field. */
  path?: Array<string | number>;
  extensions: { path: string; code: string };
}

export interface GraphqlReply {
  data?: unknown;
  errors?: HasuraError[];
}

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

function hasura(err: GraphQLError, fallbackCode: string): HasuraError {
  const code = typeof err.extensions?.code === 'string' ? err.extensions.code : fallbackCode;
  const path = err.path ? `$.selectionSet.${err.path.join('.selectionSet.')}` : '$';
  // Suggestions would hint at fields the live API may not have; Hasura gives none either.
  const message = err.message.replace(/ Did you mean .*\?$/, '');
  return { message, ...(err.path ? { path: [...err.path] } : {}), extensions: { path, code } };
}

/**
 * Executes queries against the full schema, or against the variant without the guessed
 * fields. Parsed and validated documents are memoised per variant: clients send the same
 * few query texts over and over.
 */
export class GraphqlExecutor {
  private readonly schemas: Record<'full' | 'reduced', GraphQLSchema>;
  private readonly documents = new Lru<string, DocumentNode | HasuraError[]>(500);

  constructor(private readonly root: Record<string, unknown>) {
    this.schemas = {
      full: buildSchema(buildSdl()),
      reduced: buildSchema(buildSdl({ withoutGuessFields: true })),
    };
  }

  run(req: GraphqlRequest, ctx: RequestContext): GraphqlReply {
    const variant = ctx.withoutGuessFields ? 'reduced' : 'full';
    const schema = this.schemas[variant];
    const doc = this.document(variant, schema, req.query);
    if (Array.isArray(doc)) return { errors: doc };
    const op = getOperationAST(doc, req.operationName ?? undefined);
    if (op && op.operation !== 'query') {
      return { errors: [{ message: `no ${op.operation}s exist`, extensions: { path: '$', code: 'validation-failed' } }] };
    }
    const result = execute({
      schema,
      document: doc,
      rootValue: this.root,
      contextValue: ctx,
      variableValues: req.variables ?? undefined,
      operationName: req.operationName ?? undefined,
    });
    if ('then' in result) throw new Error('resolvers are synchronous');
    if (!result.errors?.length) return { data: result.data };
    // Without data, the request never started (bad variables, unknown operation).
    if (result.data === undefined) return { errors: result.errors.map((e) => hasura(e, 'validation-failed')) };
    // As graphql-js executes it: each root field on its own, an error under its path, the
    // others' rows kept. Every root is a non-null list here, so a failing root takes `data`
    // down to null (spec §6.4.4) and the client must ask again for the roots it still needs.
    return { data: result.data, errors: result.errors.map((e) => hasura(e, 'unexpected')) };
  }

  private document(variant: string, schema: GraphQLSchema, query: string): DocumentNode | HasuraError[] {
    const key = `${variant}\u0000${query}`;
    const hit = this.documents.get(key);
    if (hit) return hit;
    let made: DocumentNode | HasuraError[];
    try {
      const doc = parse(query);
      const errors = validate(schema, doc);
      made = errors.length ? errors.map((e) => hasura(e, 'validation-failed')) : doc;
    } catch (err) {
      made = [hasura(err instanceof GraphQLError ? err : new GraphQLError(String(err)), 'validation-failed')];
    }
    this.documents.set(key, made);
    return made;
  }
}
