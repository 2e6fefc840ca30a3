/**
 * `/occupancy building|zone <x> <range>`: the range resolved on the building's calendar, its
 * daily means, the comparison period's daily means and its hourly buckets (for the peak),
 * asked for in one turn so they travel in one GraphQL document with the latest-day lookup.
 *
 * The bars come from the daily rows, not from P1W/P1M rows: the range's own figures (busiest
 * and quietest day, the weekday pattern) need the days anyway; a range that does not start on
 * a Monday or the 1st would get P1W/P1M buckets covering days outside it; a week or month
 * bucket appears only once its last day is published (`this week` would have none); and the
 * week bar, the mean of its day means, is InnerSpace's own P1W rule, so it agrees with P1W
 * wherever a whole week is drawn (test/integration/app/ranges.test.ts checks that).
 */
import { bucketsFromRows } from '../domain/summary';
import {
  comparisonPeriod,
  isoWeekday,
  neighbours,
  resolveRange,
  type Period,
  type RangeSpec,
  type RangeUnit,
  type ResolvedRange,
} from '../domain/period';
import { summarizeRange, type RangeSummary } from '../domain/range-summary';
import { latestCompleteDay, localToday, parseDatePartition, toDatePartition, type IsoDate } from '../domain/time';
import type { Building, InsightRow } from '../domain/occupancy';
import { RangeInputError, RangeNoDataError } from '../errors';
import type { Charts } from '../ports/charts';
import type { InnerSpacePort, InsightQuery } from '../ports/occupancy-source';
import type { RangeChartModel } from '../views/chart';
import type { RangeReportView, ReportScopeView } from '../views/index';
import type { OccupancyData } from './occupancy-data';
import { capacityOf } from './occupancy-data';
import { barLabels, periodLabel } from '../domain/period-words';
import { groupFields, type ChosenGroup, type GroupDirectory } from './groups';

export interface RangeRequest {
  readonly kind: 'building' | 'zone';
  readonly id: number;
  readonly spec: RangeSpec;
  /** The words asked ("last week"); null for a range reached by a button. */
  readonly words: string | null;
  /** How the buttons step; a typed range steps the way its words do. */
  readonly unit?: RangeUnit;
  /** A group's name or id; absent for the default group. */
  readonly group?: string;
}

export interface RangeReportDeps {
  readonly innerspace: InnerSpacePort;
  readonly dataFor: (groupId: string) => OccupancyData;
  readonly charts: Charts;
  readonly groups: GroupDirectory;
  readonly now: () => number;
  /** The report service's one-minute memo of finished answers. */
  readonly memo: <T>(key: string, load: () => Promise<T>) => Promise<T>;
}

interface Subject {
  readonly scope: ReportScopeView;
  readonly building: Building;
  readonly capacity: number | null;
  /** "DEMO (71)", for the chart. */
  readonly title: string;
  readonly rows: (q: InsightQuery) => Promise<InsightRow[]>;
  readonly group: ChosenGroup;
}

export class RangeReports {
  constructor(private readonly deps: RangeReportDeps) {}

  async answer(req: RangeRequest): Promise<RangeReportView> {
    const subject = await this.subject(req);
    const zone = subject.building.timeZone;
    const now = this.deps.now();
    const today = localToday(zone, now);
    // The clock's guess at the latest day starts the rows alongside the latest-day lookup;
    // when the data agrees (as it does unless a publish is late) the answer is one round trip.
    const guess = resolveRange(req.spec, today, latestCompleteDay(zone, now));
    if (guess.ok) this.load(subject, guess.range).catch(ignore);
    const dataThrough = await this.deps.dataFor(subject.group.id).latestDay(req.kind, req.id, zone, now);
    const latest = dataThrough ?? latestCompleteDay(zone, now);
    const resolved = resolveRange(req.spec, today, latest);
    if (!resolved.ok) {
      const { kind, period } = resolved.problem;
      if (kind === 'not_published') throw new RangeNoDataError(req.kind, req.id, period.from, period.to, req.words, dataThrough, true);
      throw new RangeInputError(kind, req.words ?? `${period.from}..${period.to}`, period.from, period.to);
    }
    const range: ResolvedRange = { ...resolved.range, unit: req.unit ?? resolved.range.unit };
    const key = `range|${req.kind}|${req.id}|${range.from}|${range.to}|${range.unit}|${req.words ?? ''}|${dataThrough ?? ''}|${subject.group.id}${subject.group.asked ? '!' : ''}`;
    return this.deps.memo(key, () => this.build(subject, req, range, today, latest, dataThrough));
  }

