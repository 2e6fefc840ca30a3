import { DIGEST_FIELDS, type ViewStateValues } from '../../../../../src/slack/blocks';
import { decodeFormMeta, encodeFormMeta, validateDigestSubmission } from '../../../../../src/slack/listeners/digests/form';
import { pt } from '../../blocks/helpers';

describe('digest form metadata', () => {
  it('round-trips what the bot wrote', () => {
    expect(decodeFormMeta(encodeFormMeta({ origin: 'C0FACILITY', digestId: 3 }))).toEqual({ origin: 'C0FACILITY', digestId: 3 });
    expect(decodeFormMeta(encodeFormMeta({ origin: null, digestId: null }))).toEqual({ origin: null, digestId: null });
  });

  it.each([
    undefined, '', 'not json', '[]', 'null', '{"origin":"C1","digestId":null}', '{"v":2,"origin":"C1","digestId":null}',
    '{"v":1,"origin":"<!channel>","digestId":null}', '{"v":1,"origin":"C1","digestId":-4}', '{"v":1,"origin":"C1","digestId":"3"}',
    '{"v":1,"origin":"C1","digestId":1.5}', `{"v":1,"origin":"C1","digestId":null,"pad":"${'x'.repeat(3000)}"}`,
  ])('refuses %p', (text) => {
    expect(decodeFormMeta(text)).toBeNull();
  });
});

function state(parts: {
  channel?: string | null;
  buildings?: { selected?: string[]; text?: string; more?: string };
  time?: string | null;
  days?: string[];
  zone?: string;
  content?: string[];
  skip?: boolean;
  cadence?: 'daily' | 'weekly';
}): ViewStateValues {
  const F = DIGEST_FIELDS;
  const sel = (values: string[]) => values.map((value) => ({ text: pt(value), value }));
  return {
    [F.channel.blockId]: { [F.channel.actionId]: { type: 'conversations_select', selected_conversation: parts.channel ?? null } },
    [F.buildings.blockId]: {
      [F.buildings.actionId]: parts.buildings?.selected
        ? { type: 'multi_static_select', selected_options: sel(parts.buildings.selected) }
        : { type: 'plain_text_input', value: parts.buildings?.text ?? null },
    },
    ...(parts.buildings?.more !== undefined
      ? { [F.moreBuildings.blockId]: { [F.moreBuildings.actionId]: { type: 'plain_text_input', value: parts.buildings.more } } }
      : {}),
    ...(parts.cadence ? { [F.cadence.blockId]: { [F.cadence.actionId]: { type: 'radio_buttons', selected_option: { text: pt(parts.cadence), value: parts.cadence } } } } : {}),
    [F.time.blockId]: { [F.time.actionId]: { type: 'timepicker', selected_time: parts.time ?? null } },
    [F.days.blockId]: { [F.days.actionId]: { type: 'checkboxes', selected_options: sel(parts.days ?? []) } },
    [F.timeZone.blockId]: { [F.timeZone.actionId]: { type: 'plain_text_input', value: parts.zone ?? null } },
    [F.content.blockId]: { [F.content.actionId]: { type: 'checkboxes', selected_options: sel(parts.content ?? []) } },
    [F.options.blockId]: { [F.options.actionId]: { type: 'checkboxes', selected_options: sel(parts.skip ? ['skipWhenNoData'] : []) } },
  };
}

