import type { Kysely } from 'kysely';
import type { EpochMs } from '../../domain/values';
import type { Guard } from '../errors';
import type { StorageSchema } from './schema';

/** What every repository is built from; nothing in it names an engine. */
export interface RepositoryContext {
  readonly db: Kysely<StorageSchema>;
  /** Stamps createdAt / updatedAt / finishedAt. */
  readonly now: () => EpochMs;
  /** Wraps each call: refuses once the store is closed; maps driver errors per dialect. */
  readonly guard: Guard;
}
