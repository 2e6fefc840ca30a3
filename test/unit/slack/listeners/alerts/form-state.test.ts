import { SUBSCRIBE_FIELDS, type ViewStateValues } from '../../../../../src/slack/blocks';
import {
  backtestInputOf,
  decodeOrigin,
  encodeOrigin,
  formFields,
  groupErrors,
  validateSubscribeSubmission,
} from '../../../../../src/slack/listeners/alerts/form-state';
import { pt } from '../../blocks/helpers';

describe('alert form metadata', () => {
  it('round-trips where the form came from', () => {
    for (const o of [{ id: 7, channel: 'C0FACILITY', home: false }, { id: null, channel: null, home: true }, { id: null, channel: 'D0DM', home: false }]) {
      expect(decodeOrigin(encodeOrigin(o))).toEqual(o);
    }
  });

  it.each([undefined, '', 'not json', '[]', 'null', '5', '{"id":-1,"channel":"<!channel>","home":"yes"}', '{"id":1.5,"channel":"c1"}'])(
    'reads %p as a new rule answered by direct message, as far as it is unreadable',
    (text) => {
      expect(decodeOrigin(text)).toEqual({ id: null, channel: null, home: false });
    },
  );

  it('keeps what is readable and drops the rest', () => {
    expect(decodeOrigin('{"id":3,"channel":"#general","home":true}')).toEqual({ id: 3, channel: null, home: true });
  });

  it("carries the rule's group as an id, and drops anything that is not one", () => {
    const o = { id: null, channel: 'C0FACILITY', home: false, group: '3f6c2a1e-8b4d-4e7a-9c15-2d8e6f1a4b70' };
    expect(decodeOrigin(encodeOrigin(o))).toEqual(o);
    expect(decodeOrigin('{"id":null,"channel":null,"home":false,"group":"Sales"}')).toEqual({ id: null, channel: null, home: false });
    expect(decodeOrigin('{"id":null,"channel":null,"home":false,"group":7}')).toEqual({ id: null, channel: null, home: false });
  });
});

type Parts = Partial<Record<keyof typeof SUBSCRIBE_FIELDS, string | null>>;

function state(parts: Parts): ViewStateValues {
  const values: ViewStateValues = {};
  const set = (key: keyof typeof SUBSCRIBE_FIELDS, entry: Record<string, unknown> & { type: string }) => {
    const f = SUBSCRIBE_FIELDS[key];
    values[f.blockId] = { [f.actionId]: entry };
  };
  const choice = (v: string | null | undefined) => (v ? { text: pt(v), value: v } : null);
  set('scopeKind', { type: 'radio_buttons', selected_option: choice(parts.scopeKind ?? 'building') });
  set('measure', { type: 'radio_buttons', selected_option: choice(parts.measure ?? 'people') });
  set('direction', { type: 'radio_buttons', selected_option: choice(parts.direction ?? 'above') });
  set('granularity', { type: 'radio_buttons', selected_option: choice(parts.granularity ?? 'PT1H') });
  set('destination', { type: 'radio_buttons', selected_option: choice(parts.destination ?? 'dm') });
  set('renotify', { type: 'static_select', selected_option: choice(parts.renotify === undefined ? 'off' : parts.renotify) });
  for (const key of ['scopeId', 'threshold', 'recovery', 'duration'] as const) set(key, { type: 'number_input', value: parts[key] ?? null });
  set('channel', { type: 'conversations_select', selected_conversation: parts.channel ?? null });
  set('quietStart', { type: 'timepicker', selected_time: parts.quietStart ?? null });
  set('quietEnd', { type: 'timepicker', selected_time: parts.quietEnd ?? null });
  if (parts.group !== undefined) set('group', { type: 'static_select', selected_option: parts.group === null ? null : { text: pt('x'), value: parts.group } });
  return values;
}

