import { BadInputError } from './input';

/** A group as an error names it: enough to list it and to ask for it again. */
export interface GroupChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * `group <name>` that fits no InnerSpace group, or several equally well. Carries the groups to
 * offer, so the words can list them; nothing was asked about occupancy.
 */
export class GroupInputError extends BadInputError {
  constructor(
    readonly reason: 'unknown' | 'ambiguous',
    /** The name as typed (cut short for the logs). */
    readonly input: string,
    /** The candidates for 'ambiguous'; every group for 'unknown'. */
    readonly choices: readonly GroupChoice[],
    /** How many fit, for 'ambiguous' (the choices may be fewer). */
    readonly total: number = choices.length,
  ) {
    super(`group name fits ${reason === 'unknown' ? 'no group' : 'several groups'}`, { field: 'group', value: input.slice(0, 80) });
  }
}
