import { AppError } from './base';

/** Things a user asks about by id. */
export type SubjectKind = 'building' | 'zone' | 'digest' | 'subscription';

/**
 * What was asked for does not exist (or belongs to another team, which reads the same).
 * `kind` and `id` are null when only the store knows: a row another row refers to is gone.
 */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  /** The store operation that found it missing, for the logs. */
  readonly op?: string;

  constructor(
    readonly kind: SubjectKind | null,
    readonly id: number | null,
    options: { message?: string; op?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? `${[kind ?? 'record', id].filter((w) => w !== null).join(' ')} not found`, options.cause);
    this.op = options.op;
  }
}

/** A rule that was there and was deleted: its old buttons say by whom and when, not "couldn't find". */
export class SubscriptionRemovedError extends NotFoundError {
  constructor(
    id: number,
    readonly removedBy: string,
    readonly removedAt: number,
  ) {
    super('subscription', id, { message: `subscription ${id} was deleted` });
  }
}

/**
 * A day with nothing published for a building, a zone or a building's zones: either a day
 * after the latest published one (not published yet) or an earlier day left empty.
 */
export class NoDataError extends AppError {
  readonly code = 'NO_DATA';

  constructor(
    readonly kind: 'building' | 'zone' | 'zones',
    readonly id: number,
    /** The day asked about, YYYY-MM-DD in the building's zone. */
    readonly date: string,
    /** The latest day with data, as the data says; null when none was found. */
    readonly dataThrough: string | null,
    /** True when `date` is after the latest published day. */
    readonly notPublishedYet = false,
    /** True when `date` is today in the building's zone: a day still under way is never published. */
    readonly isToday = false,
  ) {
    super(`no data for ${kind} ${id} on ${date}${notPublishedYet ? ' (not published yet)' : ''}`);
  }
}

/**
 * The user may not do this. `channelId` names the channel whose members may; without it only
 * the creator or an admin may.
 */
/** Taking over something whose creator is still in the workspace: it stays theirs. */
export class OwnerPresentError extends AppError {
  readonly code = 'FORBIDDEN';

  constructor(readonly ownerId: string) {
    super('the creator is still in the workspace');
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';

  constructor(
    message: string,
    readonly channelId?: string,
    /** Whoever set the thing up, named in the refusal so the user knows whom to ask. */
    readonly ownerId?: string,
  ) {
    super(message);
  }
}
