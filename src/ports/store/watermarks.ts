/** How far each scope's data has been evaluated. */
import type { ScopeKey, Watermark } from '../../domain/alert-state';
import type { EpochMs } from '../../domain/values';

export interface WatermarkRepository {
  get(key: ScopeKey): Promise<Watermark | null>;
  /** Moves the watermark forward only; true when it moved (or was created). */
  advance(key: ScopeKey, lastBucketStart: EpochMs): Promise<boolean>;
  list(): Promise<Watermark[]>;
}