describe('validateSubscribeSubmission', () => {
  it('reads a rule with the default recovery', () => {
    expect(validateSubscribeSubmission(state({ scopeId: '71', threshold: '110', duration: '2' }))).toEqual({
      ok: true,
      draft: {
        scope: { kind: 'building', id: 71 },
        measure: 'people',
        direction: 'above',
        threshold: 110,
        recovery: 99,
        minDuration: { unit: 'buckets', count: 2 },
        granularity: 'PT1H',
        destination: { kind: 'dm' },
        quietHours: null,
        renotifyMinutes: null,
      },
    });
  });

  it('reads every field', () => {
    const values = state({
      scopeKind: 'zone', scopeId: '5', measure: 'percent', direction: 'below', threshold: '10.5', recovery: '15', duration: '3',
      granularity: 'P1D', destination: 'channel', channel: 'C0FACILITY', quietStart: '22:00', quietEnd: '07:00', renotify: '1440',
    });
    expect(validateSubscribeSubmission(values)).toEqual({
      ok: true,
      draft: {
        scope: { kind: 'zone', id: 5 },
        measure: 'percent',
        direction: 'below',
        threshold: 10.5,
        recovery: 15,
        minDuration: { unit: 'buckets', count: 3 },
        granularity: 'P1D',
        destination: { kind: 'channel', channel: { kind: 'id', id: 'C0FACILITY', name: null } },
        quietHours: { start: '22:00', end: '07:00' },
        renotifyMinutes: 1440,
      },
    });
  });

  it('returns every error keyed by block_id', () => {
    expect(validateSubscribeSubmission(state({ scopeId: '-3', threshold: '0', recovery: 'abc', duration: '0', destination: 'channel', quietStart: '22:00' }))).toEqual({
      ok: false,
      errors: {
        sub_scope_id: 'Pick a building: type part of its name or its id, like 71.',
        sub_threshold: 'Enter a number of people above 0, e.g. 120.',
        sub_recovery: 'Enter a number, or leave it empty for the default.',
        sub_duration: 'Enter a whole number from 1 to 168.',
        sub_channel: 'Pick the channel the alerts go to.',
        sub_quiet_end: 'Give both a start and an end, or neither.',
      },
    });
  });

  it.each([
    [{ threshold: '120', recovery: '130' }, { sub_recovery: 'For an "above" rule the recovery level must be below the threshold (120) and above 0.' }],
    [{ threshold: '120', recovery: '120' }, { sub_recovery: 'For an "above" rule the recovery level must be below the threshold (120) and above 0.' }],
    [{ threshold: '120', recovery: '0' }, { sub_recovery: 'For an "above" rule the recovery level must be below the threshold (120) and above 0.' }],
    [{ direction: 'below', threshold: '10', recovery: '9' }, { sub_recovery: 'For a "below" rule the recovery level must be above the threshold (10).' }],
    [{ measure: 'percent', threshold: '1500' }, { sub_threshold: 'Enter a percentage above 0 and at most 1000, e.g. 80.' }],
    [{ threshold: '1e309' }, { sub_threshold: 'Enter a number of people above 0, e.g. 120.' }],
    [{ threshold: '120', quietStart: '08:00', quietEnd: '08:00' }, { sub_quiet_end: 'Quiet hours need a start and a different end time.' }],
    [{ threshold: '120', renotify: 'often' }, { sub_renotify: 'Pick how often to remind you.' }],
  ])('refuses %j', (parts, errors) => {
    expect(validateSubscribeSubmission(state({ scopeId: '71', duration: '1', ...parts }))).toEqual({ ok: false, errors });
  });
});

describe('formFields', () => {
  it('reads the form as filled in so far, defaults where it is empty', () => {
    expect(formFields(state({ scopeId: 'abc', threshold: '120', duration: '500', renotify: 'often' }))).toEqual({
      scopeKind: 'building',
      scopeId: null,
      measure: 'people',
      direction: 'above',
      threshold: 120,
      recovery: null,
      minBuckets: 168,
      granularity: 'PT1H',
      destination: 'dm',
      channelId: null,
      quietHours: null,
      renotifyMinutes: null,
      scopeTitle: null,
    });
  });

  it('reads the building or zone picked in the menu of the kind shown, with the text the menu showed', () => {
    const picked = (kind: 'building' | 'zone', field: 'scopeBuilding' | 'scopeZone', value: string, text: string): ViewStateValues => {
      const values = state({ scopeKind: kind, threshold: '120', duration: '2' });
      const f = SUBSCRIBE_FIELDS[field];
      values[f.blockId] = { [f.actionId]: { type: 'external_select', selected_option: { text: { ...pt(text), emoji: true }, value } } };
      return values;
    };
    expect(formFields(picked('zone', 'scopeZone', '5', 'Floor 2 · DEMO (5)'))).toMatchObject({ scopeKind: 'zone', scopeId: 5, scopeTitle: 'Floor 2 · DEMO (5)' });
    expect(validateSubscribeSubmission(picked('building', 'scopeBuilding', '104', 'Southwark Works (104)'))).toMatchObject({ ok: true, draft: { scope: { kind: 'building', id: 104 } } });
    // A building left in the building menu does not count once the kind is zone.
    expect(formFields(picked('zone', 'scopeBuilding', '71', 'DEMO (71)'))).toMatchObject({ scopeKind: 'zone', scopeId: null });
    expect(validateSubscribeSubmission(picked('zone', 'scopeBuilding', '71', 'DEMO (71)'))).toMatchObject({ ok: false, errors: { sub_scope_id: 'Pick a zone: type part of its name or its id, like 5.' } });
    expect(formFields(picked('building', 'scopeBuilding', 'not-an-id', 'x'))).toMatchObject({ scopeId: null });
  });

  it('gives the rule to backtest once the id and threshold are there, with a safe recovery', () => {
    const f = formFields(state({ scopeKind: 'zone', scopeId: '5', threshold: '100', recovery: '150', duration: '2', granularity: 'P1D' }));
    expect(backtestInputOf(f)).toEqual({
      scopeKind: 'zone', scopeId: 5, measure: 'people', direction: 'above', threshold: 100, recovery: 90, minDuration: 2, granularity: 'P1D',
    });
    expect(backtestInputOf(formFields(state({ scopeId: '5' })))).toBeNull();
  });
});

