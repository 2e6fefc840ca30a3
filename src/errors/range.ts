import { BadInputError } from './input';
import { NoDataError } from './subject';

/** A range typed in a command that can't be answered as asked: it ends in the future or starts before any data. */
export class RangeInputError extends BadInputError {
  constructor(
    readonly reason: 'future' | 'too_old',
    /** The range words as typed ("2026-11-01..2026-12-31"). */
    readonly input: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`unusable range (${reason})`, { field: 'range' });
  }
}

/** A range of days with nothing published: not yet (it starts after the latest published day), or left empty. */
export class RangeNoDataError extends NoDataError {
  constructor(
    kind: 'building' | 'zone',
    id: number,
    readonly from: string,
    readonly to: string,
    /** The words asked ("this week"); null for a range reached by a button. */
    readonly words: string | null,
    dataThrough: string | null,
    notPublishedYet = false,
  ) {
    super(kind, id, from, dataThrough, notPublishedYet);
  }
}