  private async subject(req: RangeRequest): Promise<Subject> {
    // Asked in the same turn as the building (one document); an unknown building is said first.
    const choosing = this.deps.groups.choose(req.group);
    choosing.catch(() => undefined);
    const data = this.deps.dataFor(this.deps.groups.defaultGroupId);
    if (req.kind === 'building') {
      const layout = await data.layout(req.id);
      const group = await choosing;
      const groupId = group.id;
      const b = layout.building;
      return {
        scope: { kind: 'building', id: b.id, name: b.name },
        building: b,
        capacity: capacityOf(layout.zones),
        title: `${b.name} (${b.id})${group.asked ? ` · ${group.label}` : ''}`,
        rows: (q) => this.deps.innerspace.buildingInsights({ ...q, groupId }),
        group,
      };
    }
    const located = await data.locateZone(req.id);
    const group = await choosing;
    const groupId = group.id;
    const z = located.zone;
    return {
      scope: { kind: 'zone', id: z.id, name: z.name, zoneType: z.zoneType, building: { id: located.building.id, name: located.building.name } },
      building: located.building,
      capacity: z.capacity,
      title: `${z.name} (${z.id})${group.asked ? ` · ${group.label}` : ''}`,
      rows: (q) => this.deps.innerspace.zoneInsights({ ...q, groupId }),
      group,
    };
  }

  /** The three queries of a range, started in the same turn. */
  private load(subject: Subject, range: Period): Promise<[InsightRow[], InsightRow[], InsightRow[]]> {
    const ids = [subject.scope.id];
    const span = (p: Period) => ({ from: toDatePartition(p.from), to: toDatePartition(p.to) });
    return Promise.all([
      subject.rows({ ids, ...span(range), granularity: 'P1D' }),
      subject.rows({ ids, ...span(comparisonPeriod(range)), granularity: 'P1D' }),
      subject.rows({ ids, ...span(range), granularity: 'PT1H' }),
    ]);
  }

  private async build(
    subject: Subject,
    req: RangeRequest,
    range: ResolvedRange,
    today: IsoDate,
    latest: IsoDate,
    dataThrough: IsoDate | null,
  ): Promise<RangeReportView> {
    const zone = subject.building.timeZone;
    const [days, previousDays, hours] = await this.load(subject, range);
    const summary = summarizeRange({
      period: range,
      zone,
      days: dayMeans(days),
      hours: bucketsFromRows(hours),
      previous: comparisonPeriod(range),
      previousDays: dayMeans(previousDays),
      capacity: subject.capacity,
    });
    if (summary.daysWithData === 0) throw new RangeNoDataError(req.kind, req.id, range.from, range.to, req.words, dataThrough);
    const { previous, next } = neighbours(range, latest);
    const label = periodLabel(range, today);
    return {
      scope: subject.scope,
      words: req.words,
      range: { from: range.from, to: range.to, unit: range.unit },
      clippedFrom: range.clippedFrom,
      timeZone: zone,
      today,
      ...groupFields(subject.group),
      dataThrough,
      barUnit: summary.barUnit,
      bars: summary.bars.map((b) => ({ from: b.from, to: b.to, mean: b.mean })),
      stats: statsOf(summary),
      chart: this.deps.charts.range(chartModel(subject, summary, label, today)),
      previousRange: previous && { from: previous.from, to: previous.to, unit: previous.unit },
      nextRange: next && { from: next.from, to: next.to, unit: next.unit },
    };
  }
}

/** P1D rows to one mean per local day, summed over the rows of a day (a building reported per site adds up). */
export function dayMeans(rows: readonly InsightRow[]): Map<IsoDate, number> {
  const byDay = new Map<IsoDate, number>();
  for (const r of rows) {
    const date = parseDatePartition(r.datePartition);
    if (date === null || !Number.isFinite(r.occupancyMean)) continue;
    byDay.set(date, (byDay.get(date) ?? 0) + r.occupancyMean);
  }
  return byDay;
}

function statsOf(s: RangeSummary): RangeReportView['stats'] {
  return {
    mean: s.mean,
    meanPctOfCapacity: s.meanPctOfCapacity,
    capacity: s.capacity,
    busiestDay: s.busiestDay,
    quietestDay: s.quietestDay,
    quietestWeekday: s.quietestWeekday,
    peak: s.peak && { start: s.peak.start, value: s.peak.value },
    weekdays: s.weekdays.map((w) => ({ weekday: w.weekday, mean: w.mean })),
    dayCount: s.dayCount,
    daysWithData: s.daysWithData,
    previous: { from: s.previous.from, to: s.previous.to, mean: s.previous.mean },
    changePct: s.changePct,
  };
}

function chartModel(subject: Subject, s: RangeSummary, label: string, today: IsoDate): RangeChartModel {
  const labels = barLabels(s.bars, s.barUnit, today);
  return {
    kind: 'range',
    subject: subject.title,
    periodLabel: label,
    unit: s.barUnit,
    bars: s.bars.map((b, i) => ({
      label: labels[i]?.short ?? b.from,
      longLabel: labels[i]?.long ?? b.from,
      value: b.mean,
      ...(s.barUnit === 'day' && isoWeekday(b.from) >= 6 ? { weekend: true } : {}),
    })),
    previousMean: s.previous.mean,
    // A building's capacity would flatten the bars, as on a day chart; zones show theirs.
    reference: subject.scope.kind === 'zone' && s.capacity !== null ? { value: s.capacity, kind: 'capacity' } : null,
  };
}

function ignore(): void {
  // The guess's failure is reported by the load that needs the rows.
}
