import { between, unit4 } from './hash';
import { isoWeekday, monthOf } from './calendar';
import type { SimBuilding, SimZone, ZoneType } from './dataset';
import { isHolidayDayNum } from './holidays';
import type { DayFrame } from './frame';

/**
 * How full each kind of zone is through a working day, as a share of capacity at each local
 * hour (piecewise linear, zero outside the listed span). Desks ramp up from 07:00 and dip at
 * lunch; cafes peak at lunch; meeting rooms peak mid-morning and mid-afternoon.
 */
const CURVES: Readonly<Record<ZoneType, readonly (readonly [number, number])[]>> = {
  desk_area: [[6.5, 0], [7, 0.04], [8, 0.3], [9, 0.72], [10, 0.92], [11.5, 0.95], [12, 0.74], [13, 0.7], [14, 0.9], [15.5, 0.86], [16.5, 0.6], [17.5, 0.3], [18.5, 0.12], [20, 0.04], [21.5, 0]],
  cafe: [[7, 0], [8, 0.22], [8.75, 0.34], [9.5, 0.1], [11.25, 0.28], [12.25, 0.95], [13.25, 0.82], [14, 0.18], [15, 0.26], [16, 0.08], [18, 0]],
  meeting_room: [[7.5, 0], [8.5, 0.2], [9.5, 0.6], [10.5, 0.88], [11.5, 0.7], [12.25, 0.3], [13.25, 0.45], [14.5, 0.82], [15.5, 0.76], [16.5, 0.5], [17.5, 0.14], [18.5, 0]],
  focus_room: [[7.5, 0], [9, 0.45], [11.5, 0.62], [12.25, 0.35], [13.5, 0.56], [16, 0.5], [17.5, 0.15], [19, 0]],
  lounge: [[7.5, 0], [9, 0.1], [11, 0.16], [12.5, 0.52], [13.5, 0.34], [15, 0.2], [16.5, 0.36], [18, 0.15], [20, 0]],
  reception: [[6.5, 0], [7.5, 0.25], [8.5, 0.7], [9.5, 0.45], [11, 0.25], [12.5, 0.35], [14, 0.2], [16.5, 0.25], [17.5, 0.4], [18.5, 0.1], [19.5, 0]],
};

/** Index by ISO weekday: Mondays and Fridays are quieter, weekends near empty. */
const WEEKDAY_FACTOR = [0, 0.86, 1, 1, 0.96, 0.72, 0.05, 0.025];
const MONTH_NORTH = [0, 0.9, 0.95, 1, 1, 1, 0.94, 0.84, 0.8, 1, 1, 0.98, 0.84];
const MONTH_SOUTH = [0, 0.74, 0.92, 1, 1, 1, 0.98, 0.95, 0.95, 1, 1, 0.98, 0.85];
const HOLIDAY_FACTOR = 0.03;
/** Typical peak as a share of capacity; noise may push a quarter above it, never far. */
const PEAK_SHARE = 0.85;
const MAX_OVER_CAPACITY = 1.1;
const MISSING_ZONE_HOUR_RATE = 0.01;

const { min, round } = Math;

export function curveAt(type: ZoneType, hour: number): number {
  const pts = CURVES[type];
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last || hour <= first[0] || hour >= last[0]) return 0;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1];
    const b = pts[i];
    if (a && b && hour <= b[0]) return a[1] + ((b[1] - a[1]) * (hour - a[0])) / (b[0] - a[0]);
  }
  return 0;
}

/** What scales a whole building-day: weekday, season, holiday and the day's own noise. */
export function buildingDayFactor(building: SimBuilding, dayNum: number): number {
  const months = building.hemisphere === 'south' ? MONTH_SOUTH : MONTH_NORTH;
  const holiday = isHolidayDayNum(building.id, dayNum) ? HOLIDAY_FACTOR : 1;
  return (
    (WEEKDAY_FACTOR[isoWeekday(dayNum)] ?? 0) *
    (months[monthOf(dayNum)] ?? 1) *
    holiday *
    between(0.88, 1.12, building.id, dayNum, 1)
  );
}

/**
 * The 15-minute occupancy (people, 2 decimals) of one zone through one local day. NaN marks
 * a quarter whose zone-hour is missing (about 1% of zone-hours, all four quarters at once).
 */
export function zoneQuarters(building: SimBuilding, zone: SimZone, frame: DayFrame, dayFactor: number): Float64Array {
  const n = frame.quarterMs.length;
  const out = new Float64Array(n);
  const scale = zone.capacity * PEAK_SHARE * dayFactor * (0.9 + 0.2 * unit4(zone.id, frame.dayNum, 0, 2));
  const cap = zone.capacity * MAX_OVER_CAPACITY;
  for (let i = 0; i < n; i++) {
    const hour = (frame.localHour[i] ?? 0) + 0.125 - building.hourShift;
    const shape = scale === 0 ? 0 : curveAt(zone.zoneType, hour);
    if (shape === 0) continue;
    const v = min(scale * shape * (0.8 + 0.4 * unit4(zone.id, frame.dayNum, i, 3)), cap);
    out[i] = v < 0.05 ? 0 : round(v * 100) / 100;
  }
  frame.hourStarts.forEach((start, k) => {
    if (unit4(zone.id, frame.dayNum, k, 4) >= MISSING_ZONE_HOUR_RATE) return;
    const end = frame.hourStarts[k + 1] ?? n;
    for (let i = start; i < end; i++) out[i] = NaN;
  });
  return out;
}
