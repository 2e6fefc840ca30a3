import { BadInputError } from './input';

/** A comparison naming buildings and zones together: the figures would not be like for like. */
export class CompareMixError extends BadInputError {
  constructor(
    readonly buildingIds: readonly number[],
    readonly zoneIds: readonly number[],
  ) {
    super('a comparison mixes buildings and zones', { field: 'compare' });
  }
}
