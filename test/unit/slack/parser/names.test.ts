import { nameSlotsOf, withIds } from '../../../../src/slack/parser/names';
import { tokenize } from '../../../../src/slack/parser';

const slotsOf = (text: string) => nameSlotsOf(text).slots.map(({ kind, text: t }) => ({ kind, text: t }));
const filled = (text: string, ids: (number | null)[]) => {
  const { tokens, slots } = nameSlotsOf(text);
  return withIds(tokens, slots, ids);
};

describe('names in commands', () => {
  it('keeps a quoted name as one word', () => {
    expect(tokenize('zone "open desks north" yesterday')).toEqual(['zone', '"open desks north"', 'yesterday']);
    expect(tokenize('zone “open desks” PT15M')).toEqual(['zone', '“open desks”', 'PT15M']);
  });

  it('reads unquoted names up to the next word of the grammar', () => {
    expect(slotsOf('building DEMO')).toEqual([{ kind: 'building', text: 'DEMO' }]);
    expect(slotsOf('building Southwark Works yesterday')).toEqual([{ kind: 'building', text: 'Southwark Works' }]);
    expect(slotsOf('building Southwark Works 2026-11-20 PT15M')).toEqual([{ kind: 'building', text: 'Southwark Works' }]);
    expect(slotsOf('zone Meeting Room 1.01 monday')).toEqual([{ kind: 'zone', text: 'Meeting Room 1.01' }]);
    expect(slotsOf('zone "open desks north"')).toEqual([{ kind: 'zone', text: 'open desks north' }]);
    expect(slotsOf('zones southwark')).toEqual([{ kind: 'building', text: 'southwark' }]);
    expect(slotsOf('building DEMO last week')).toEqual([{ kind: 'building', text: 'DEMO' }]);
  });

  it('leaves ids, and things that try to be ids, to the parser', () => {
    for (const text of ['building 71', 'building -3', 'building 1.5', 'zone ٧١', 'building', 'building yesterday', 'buildings', 'help', 'digest list']) {
      expect(slotsOf(text)).toEqual([]);
    }
  });

  it('finds names in digest add and subscribe', () => {
    expect(slotsOf('digest add building DEMO building Southwark Works at 08:00 weekdays #facilities')).toEqual([
      { kind: 'building', text: 'DEMO' },
      { kind: 'building', text: 'Southwark Works' },
    ]);
    expect(slotsOf('digest add building 71 building demo')).toEqual([{ kind: 'building', text: 'demo' }]);
    expect(slotsOf('subscribe zone Open Plan North above 80% for 2h')).toEqual([{ kind: 'zone', text: 'Open Plan North' }]);
    expect(slotsOf('subscribe building demo above 120 me')).toEqual([{ kind: 'building', text: 'demo' }]);
  });

  it('writes the command again with ids, keeping unresolved names quoted', () => {
    expect(filled('building Southwark Works yesterday', [104])).toBe('building 104 yesterday');
    expect(filled('digest add building DEMO building Southwark Works at 08:00', [71, null])).toBe('digest add building 71 building "Southwark Works" at 08:00');
    expect(filled('zone "open plan" PT15M', [104005])).toBe('zone 104005 PT15M');
    // A command written again reads the same names again.
    expect(slotsOf(filled('digest add building DEMO building Southwark Works at 08:00', [null, null]))).toEqual([
      { kind: 'building', text: 'DEMO' },
      { kind: 'building', text: 'Southwark Works' },
    ]);
  });
});
