/**
 * Buildings and zones by name: the directory the InnerSpace client already caches (reference
 * data, fetched together and kept for an hour), read as names. When it is warm, resolving a
 * name costs no upstream request.
 */
import { foldName, matchName, type NameMatch, type NamedEntry, type NamedKind } from '../domain/names';
import type { InnerSpacePort } from '../ports/occupancy-source';

export class NameDirectory {
  constructor(private readonly innerspace: InnerSpacePort) {}

  async entries(kind: NamedKind): Promise<NamedEntry[]> {
    const buildings = await this.innerspace.buildings();
    if (kind === 'building') return buildings.map((b) => ({ kind, id: b.id, name: b.name }));
    const perBuilding = await Promise.all(
      buildings.map(async (b) => {
        const sites = await this.innerspace.sites(b.id);
        const zones = sites.length > 0 ? await this.innerspace.zones({ siteIds: sites.map((s) => s.id) }) : [];
        return zones.map((z) => ({ kind, id: z.id, name: z.name, building: { id: b.id, name: b.name } }));
      }),
    );
    return perBuilding.flat();
  }

  /** The entry with this id, or null when the directory has none: a form names a saved building or zone with it. */
  async named(kind: NamedKind, id: number): Promise<NamedEntry | null> {
    return (await this.entries(kind)).find((e) => e.id === id) ?? null;
  }

  async resolve(kind: NamedKind, text: string): Promise<NameMatch> {
    return matchName(text, await this.entries(kind));
  }

  /**
   * Type-ahead for a form's menu: names whose words start with what was typed (or ids that do),
   * the closest first; everything, by name, for an empty query. At most `limit`.
   */
  async search(kind: NamedKind, query: string, limit: number): Promise<NamedEntry[]> {
    return searchEntries(await this.entries(kind), query, limit);
  }
}

export function searchEntries(entries: readonly NamedEntry[], query: string, limit: number): NamedEntry[] {
  const folded = foldName(query);
  const byName = (a: NamedEntry, b: NamedEntry) => a.name.localeCompare(b.name) || a.id - b.id;
  if (folded === '') return [...entries].sort(byName).slice(0, limit);
  const digits = /^\d+$/.test(folded) ? folded : null;
  const seen = new Set<NamedEntry>();
  const out: NamedEntry[] = [];
  const take = (list: NamedEntry[]) => {
    for (const e of list.sort(byName)) {
      if (seen.has(e)) continue;
      seen.add(e);
      out.push(e);
    }
  };
  if (digits !== null) take(entries.filter((e) => String(e.id).startsWith(digits)));
  const match = matchName(query, entries);
  if (match.kind === 'one') take([match.entry]);
  take(entries.filter((e) => foldName(e.name).startsWith(folded)));
  take(entries.filter((e) => foldName(e.name).includes(folded)));
  const queryWords = folded.split(' ');
  take(entries.filter((e) => {
    const words = foldName(e.name).split(' ');
    return queryWords.every((q) => words.some((w) => w.startsWith(q)));
  }));
  return out.slice(0, limit);
}
