import { buildBuildingsMessage, buildHelpMessage, buildUnknownWordMessage, lookingUpText } from '../../../../src/slack/blocks';
import { buildGroupsMessage } from '../../../../src/slack/blocks/groups';
import { parseCommand } from '../../../../src/slack/parser';
import { contextBlock, headerBlock, sectionBlock } from './helpers';

const HELP_BLOCKS = [
  headerBlock('📊 /occupancy'),
  sectionBlock("Occupancy from InnerSpace, published nightly: every answer covers a complete day in the building's own time zone."),
  sectionBlock(
    [
      '*Look things up*',
      '`/occupancy buildings` — the buildings you can see, with ids and time zones',
      '`/occupancy building 71` — the latest published day of building 71',
      '`/occupancy building 71 monday PT15M` — a given day, in 15-minute buckets (`PT15M`, `PT1H`, `P1D`)',
      '`/occupancy zone 71001 2026-11-20` — one zone on a date',
      '`/occupancy building 71 last week` — a range by day: `this week`, `last 7 days`, `last 4 weeks`, `this month`, `last month`, `2026-10-01..2026-11-20`',
      '`/occupancy zones 71 yesterday` — the busiest zones of building 71',
      '`/occupancy compare 71 104 last week` — up to 6 buildings side by side on a day or a range (`compare zones 71001 71002` for zones)',
      '`/occupancy building 71 yesterday group Engineering` — one group (a department) instead of everyone; `/occupancy groups` lists them',
    ].join('\n'),
  ),
  sectionBlock(
    [
      '*Digests*',
      '`/occupancy digest` — set one up in a form',
      '`/occupancy digest add building 71 building 104 at 08:00 weekdays in Europe/London #facilities`',
      '`/occupancy digest add building 71 weekly on monday at 09:00` — last week’s summary every Monday',
      '`/occupancy digest history 1` — its last runs: sent, late, skipped or failed, and why · `digest preview 1` — what the channel would get, shown only to you',
      '`/occupancy digest list` · `digest send 1` · `digest pause 1` · `digest resume 1` · `digest remove 1`',
    ].join('\n'),
  ),
  sectionBlock(
    [
      '*Alerts*',
      '`/occupancy subscribe` — set one up in a form',
      '`/occupancy subscribe building 71 above 120 for 2h recover below 100 #facilities`',
      '`/occupancy subscribe zone 71001 below 10% daily me`',
      '`/occupancy subscribe building 71 above 130% of usual for 2h` — compared with the same weekday and hour over the last 4 weeks',
      '`/occupancy subscriptions` · `/occupancy unsubscribe 1`',
    ].join('\n'),
  ),
  contextBlock('Dates: `today`, `yesterday`, `2025-11-20`, or a weekday for the last one. Granularity: `PT15M`, `PT1H` (default) or `P1D`.'),
];

describe('buildHelpMessage', () => {
  it('shows usage with an example of every subcommand', () => {
    expect(buildHelpMessage()).toEqual({ text: 'Try `/occupancy building 71` or `/occupancy buildings`.', blocks: HELP_BLOCKS });
  });

  it('leads with what was not understood, escaped', () => {
    expect(buildHelpMessage({ unknown: { word: '<!channel>' } })).toEqual({
      text: "I didn't understand `&lt;!channel&gt;`. Try `/occupancy building 71` or `/occupancy buildings`.",
      blocks: [sectionBlock("I didn't understand `&lt;!channel&gt;`. Here is what works:"), ...HELP_BLOCKS],
    });
  });

  it("takes the parser's sentence, suggestion included", () => {
    const parsed = parseCommand('buidling 71');
    if (parsed.kind !== 'unknown') throw new Error('expected unknown');
    const msg = buildHelpMessage({ unknown: parsed });
    expect(msg.blocks[0]).toEqual(sectionBlock("I didn't understand `buidling`. Did you mean `building`? Here is what works:"));
  });
});

