/**
 * `/occupancy compare <x> <y> …`: two to six buildings (or zones) on one day or one range, each
 * on its own calendar. Everything each subject needs is asked for in the same turn, so the
 * InnerSpace client sends it as one GraphQL document: every latest-day lookup and every
 * subject's guessed day (or range and comparison period) together.
 */
import { byLocalHour, hoursToShow } from '../domain/compare';
import { neighbours, type RangeSpec, type RangeUnit } from '../domain/period';
import { barLabels, periodLabel } from '../domain/period-words';
import {
  addDays,
  compareDates,
  EARLIEST_DATE,
  formatDay,
  isPublished,
  latestCompleteDay,
  localToday,
  parseDateArg,
  type IsoDate,
} from '../domain/time';
import { CompareMixError, DateInputError, NoDataError, NotFoundError } from '../errors';
import type { Charts } from '../ports/charts';
import type { InnerSpacePort } from '../ports/occupancy-source';
import type { CompareChartModel } from '../views/chart';
import type { CompareSubjectView, CompareView } from '../views/compare';
import type { ReportScopeView } from '../views/report';
import type { OccupancyData } from './occupancy-data';
import type { RangeFigures, RangeReports } from './range-report';
import type { ResolvedDay } from './report';

type Kind = 'building' | 'zone';

export interface CompareRequest {
  /** null: the directory decides (all buildings, or all zones). */
  readonly kind: Kind | null;
  readonly ids: readonly number[];
  /** A date word ("yesterday", "2026-11-20"), read on each subject's calendar; null: each one's latest day. */
  readonly date: string | null;
  readonly range: { readonly spec: RangeSpec; readonly words: string | null; readonly unit?: RangeUnit } | null;
}

export interface CompareDeps {
  readonly innerspace: InnerSpacePort;
  readonly data: OccupancyData;
  readonly charts: Charts;
  readonly ranges: RangeReports;
  readonly now: () => number;
  readonly groupLabel: () => Promise<string>;
  readonly resolveDay: (kind: Kind, id: number, asked: IsoDate | null, zone: string) => Promise<ResolvedDay>;
}

interface Located {
  readonly id: number;
  readonly scope: ReportScopeView;
  readonly timeZone: string;
}

export class CompareReports {
  constructor(private readonly deps: CompareDeps) {}

  async answer(req: CompareRequest): Promise<CompareView> {
    const kind = req.kind ?? (await this.kindOf(req.ids));
    if (req.range !== null) return this.range(kind, req, req.range);
    const subjects = await Promise.all(req.ids.map((id) => this.locate(kind, id)));
    return this.day(kind, req, subjects);
  }

  /** Bare ids: all buildings, or all zones; a mix is refused, an unknown id named. */
  private async kindOf(ids: readonly number[]): Promise<Kind> {
    const buildings = new Set((await this.deps.innerspace.buildings()).map((b) => b.id));
    const others = ids.filter((id) => !buildings.has(id));
    if (others.length === 0) return 'building';
    const zones = new Set((await this.deps.innerspace.zones({ ids: others })).map((z) => z.id));
    const unknown = others.find((id) => !zones.has(id));
    // Named as the kind the others are, so the sentence says what was looked for.
    if (unknown !== undefined) throw new NotFoundError(zones.size > 0 ? 'zone' : 'building', unknown);
    if (others.length === ids.length) return 'zone';
    throw new CompareMixError(
      ids.filter((id) => buildings.has(id)),
      others,
    );
  }

  private async locate(kind: Kind, id: number): Promise<Located> {
    if (kind === 'building') {
      const b = await this.deps.data.buildingOrThrow(id);
      return { id, scope: { kind, id: b.id, name: b.name }, timeZone: b.timeZone };
    }
    const { zone, building } = await this.deps.data.locateZone(id);
    return {
      id,
      scope: { kind, id: zone.id, name: zone.name, zoneType: zone.zoneType, building: { id: building.id, name: building.name } },
      timeZone: building.timeZone,
    };
  }

