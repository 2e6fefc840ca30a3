import { foldName, matchName, type NamedEntry } from '../../../src/domain/names';
import { searchEntries } from '../../../src/services/names';

const b = (id: number, name: string): NamedEntry => ({ kind: 'building', id, name });
const z = (id: number, name: string, building: NamedEntry): NamedEntry => ({ kind: 'zone', id, name, building: { id: building.id, name: building.name } });

const DEMO = b(71, 'DEMO');
const SOUTHWARK = b(104, 'Southwark Works');
const HARBOUR = b(120, 'Harbourfront Centre');
const HARBOURSIDE = b(121, 'Harbourside');
const ZURICH = b(130, 'Zürich Säntis');
const BUILDINGS = [DEMO, SOUTHWARK, HARBOUR, HARBOURSIDE, ZURICH];

describe('foldName', () => {
  it('drops case, accents and punctuation', () => {
    expect(foldName('  Zürich—Säntis / Café ')).toBe('zurich santis cafe');
    expect(foldName('Meeting Room 1.01')).toBe('meeting room 1 01');
  });
});

describe('matchName', () => {
  it('finds a whole name whatever its case or accents', () => {
    expect(matchName('demo', BUILDINGS)).toEqual({ kind: 'one', entry: DEMO });
    expect(matchName('SOUTHWARK works', BUILDINGS)).toEqual({ kind: 'one', entry: SOUTHWARK });
    expect(matchName('zurich santis', BUILDINGS)).toEqual({ kind: 'one', entry: ZURICH });
  });

  it('finds a whole word, and a unique prefix', () => {
    expect(matchName('works', BUILDINGS)).toEqual({ kind: 'one', entry: SOUTHWARK });
    expect(matchName('harbourfront', BUILDINGS)).toEqual({ kind: 'one', entry: HARBOUR });
    expect(matchName('south', BUILDINGS)).toEqual({ kind: 'one', entry: SOUTHWARK });
    expect(matchName('zur', BUILDINGS)).toEqual({ kind: 'one', entry: ZURICH });
  });

  it('prefers an exact name to names that only start with it', () => {
    const list = [b(1, 'Cafe'), b(2, 'Cafe North')];
    expect(matchName('cafe', list)).toEqual({ kind: 'one', entry: list[0] });
  });

  it('offers every candidate of an ambiguous prefix, by name', () => {
    const m = matchName('harb', BUILDINGS);
    expect(m).toEqual({ kind: 'many', entries: [HARBOUR, HARBOURSIDE], total: 2 });
  });

  it('tells equal zone names apart by their buildings', () => {
    const zones = [z(1, 'Cafe', DEMO), z(2, 'Cafe', SOUTHWARK), z(3, 'Open Plan North', SOUTHWARK), z(4, 'Open Plan South', SOUTHWARK)];
    const cafe = matchName('café', zones);
    expect(cafe.kind).toBe('many');
    expect(matchName('open north', zones)).toEqual({ kind: 'one', entry: zones[2] });
    expect(matchName('"open plan"', zones)).toMatchObject({ kind: 'many', total: 2 });
  });

  it('suggests the nearest names when nothing matches', () => {
    const m = matchName('southwork', BUILDINGS);
    expect(m.kind).toBe('none');
    expect(m.kind === 'none' && m.nearest[0]).toEqual(SOUTHWARK);
    const typo = matchName('harbourfornt', BUILDINGS);
    expect(typo.kind === 'none' && typo.nearest[0]).toEqual(HARBOUR);
  });

  it('suggests nothing for words unlike any name', () => {
    expect(matchName('xqzv', BUILDINGS)).toEqual({ kind: 'none', nearest: [] });
    expect(matchName('  ', BUILDINGS)).toEqual({ kind: 'none', nearest: [] });
  });
});

describe('searchEntries (type-ahead)', () => {
  it('lists everything by name for an empty query, up to the limit', () => {
    expect(searchEntries(BUILDINGS, '', 3).map((e) => e.id)).toEqual([71, 120, 121]);
  });
  it('matches prefixes of any word, accents ignored, and ids', () => {
    expect(searchEntries(BUILDINGS, 'wor', 10)).toEqual([SOUTHWARK]);
    expect(searchEntries(BUILDINGS, 'zür', 10)).toEqual([ZURICH]);
    expect(searchEntries(BUILDINGS, '12', 10).map((e) => e.id)).toEqual([120, 121]);
  });
});
