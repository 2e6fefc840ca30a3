import { AppError } from './base';

/** A value given by a user, a form or a caller is not usable; nothing was asked upstream. */
export class BadInputError extends AppError {
  readonly code = 'BAD_INPUT';
  /** Which input: 'building id', 'zone', 'time of day', 'buildings', 'channel'… */
  readonly field: string;
  /** The value refused, for the logs: only ever short input, never a secret. */
  readonly value?: string | number;

  constructor(message: string, input: { field: string; value?: string | number }) {
    super(message);
    this.field = input.field;
    this.value = input.value;
  }
}

export type DateProblem = 'unrecognised' | 'invalid_date' | 'future' | 'too_old';

/** A date typed in a command that names no day with data: not a date, in the future, too old. */
export class DateInputError extends BadInputError {
  constructor(
    readonly reason: DateProblem,
    /** The word as typed. */
    readonly input: string,
  ) {
    super(`unusable date (${reason})`, { field: 'date' });
  }
}

/** A plain `#name` that Slack did not turn into a channel id: the bot cannot tell which it is. */
export class ChannelNameError extends BadInputError {
  constructor(readonly channelName: string) {
    super('a channel given by name cannot be resolved', { field: 'channel' });
  }
}

/** A percentage threshold on a building or zone whose capacity InnerSpace does not know. */
export class NoCapacityError extends BadInputError {
  constructor(
    readonly kind: 'building' | 'zone',
    readonly id: number,
  ) {
    super(`no capacity known for ${kind} ${id}`, { field: 'measure' });
  }
}

/** A modal's private_metadata that this version cannot read: the form is older than the bot. */
export class StaleFormError extends BadInputError {
  constructor() {
    super('the form metadata cannot be read', { field: 'private_metadata' });
  }
}
