/**
 * "How often would this rule have alerted?": the live state machine run over the last 30
 * published days, from a clean start, its episodes grouped as live alerts group them: one
 * message per nightly publish, for the episodes that began (fired) in it. Pure; the caller
 * fetches the rows (one query).
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
  /** The messages live alerts would have sent: the day whose publish fired them, and how many episodes each lists. */
  readonly messages: readonly BacktestMessage[];
}

export interface BacktestMessage {
  readonly date: IsoDate;
  readonly episodes: number;
}

export function runBacktest(rule: Rule, readings: readonly Reading[], zone: string): BacktestResult {
  const days = new Set(readings.map((r) => localDateOf(r.start, zone))).size;
  const { events } = advance(rule, INITIAL_STATE, readings);
  const episodes = events.flatMap((e) => (e.kind === 'fired' ? [e.episode] : []));
  // A fired episode ends with the bucket that made it fire: that bucket's day is the publish that told it.
  const messages: BacktestMessage[] = [];
  for (const e of episodes) {
    const date = localDateOf(e.breachEnd - 1, zone);
    const last = messages.at(-1);
    if (last && last.date === date) messages[messages.length - 1] = { date, episodes: last.episodes + 1 };
    else messages.push({ date, episodes: 1 });
  }
  return { days, episodes, episodeDates: episodes.map((e) => localDateOf(e.start, zone)), messages };
}
