/** Periods in words: "Mon 16 – Sun 22 Nov", "Thu 1 Oct – Fri 20 Nov", the year where it isn't today's. */
import type { Period } from './period';
import { formatDay, type IsoDate } from './time';

/** "Mon 16 – Sun 22 Nov"; each end with its year when the years differ from `today`'s or each other's. */
export function periodLabel(p: Period, today: IsoDate): string {
  if (p.from === p.to) return formatDay(p.from, today);
  const sameYear = p.from.slice(0, 4) === p.to.slice(0, 4);
  const end = formatDay(p.to, today);
  if (!sameYear) return `${formatDay(p.from, '0000-01-01')} – ${formatDay(p.to, '0000-01-01')}`;
  const start = formatDay(p.from, p.from);
  // "Mon 16 Nov" → "Mon 16" when both ends share the month.
  return p.from.slice(0, 7) === p.to.slice(0, 7) ? `${start.replace(/ \S+$/, '')} – ${end}` : `${start} – ${end}`;
}

/** Axis and table labels of range bars: "Mon 16" / "Mon 16 Nov" by day, "5 Oct" / "Mon 5 – Sun 11 Oct" by week. */
export function barLabels(bars: readonly Period[], unit: 'day' | 'week', today: IsoDate): { short: string; long: string }[] {
  return bars.map((b, i) => {
    const long = unit === 'day' ? formatDay(b.from, today) : periodLabel(b, today);
    const [weekday, day, month] = formatDay(b.from).split(' ');
    if (unit === 'week') return { short: `${day} ${month}`, long };
    if (bars.length <= 14) return { short: `${weekday} ${day}`, long };
    return { short: i === 0 || day === '1' ? `${day} ${month}` : `${day}`, long };
  });
}

/** "Oct", or "Oct 2025" when that is not `today`'s year. */
export function monthLabel(date: IsoDate, today: IsoDate): string {
  const [, , month] = formatDay(date).split(' ');
  return date.slice(0, 4) === today.slice(0, 4) ? `${month}` : `${month} ${date.slice(0, 4)}`;
}
