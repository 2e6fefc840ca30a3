import { unit } from './hash';
import { dayNumOfIso, isoOfDayNum, isoWeekday } from './calendar';

/**
 * Public holidays (offices near empty) and outages (whole days never published), so clients
 * meet both a quiet weekday and a hole in the data.
 */

type Rule = { readonly fixed: string } | { readonly lastMondayOf: number };

const COMMON: readonly Rule[] = [{ fixed: '01-01' }, { fixed: '12-25' }];

const LOCAL: Readonly<Record<number, readonly Rule[]>> = {
  71: [{ fixed: '07-01' }, { fixed: '12-26' }], // Canada Day, Boxing Day (Ontario)
  104: [{ fixed: '12-26' }, { lastMondayOf: 8 }], // Boxing Day, Summer bank holiday
  118: [{ fixed: '01-26' }, { fixed: '04-25' }, { fixed: '12-26' }], // Australia Day, Anzac Day, Boxing Day
  131: [{ fixed: '01-26' }, { fixed: '08-15' }, { fixed: '10-02' }], // Republic, Independence, Gandhi Jayanti
};

function ruleDay(rule: Rule, year: number): number {
  if ('fixed' in rule) return dayNumOfIso(`${year}-${rule.fixed}`);
  const next = rule.lastMondayOf === 12 ? `${year + 1}-01-01` : `${year}-${String(rule.lastMondayOf + 1).padStart(2, '0')}-01`;
  let d = dayNumOfIso(next) - 1;
  while (isoWeekday(d) !== 1) d -= 1;
  return d;
}

/** Holidays of a building in a year, as ISO dates, sorted. */
export function simHolidays(buildingId: number, year: number): string[] {
  const rules = [...COMMON, ...(LOCAL[buildingId] ?? [])];
  return rules.map((r) => ruleDay(r, year)).sort((a, b) => a - b).map(isoOfDayNum);
}

export function isHolidayDayNum(buildingId: number, dayNum: number): boolean {
  const year = new Date(dayNum * 86_400_000).getUTCFullYear();
  const rules = [...COMMON, ...(LOCAL[buildingId] ?? [])];
  return rules.some((r) => ruleDay(r, year) === dayNum);
}

/** The one building whose nightly run occasionally fails, leaving a whole day missing. */
export const OUTAGE_BUILDING_ID = 104;
const OUTAGE_RATE = 0.012;

export function isMissingDayNum(buildingId: number, dayNum: number): boolean {
  return buildingId === OUTAGE_BUILDING_ID && unit(buildingId, dayNum, 0x0da7) < OUTAGE_RATE;
}

export function isSimHoliday(buildingId: number, isoDate: string): boolean {
  return isHolidayDayNum(buildingId, dayNumOfIso(isoDate));
}

export function isSimMissingDay(buildingId: number, isoDate: string): boolean {
  return isMissingDayNum(buildingId, dayNumOfIso(isoDate));
}
