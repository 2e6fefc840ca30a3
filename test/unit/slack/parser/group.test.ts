import { parseCommand, type ParsedCommand } from '../../../../src/slack/parser';

describe('parseCommand: `group <name>` on answers', () => {
  const valid: [string, ParsedCommand][] = [
    ['building 71 group Engineering', { kind: 'building', id: 71, date: null, granularity: 'PT1H', group: { text: 'Engineering' } }],
    ['building 71 GROUP sales yesterday', { kind: 'building', id: 71, date: { form: 'yesterday', text: 'yesterday' }, granularity: 'PT1H', group: { text: 'sales' } }],
    ['building 71 yesterday group customer success PT15M', { kind: 'building', id: 71, date: { form: 'yesterday', text: 'yesterday' }, granularity: 'PT15M', group: { text: 'customer success' } }],
    ['building 71 group "Customer Success" monday', { kind: 'building', id: 71, date: { form: 'weekday', text: 'monday', weekday: 1 }, granularity: 'PT1H', group: { text: 'Customer Success' } }],
    ['building 71 group “Opérations”', { kind: 'building', id: 71, date: null, granularity: 'PT1H', group: { text: 'Opérations' } }],
    ['building 71 group 3f6c2a1e-8b4d-4e7a-9c15-2d8e6f1a4b70', { kind: 'building', id: 71, date: null, granularity: 'PT1H', group: { text: '3f6c2a1e-8b4d-4e7a-9c15-2d8e6f1a4b70' } }],
    ['zone 5 group sales 2025-11-20', { kind: 'zone', id: 5, date: { form: 'iso', text: '2025-11-20' }, granularity: 'PT1H', group: { text: 'sales' } }],
    ['zones 71 group sales', { kind: 'zones', buildingId: 71, date: null, group: { text: 'sales' } }],
    ['zones 71 yesterday group sales', { kind: 'zones', buildingId: 71, date: { form: 'yesterday', text: 'yesterday' }, group: { text: 'sales' } }],
    ['building 71 last week group engineering', { kind: 'range', scope: 'building', id: 71, range: { text: 'last week', spec: { form: 'last_week' } }, group: { text: 'engineering' } }],
    ['building 71 group engineering last 4 weeks', { kind: 'range', scope: 'building', id: 71, range: { text: 'last 4 weeks', spec: { form: 'last_days', days: 28 } }, group: { text: 'engineering' } }],
    ['groups', { kind: 'groups' }],
  ];

  it.each(valid)('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('leaves the group out when none is named, so the default is read', () => {
    expect(parseCommand('building 71')).not.toHaveProperty('group');
  });

  const invalid: [string, string, string][] = [
    ['building 71 group', 'missing_argument', 'Say which group after `group`, e.g. `group Engineering`. `/occupancy groups` lists the groups.'],
    ['building 71 group yesterday', 'missing_argument', 'Say which group after `group`, e.g. `group Engineering`. `/occupancy groups` lists the groups.'],
    ['building 71 group ""', 'missing_argument', 'Say which group after `group`, e.g. `group Engineering`. `/occupancy groups` lists the groups.'],
    ['building 71 group sales group engineering', 'duplicate_argument', 'You gave two groups ("sales" and "engineering"). Give one group, e.g. `/occupancy building 71 group sales`.'],
    ['zones 71 group a group b', 'duplicate_argument', 'You gave two groups ("a" and "b"). Give one group. `/occupancy groups` lists the groups.'],
    ['groups sales', 'unexpected_argument', 'I didn\'t understand "sales" after `groups`. `/occupancy groups` takes nothing after it.'],
  ];

  it.each(invalid)('%j → %s', (text, reason, message) => {
    expect(parseCommand(text)).toEqual({ kind: 'error', reason, message });
  });

  it('refuses a group name longer than any', () => {
    const parsed = parseCommand(`building 71 group "${'x'.repeat(90)}"`);
    expect(parsed).toMatchObject({ kind: 'error', reason: 'unexpected_argument' });
    expect((parsed as { message: string }).message).toContain('longer than any group name');
  });

  it('escapes a group name echoed back', () => {
    const parsed = parseCommand('building 71 group sales group <b>');
    expect((parsed as { message: string }).message).toContain('&lt;b&gt;');
  });
});

describe('parseCommand: `digest add … group <name>`', () => {
  const draftOf = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.kind !== 'digest' || parsed.action !== 'add') throw new Error(`expected a digest add: ${JSON.stringify(parsed)}`);
    return parsed.draft;
  };

  it('reads the group wherever it stands, up to the next word of the grammar', () => {
    expect(draftOf('digest add building 71 group sales at 08:00')).toMatchObject({ buildingIds: [71], time: '08:00', group: 'sales' });
    expect(draftOf('digest add group customer success building 71 weekdays')).toMatchObject({ buildingIds: [71], group: 'customer success' });
    expect(draftOf('digest add building 71 at 08:00 group "Customer Success" #facilities')).toMatchObject({
      group: 'Customer Success',
      channel: { kind: 'name', name: 'facilities' },
    });
  });

  it('has no group when none is named', () => {
    expect(draftOf('digest add building 71')).not.toHaveProperty('group');
  });

  it('refuses a missing or second group', () => {
    expect(parseCommand('digest add building 71 group')).toMatchObject({ kind: 'error', reason: 'missing_argument' });
    expect(parseCommand('digest add building 71 group a group b')).toEqual({
      kind: 'error',
      reason: 'duplicate_argument',
      message: 'You gave two groups ("a" and "b"). A digest reads one group.',
    });
  });
});

describe('parseCommand: `subscribe … group <name>`', () => {
  const draftOf = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.kind !== 'subscribe' || parsed.action !== 'add') throw new Error(`expected a subscribe add: ${JSON.stringify(parsed)}`);
    return parsed.draft;
  };

  it('reads the group among the clauses, up to the next word of the grammar', () => {
    expect(draftOf('subscribe building 71 above 120 group engineering')).toMatchObject({ threshold: 120, group: 'engineering' });
    expect(draftOf('subscribe building 71 group customer success above 80% for 2h')).toMatchObject({ measure: 'percent', threshold: 80, group: 'customer success' });
    expect(draftOf('subscribe zone 5 below 10 group "Customer Success" daily me')).toMatchObject({ granularity: 'P1D', destination: { kind: 'dm' }, group: 'Customer Success' });
    expect(draftOf('subscribe building 71 above 120')).not.toHaveProperty('group');
  });

  it('refuses a missing or second group', () => {
    expect(parseCommand('subscribe building 71 above 120 group')).toMatchObject({ kind: 'error', reason: 'missing_argument' });
    expect(parseCommand('subscribe building 71 above 120 group a group b')).toEqual({
      kind: 'error',
      reason: 'duplicate_argument',
      message: 'You gave two groups ("a" and "b"). A rule watches one group.',
    });
  });
});