  private async day(kind: Kind, req: CompareRequest, subjects: readonly Located[]): Promise<CompareView> {
    const now = this.deps.now();
    // Started together, so every latest-day lookup and every likely day travel in one document.
    const days = await Promise.all(
      subjects.map((s) => {
        const asked = askedDay(req.date, s.timeZone, now);
        const likely = asked === null ? latestCompleteDay(s.timeZone, now) : isPublished(asked, s.timeZone, now) ? asked : null;
        if (likely !== null) {
          if (kind === 'building') this.deps.data.prefetchBuildingDay(s.id, likely, 'PT1H');
          else this.deps.data.prefetchZoneDay(s.id, likely, 'PT1H');
        }
        return this.deps.resolveDay(kind, s.id, asked, s.timeZone);
      }),
    );
    const loaded = await Promise.all(
      subjects.map(async (s, i) => {
        const { date, dataThrough } = days[i]!;
        const day = kind === 'building' ? await this.deps.data.buildingDay(s.id, date, 'PT1H') : await this.deps.data.zoneDay(s.id, date, 'PT1H');
        if (day.summary.bucketCount === 0) throw new NoDataError(kind, s.id, date, dataThrough);
        return { subject: s, date, dataThrough, day };
      }),
    );
    const first = loaded[0]!;
    const today = localToday(first.subject.timeZone, now);
    const common = loaded.every((l) => l.date === first.date) ? first.date : null;
    const base = common ?? first.date;
    const next = addDays(base, 1);
    const nextPublished = loaded.every((l) => (l.dataThrough !== null ? compareDates(next, l.dataThrough) <= 0 : isPublished(next, l.subject.timeZone, now)));
    const previous = addDays(base, -1);

    const perHour = loaded.map((l) => byLocalHour(l.day.buckets, l.subject.timeZone));
    const hours = hoursToShow(perHour);
    const names = loaded.map((l) => l.subject.scope.name);
    const when = common === null ? 'latest day of each' : formatDay(common, today);
    const chart: CompareChartModel = {
      kind: 'compare',
      mode: 'day',
      title: `${titleOf(names)} · ${when}`,
      labels: hours.map((h) => String(h).padStart(2, '0')),
      longLabels: hours.map((h) => `${String(h).padStart(2, '0')}:00`),
      series: loaded.map((l, i) => ({ name: `${l.subject.scope.name} (${l.subject.id})`, values: hours.map((h) => perHour[i]!.get(h) ?? null) })),
    };
    return {
      kind,
      mode: 'day',
      subjects: loaded.map(({ subject, date, dataThrough, day }): CompareSubjectView => ({
        scope: subject.scope,
        timeZone: subject.timeZone,
        date,
        range: null,
        dataThrough,
        mean: day.summary.mean,
        meanPctOfCapacity: day.summary.meanPctOfCapacity,
        occupied: day.summary.occupied && { start: day.summary.occupied.start, end: day.summary.occupied.end },
        peak: day.summary.peak && { start: day.summary.peak.start, value: day.summary.peak.value },
        busiestHour: day.summary.busiestHour && { start: day.summary.busiestHour.start, end: day.summary.busiestHour.end },
        busiestDay: null,
        changePct: day.summary.changeVsLastWeekPct,
        comparedWith: day.summary.lastWeek?.date ?? null,
      })),
      date: common,
      range: null,
      words: null,
      today,
      groupLabel: await this.deps.groupLabel(),
      chart: this.deps.charts.compare(chart),
      previousDate: compareDates(previous, EARLIEST_DATE) >= 0 ? previous : null,
      nextDate: nextPublished ? next : null,
      previousRange: null,
      nextRange: null,
    };
  }

  private async range(kind: Kind, req: CompareRequest, range: NonNullable<CompareRequest['range']>): Promise<CompareView> {
    // Each subject's lookups start in the same turn once the (cached) directory has answered.
    const figures: RangeFigures[] = await Promise.all(
      req.ids.map((id) => this.deps.ranges.figures({ kind, id, spec: range.spec, words: range.words, ...(range.unit ? { unit: range.unit } : {}) })),
    );
    const first = figures[0]!;
    const today = first.today;
    const longest = figures.reduce((a, b) => (b.summary.bars.length > a.summary.bars.length ? b : a), first);
    const labels = barLabels(longest.summary.bars, longest.summary.barUnit, today);
    // The buttons step from the first subject's range, and no further than every subject has data.
    const latest = figures.reduce((min, f) => (compareDates(f.latest, min) < 0 ? f.latest : min), first.latest);
    const { previous, next } = neighbours(first.range, latest);
    const names = figures.map((f) => f.subject.scope.name);
    const chart: CompareChartModel = {
      kind: 'compare',
      mode: 'range',
      title: `${titleOf(names)} · ${periodLabel(first.range, today)}`,
      labels: labels.map((l) => l.short),
      longLabels: labels.map((l) => l.long),
      series: figures.map((f) => ({ name: f.subject.title, values: longest.summary.bars.map((_, i) => f.summary.bars[i]?.mean ?? null) })),
    };
    return {
      kind,
      mode: 'range',
      subjects: figures.map(({ subject, range: r, dataThrough, summary: s }): CompareSubjectView => ({
        scope: subject.scope,
        timeZone: subject.building.timeZone,
        date: null,
        range: { from: r.from, to: r.to },
        dataThrough,
        mean: s.mean,
        meanPctOfCapacity: s.meanPctOfCapacity,
        occupied: null,
        peak: s.peak && { start: s.peak.start, value: s.peak.value },
        busiestHour: null,
        busiestDay: s.busiestDay,
        changePct: s.changePct,
        comparedWith: null,
      })),
      date: null,
      range: { from: first.range.from, to: first.range.to, unit: first.range.unit },
      clippedFrom: first.range.clippedFrom,
      words: range.words,
      today,
      groupLabel: await this.deps.groupLabel(),
      chart: this.deps.charts.compare(chart),
      previousDate: null,
      nextDate: null,
      previousRange: previous && { from: previous.from, to: previous.to, unit: previous.unit },
      nextRange: next && { from: next.from, to: next.to, unit: next.unit },
    };
  }
}

/** "DEMO vs Southwark Works", "DEMO, Harbour and 2 more" past three. */
function titleOf(names: readonly string[]): string {
  if (names.length <= 3) return names.join(' vs ');
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function askedDay(text: string | null, zone: string, now: number): IsoDate | null {
  if (text === null) return null;
  const parsed = parseDateArg(text, zone, now);
  if (!parsed.ok) throw new DateInputError(parsed.reason, parsed.input);
  return parsed.date;
}
