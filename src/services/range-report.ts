/**
 * `/occupancy building|zone <x> <range>`: the range resolved on the building's calendar, its
 * hourly buckets and the comparison period's, asked for in one turn so they travel in one
 * GraphQL document with the latest-day lookup.
 *
 * Every figure comes from the hourly (PT1H) rows, so a range speaks of the same "average while
 * occupied" as a day answer (see domain/range-summary.ts). The bars are drawn from those hours
 * too, not from P1D/P1W/P1M rows: InnerSpace's coarser rows are 24-hour means; a range that does
 * not start on a Monday or the 1st would get P1W/P1M buckets covering days outside it; and a
 * week or month bucket appears only once its last day is published (`this week` would have
 * none). test/integration/app/ranges.test.ts checks a week bar against the hourly rows.
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
import { latestCompleteDay, localToday, toDatePartition, type IsoDate } from '../domain/time';
import type { Building, InsightRow } from '../domain/occupancy';
import { RangeInputError, RangeNoDataError } from '../errors';
import type { Charts } from '../ports/charts';
import type { InnerSpacePort, InsightQuery } from '../ports/occupancy-source';
import type { RangeChartModel } from '../views/chart';
import type { RangeReportView, ReportScopeView } from '../views/index';
import type { OccupancyData } from './occupancy-data';
import { capacityOf } from './occupancy-data';
import { barLabels, periodLabel } from '../domain/period-words';
import { chartGroup, groupFields, groupKey, type ChosenGroup, type GroupDirectory } from './groups';

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

export interface RangeSubject {
  readonly scope: ReportScopeView;
  readonly building: Building;
  readonly capacity: number | null;
  /** "DEMO (71)", for the chart. */
  readonly title: string;
  readonly rows: (q: InsightQuery) => Promise<InsightRow[]>;
  readonly group: ChosenGroup;
}

/** A range resolved on its subject's calendar. */
interface ResolvedRangeOf {
  readonly subject: RangeSubject;
  readonly range: ResolvedRange;
  readonly today: IsoDate;
  readonly latest: IsoDate;
  readonly dataThrough: IsoDate | null;
}

export interface RangeFigures extends ResolvedRangeOf {
  readonly summary: RangeSummary;
}

export class RangeReports {
  constructor(private readonly deps: RangeReportDeps) {}

  async answer(req: RangeRequest): Promise<RangeReportView> {
    const resolved = await this.resolve(req);
    const { range, dataThrough, subject } = resolved;
    const key = `range|${req.kind}|${req.id}|${range.from}|${range.to}|${range.unit}|${req.words ?? ''}|${dataThrough ?? ''}|${groupKey(subject.group)}`;
    return this.deps.memo(key, () => this.build(req, resolved));
  }

  /** A range's figures without the answer around them: what a comparison shows of each subject. */
  async figures(req: RangeRequest): Promise<RangeFigures> {
    const resolved = await this.resolve(req);
    return { ...resolved, summary: await this.summarise(req, resolved) };
  }

  /** The subject and the range on its calendar, checked against what the data says is published. */
  private async resolve(req: RangeRequest): Promise<ResolvedRangeOf> {
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
    return { subject, range, today, latest, dataThrough };
  }

  private async summarise(req: RangeRequest, r: ResolvedRangeOf): Promise<RangeSummary> {
    const [hours, previousHours] = await this.load(r.subject, r.range);
    const summary = summarizeRange({
      period: r.range,
      zone: r.subject.building.timeZone,
      hours: bucketsFromRows(hours),
      previous: comparisonPeriod(r.range),
      previousHours: bucketsFromRows(previousHours),
      capacity: r.subject.capacity,
    });
    if (summary.daysWithData === 0) throw new RangeNoDataError(req.kind, req.id, r.range.from, r.range.to, req.words, r.dataThrough);
    return summary;
  }

  private async subject(req: RangeRequest): Promise<RangeSubject> {
    // Asked in the same turn as the building (one document); an unknown building is said first.
    const choosing = this.deps.groups.chooseAhead(req.group);
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
        title: `${b.name} (${b.id})${chartGroup(group)}`,
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
      title: `${z.name} (${z.id})${chartGroup(group)}`,
      rows: (q) => this.deps.innerspace.zoneInsights({ ...q, groupId }),
      group,
    };
  }

  /** The two queries of a range (its hours, the comparison period's), started in the same turn. */
  private load(subject: RangeSubject, range: Period): Promise<[InsightRow[], InsightRow[]]> {
    const ids = [subject.scope.id];
    const span = (p: Period) => ({ from: toDatePartition(p.from), to: toDatePartition(p.to) });
    return Promise.all([
      subject.rows({ ids, ...span(range), granularity: 'PT1H' }),
      subject.rows({ ids, ...span(comparisonPeriod(range)), granularity: 'PT1H' }),
    ]);
  }

  private async build(req: RangeRequest, resolved: ResolvedRangeOf): Promise<RangeReportView> {
    const { subject, range, today, latest, dataThrough } = resolved;
    const zone = subject.building.timeZone;
    const summary = await this.summarise(req, resolved);
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

function statsOf(s: RangeSummary): RangeReportView['stats'] {
  return {
    mean: s.mean,
    dayMean: s.dayMean,
    weekdayHours: s.weekdayHours,
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

function chartModel(subject: RangeSubject, s: RangeSummary, label: string, today: IsoDate): RangeChartModel {
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