describe('validateDigestSubmission', () => {
  it('past 100 buildings: takes the listed ones and the ids typed beside the list, once each', () => {
    const result = validateDigestSubmission(state({ channel: 'C1', buildings: { selected: ['7', '71'], more: '120, 7;150' }, time: '08:00', days: ['1'] }));
    expect(result).toMatchObject({ ok: true, draft: { buildingIds: [7, 71, 120, 150] } });
    const typedOnly = validateDigestSubmission(state({ channel: 'C1', buildings: { selected: [], more: '120' }, time: '08:00', days: ['1'] }));
    expect(typedOnly).toMatchObject({ ok: true, draft: { buildingIds: [120] } });
  });

  it('past 100 buildings: a bad typed id is refused under its own field, and none at all under the list', () => {
    expect(validateDigestSubmission(state({ channel: 'C1', buildings: { selected: ['7'], more: '120, x' }, time: '08:00', days: ['1'] }))).toEqual({
      ok: false,
      errors: { digest_more_buildings: 'Building ids are whole numbers like 71, separated by commas ("x" isn\'t one).' },
    });
    expect(validateDigestSubmission(state({ channel: 'C1', buildings: { selected: [], more: ' ' }, time: '08:00', days: ['1'] }))).toEqual({
      ok: false,
      errors: { digest_buildings: 'Pick at least one building.' },
    });
  });

  it('reads a complete submission into a draft', () => {
    const values = state({ channel: 'C0FACILITY', buildings: { selected: ['71', '12', '71'] }, time: '07:30', days: ['5', '1'], zone: ' europe/london ', content: ['chart', 'weekOverWeek'], skip: true });
    expect(validateDigestSubmission(values)).toEqual({
      ok: true,
      draft: {
        buildingIds: [71, 12],
        time: '07:30',
        days: [1, 5],
        cadence: 'daily',
        timeZone: 'Europe/London',
        channel: { kind: 'id', id: 'C0FACILITY', name: null },
        options: { chart: true, topZones: false, perFloor: false, weekOverWeek: true, skipWhenNoData: true },
      },
    });
  });

  it('reads "Send me a preview" as a wish for this submission, not a stored option', () => {
    const values = state({ channel: 'C1', buildings: { text: '71' }, time: '08:00', days: ['1'] });
    const F = DIGEST_FIELDS;
    values[F.options.blockId] = { [F.options.actionId]: { type: 'checkboxes', selected_options: [{ value: 'preview', text: { type: 'plain_text', text: 'preview' } }] } };
    const result = validateDigestSubmission(values);
    expect(result).toMatchObject({ ok: true, preview: true, draft: { options: { skipWhenNoData: false } } });
    expect(validateDigestSubmission(state({ channel: 'C1', buildings: { text: '71' }, time: '08:00', days: ['1'] }))).not.toHaveProperty('preview');
  });

  it('reads a weekly digest on one day, and refuses one on none or several under the days', () => {
    const base = { channel: 'C1', buildings: { text: '71' }, time: '09:00', cadence: 'weekly' } as const;
    expect(validateDigestSubmission(state({ ...base, days: ['1'] }))).toMatchObject({ ok: true, draft: { cadence: 'weekly', days: [1] } });
    expect(validateDigestSubmission(state({ ...base, days: ['1', '3'] }))).toEqual({
      ok: false,
      errors: { digest_days: 'A weekly digest goes out on one day of the week: tick just one.' },
    });
    expect(validateDigestSubmission(state({ ...base, days: [] }))).toEqual({ ok: false, errors: { digest_days: 'Tick the day the weekly digest goes out.' } });
    // A form drawn before the choice existed reads as daily.
    expect(validateDigestSubmission(state({ ...base, cadence: undefined, days: ['1', '3'] }))).toMatchObject({ ok: true, draft: { cadence: 'daily', days: [1, 3] } });
  });

  it('reads ids typed as text and an empty zone as the first building\'s', () => {
    const result = validateDigestSubmission(state({ channel: 'C1', buildings: { text: '71, 12;9 ' }, time: '08:00', days: ['1'] }));
    expect(result).toMatchObject({ ok: true, draft: { buildingIds: [71, 12, 9], timeZone: null } });
  });

  it('returns every error keyed by block_id', () => {
    expect(validateDigestSubmission(state({ buildings: { text: '71, <!channel>' }, time: null, zone: 'Mars/Olympus' }))).toEqual({
      ok: false,
      errors: {
        digest_channel: 'Pick the channel the digest goes to.',
        digest_buildings: 'Building ids are whole numbers like 71, separated by commas ("<!channel>" isn\'t one).',
        digest_time: 'Pick a time, such as 08:00.',
        digest_days: 'Pick at least one day.',
        digest_time_zone: '"Mars/Olympus" isn\'t a time zone I know. Use an IANA name such as America/Toronto.',
      },
    });
  });

  it.each([
    [{ text: '' }, 'Pick at least one building.'],
    [{ text: '0' }, 'Building ids are whole numbers like 71, separated by commas ("0" isn\'t one).'],
    [{ text: '٧١' }, 'Building ids are whole numbers like 71, separated by commas ("٧١" isn\'t one).'],
    [{ text: Array.from({ length: 26 }, (_, i) => i + 1).join(',') }, 'A digest can cover up to 25 buildings.'],
  ])('refuses buildings %j', (buildings, error) => {
    expect(validateDigestSubmission(state({ channel: 'C1', buildings, time: '08:00', days: ['1'] }))).toEqual({ ok: false, errors: { digest_buildings: error } });
  });
});
