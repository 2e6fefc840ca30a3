/**
 * "How often would this rule have alerted?": the live state machine run over the last 30
 * published days, from a clean start. Pure; the caller fetches the rows (one query).
 */
import { localDateOf, type IsoDate } from '../../domain/time';
import { INITIAL_STATE, advance, type Episode, type Reading, type Rule } from './machine';

export const BACKTEST_DAYS = 30;

export interface BacktestResult {
  /** Distinct local days the readings covered. */
  readonly days: number;
  readonly episodes: readonly Episode[];
  /** Local start day of each episode. */
  readonly episodeDates: readonly IsoDate[];
}

export function runBacktest(rule: Rule, readings: readonly Reading[], zone: string): BacktestResult {
  const days = new Set(readings.map((r) => localDateOf(r.start, zone))).size;
  const { events } = advance(rule, INITIAL_STATE, readings);
  const episodes = events.flatMap((e) => (e.kind === 'fired' ? [e.episode] : []));
  return { days, episodes, episodeDates: episodes.map((e) => localDateOf(e.start, zone)) };
}
