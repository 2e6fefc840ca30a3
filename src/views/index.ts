/**
 * View models: what any surface (Block Kit, the console) draws, as plain data. Numbers are
 * unrounded (renderers round for reading); calendar days are ISO local dates with the IANA
 * zone beside them; instants are epoch milliseconds. Names and other text arrive raw: the
 * renderers escape them.
 *
 * DayStatsView is a structural subset of domain/summary DaySummary, so a summary can be passed
 * as it is.
 */
export type { IsoDate } from '../domain/time';
export type { EpochMs } from '../domain/values';
export type * from './chart';
export type * from './report';
export type * from './range';
export type * from './compare';
export type * from './digest';
export type * from './alert';
export type * from './home';