describe('buildUnknownWordMessage', () => {
  const unknown = (text: string) => {
    const parsed = parseCommand(text);
    if (parsed.kind !== 'unknown') throw new Error('expected unknown');
    return buildUnknownWordMessage(parsed);
  };

  it('offers the nearest command as typed, and points to help instead of printing it', () => {
    expect(unknown('buildng 71 monday')).toEqual({
      text: "I didn't understand `buildng`. Did you mean `building`? Try `/occupancy building 71 monday`. `/occupancy help` shows everything I can do.",
      blocks: [
        sectionBlock("I didn't understand `buildng`. Did you mean `building`? Try `/occupancy building 71 monday`."),
        contextBlock('`/occupancy help` shows everything I can do.'),
      ],
    });
  });

  it('says only what was not understood when nothing is near, escaped', () => {
    expect(unknown('<!channel> 71')).toEqual({
      text: "I didn't understand `&lt;!channel&gt;`. `/occupancy help` shows everything I can do.",
      blocks: [sectionBlock("I didn't understand `&lt;!channel&gt;`."), contextBlock('`/occupancy help` shows everything I can do.')],
    });
    expect(JSON.stringify(unknown('buildng <!here>'))).not.toContain('<!here>');
  });
});

describe('buildBuildingsMessage', () => {
  it('lists ids, names and time zones by id', () => {
    expect(
      buildBuildingsMessage({
        buildings: [
          { id: 71, name: 'DEMO building', timeZone: 'America/Toronto' },
          { id: 12, name: 'Harbour <office>', timeZone: 'Europe/London' },
        ],
      }),
    ).toEqual({
      text: '2 buildings: Harbour &lt;office&gt; (12), DEMO building (71)',
      blocks: [
        headerBlock('🏢 Buildings you can see'),
        sectionBlock('*12* · Harbour &lt;office&gt; · Europe/London\n*71* · DEMO building · America/Toronto'),
        contextBlock("`/occupancy building &lt;id&gt;` shows a building's latest day."),
      ],
    });
  });

  it('says so when there are none', () => {
    expect(buildBuildingsMessage({ buildings: [] })).toEqual({
      text: "I can't see any buildings with these credentials.",
      blocks: [
        headerBlock('🏢 Buildings you can see'),
        sectionBlock("I can't see any buildings with these credentials. Ask whoever runs this bot to check its InnerSpace group."),
      ],
    });
  });
});

describe('lookingUpText', () => {
  it.each([
    ['building 71', 'Looking up building 71…'],
    ['zone 5 monday', 'Looking up zone 5…'],
    ['zones 71', 'Looking up the zones of building 71…'],
    ['buildings', 'Looking up your buildings…'],
    ['subscriptions', 'Looking up your subscriptions…'],
    ['unsubscribe 7', 'Removing subscription #7…'],
    ['subscribe building 71 above 120', 'Setting up your alert…'],
    ['digest add building 71', 'Setting up the digest…'],
    ['digest list', "Looking up this channel's digests…"],
    ['digest send 3', 'Sending digest #3…'],
    ['digest remove 3', 'Removing digest #3…'],
    ['digest pause 3', 'Pausing digest #3…'],
    ['digest resume 3', 'Resuming digest #3…'],
    ['help', null],
    ['digest', null],
    ['subscribe', null],
    ['foo', null],
    ['building x', null],
  ])('%j -> %j', (text, expected) => {
    expect(lookingUpText(parseCommand(text))).toBe(expected);
  });
});

describe('buildGroupsMessage', () => {
  it('lists the groups by name, marks the default, and shows how to ask for one', () => {
    const msg = buildGroupsMessage({
      groups: [
        { id: '00000000-0000-0000-0000-000000000000', name: 'Everyone', isDefault: true },
        { id: '5b2e7d90-1c4a-4f63-a8e2-9d07c6b13f25', name: 'Customer <Success>', isDefault: false },
      ],
    });
    expect(msg).toEqual({
      text: '2 groups: Everyone, Customer &lt;Success&gt;',
      blocks: [
        headerBlock('👥 Groups'),
        sectionBlock('• Everyone _(the default: answers without `group` read it)_\n• Customer &lt;Success&gt;'),
        contextBlock('Add `group &lt;name&gt;` to an answer, a digest or an alert, e.g. `/occupancy building 71 group "Customer &lt;Success&gt;"`.'),
      ],
    });
  });
});
