import { parseCommand } from '../../../../src/slack/parser';
import { nameSlotsOf } from '../../../../src/slack/parser/names';
import { decodeCompareValue, encodeCompareValue } from '../../../../src/slack/blocks/values';
import { lookingUpText } from '../../../../src/slack/blocks/help';
import { lookingUpNames, readCommand } from '../../../../src/slack/listeners/occupancy/names';

describe('compare', () => {
  it('reads two to six buildings, then a date or a range', () => {
    expect(parseCommand('compare 71 104')).toEqual({ kind: 'compare', scope: null, ids: [71, 104], date: null, range: null });
    expect(parseCommand('compare 71 vs 104 yesterday')).toEqual({ kind: 'compare', scope: null, ids: [71, 104], date: { form: 'yesterday', text: 'yesterday' }, range: null });
    expect(parseCommand('compare zones 71001 71002 last week')).toEqual({
      kind: 'compare', scope: 'zone', ids: [71001, 71002], date: null, range: { text: 'last week', spec: { form: 'last_week' } },
    });
    expect(parseCommand('Compare buildings 71 104 118 131 2026-10-01..2026-11-20')).toMatchObject({ scope: 'building', ids: [71, 104, 118, 131], range: { text: '2026-10-01..2026-11-20' } });
  });

  it('refuses one subject, more than six, the same one twice, a granularity, and words after the date', () => {
    const refusal = (text: string) => {
      const p = parseCommand(text);
      if (p.kind !== 'error') throw new Error(`not refused: ${text}`);
      return p;
    };
    expect(refusal('compare 71').message).toContain('needs two to 6 buildings, and I got only building 71');
    expect(refusal('compare').reason).toBe('missing_argument');
    const seven = refusal('compare 1 2 3 4 5 6 7');
    expect(seven.reason).toBe('too_many');
    expect(seven.message).toContain("That's 7 buildings; I compare up to 6 at a time.");
    expect(refusal('compare 71 104 71').message).toContain('You named building 71 twice.');
    expect(refusal('compare zones 71001 71001').message).toContain('You named zone 71001 twice.');
    expect(refusal('compare 71 104 PT15M').message).toContain('leave the granularity out');
    expect(refusal('compare 71 104 group sales').message).toBe(
      'I didn\'t understand "group" after `compare`. A comparison reads everyone; a group is asked for one building or zone, e.g. `/occupancy building 71 yesterday group Sales`.',
    );
    expect(refusal('compare 71 yesterday 104').message).toContain('Name the buildings first and the date or range last');
    expect(refusal('compare 71 104 yesterday last week').message).toContain('a range and a date');
    expect(refusal('compare 71 104 2025-13-40').message).toContain("isn't a date I understand");
  });

  it('finds a name in each subject that is not an id, quoted for spaces, and lets a name stand for a zone', () => {
    const { slots } = nameSlotsOf('compare DEMO "Southwark Works" 118 vs whitefield last week');
    expect(slots.map((s) => [s.text, s.kind, s.orZone])).toEqual([
      ['DEMO', 'building', true],
      ['Southwark Works', 'building', true],
      ['whitefield', 'building', true],
    ]);
    expect(nameSlotsOf('compare zones "open plan north" canteen').slots.map((s) => [s.text, s.kind, s.orZone])).toEqual([
      ['open plan north', 'zone', undefined],
      ['canteen', 'zone', undefined],
    ]);
  });

  it('carries who and when in button values, and refuses values it did not write', () => {
    const v = { compare: 'building' as const, ids: [71, 104], date: '2026-11-23' };
    expect(decodeCompareValue(encodeCompareValue(v))).toEqual(v);
    const r = { compare: 'zone' as const, ids: [71001, 71002], range: { from: '2026-11-16', to: '2026-11-22', unit: 'week' as const } };
    expect(decodeCompareValue(encodeCompareValue(r))).toEqual(r);
    expect(decodeCompareValue(encodeCompareValue({ compare: 'building', ids: [71, 104] }))).toEqual({ compare: 'building', ids: [71, 104] });
    for (const bad of ['{"compare":"building","ids":[71]}', '{"compare":"building","ids":[71,71]}', '{"compare":"site","ids":[1,2]}', '{"compare":"building","ids":[1,2,3,4,5,6,7]}', '{"compare":"building","ids":[1,2],"date":"2026-02-30"}', 'nonsense']) {
      expect(decodeCompareValue(bad)).toBeNull();
    }
  });

  it('says what it is comparing while a slow answer is on its way, names as typed', () => {
    const named = readCommand('compare 71 "Southwark Works" whitefield yesterday');
    expect(named.parsed.kind).toBe('compare');
    expect(lookingUpNames(named, null)).toBe('Comparing 71, `Southwark Works`, `whitefield`…');
    const ids = readCommand('compare zones 71001 71002');
    expect(lookingUpNames(ids, lookingUpText(ids.parsed))).toBe('Comparing zones 71001, 71002…');
  });
});