describe('the "% of usual" measure', () => {
  it('saves a relative rule counting people, with levels in % of usual', () => {
    const read = validateSubscribeSubmission(state({ scopeId: '71', measure: 'usual', direction: 'below', threshold: '70', duration: '1' }));
    expect(read).toMatchObject({ ok: true, draft: { measure: 'people', thresholdKind: 'relative', direction: 'below', threshold: 70, recovery: 77 } });
  });

  it('keeps it across redraws and backtests it as a relative rule', () => {
    const f = formFields(state({ scopeId: '71', measure: 'usual', threshold: '130' }));
    expect(f.measure).toBe('usual');
    expect(backtestInputOf(f)).toMatchObject({ measure: 'people', thresholdKind: 'relative', threshold: 130, recovery: 117 });
  });

  it('refuses a share above 1000% in words about the usual level', () => {
    const read = validateSubscribeSubmission(state({ scopeId: '71', measure: 'usual', threshold: '1500', duration: '1' }));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors[SUBSCRIBE_FIELDS.threshold.blockId]).toBe('Enter a percentage of the usual level above 0 and at most 1000, e.g. 130.');
  });
});

describe('the Group menu', () => {
  const ENGINEERING = '3f6c2a1e-8b4d-4e7a-9c15-2d8e6f1a4b70';
  const LISTED = [{ id: '00000000-0000-0000-0000-000000000000' }, { id: ENGINEERING }];
  const rule = { scopeId: '71', threshold: '110', duration: '2' };

  it('puts the picked group in the draft and in the form redrawn; no menu, no group', () => {
    const picked = validateSubscribeSubmission(state({ ...rule, group: ENGINEERING }));
    expect(picked.ok && picked.draft.group).toBe(ENGINEERING);
    expect(formFields(state({ ...rule, group: ENGINEERING })).groupId).toBe(ENGINEERING);
    const none = validateSubscribeSubmission(state(rule));
    expect(none.ok && 'group' in none.draft).toBe(false);
    expect('groupId' in formFields(state(rule))).toBe(false);
    // A menu with nothing picked (Slack sends null) says nothing of groups either.
    const unpicked = validateSubscribeSubmission(state({ ...rule, group: null }));
    expect(unpicked.ok && 'group' in unpicked.draft).toBe(false);
  });

  it('refuses a value that could be no group under the menu', () => {
    expect(validateSubscribeSubmission(state({ ...rule, group: '' }))).toEqual({ ok: false, errors: { sub_group: 'Pick one of the groups in the menu.' } });
    expect(validateSubscribeSubmission(state({ ...rule, group: 'x'.repeat(81) }))).toMatchObject({ ok: false, errors: { sub_group: expect.any(String) } });
  });

  it('refuses, under the menu, a group InnerSpace does not list', () => {
    const forged = validateSubscribeSubmission(state({ ...rule, group: 'c0c0c0c0-0000-4000-8000-000000000000' }));
    if (!forged.ok) throw new Error('a well-formed id passes the form');
    expect(groupErrors(forged.draft, LISTED)).toEqual({ sub_group: 'Pick one of the groups in the menu: that one is not a group InnerSpace lists.' });
    const listed = validateSubscribeSubmission(state({ ...rule, group: ENGINEERING }));
    if (!listed.ok) throw new Error('a listed id passes the form');
    expect(groupErrors(listed.draft, LISTED)).toBeNull();
  });
});
