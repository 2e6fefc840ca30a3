import {
  decodeIdValue,
  decodeReportValue,
  decodeSnoozeValue,
  echo,
  echoQuoted,
  encodeIdValue,
  encodeReportValue,
  encodeSnoozeValue,
  escapeMrkdwn,
} from '../../../../src/slack/blocks';
import { fitMrkdwn, truncate } from '../../../../src/slack/blocks/mrkdwn';

describe('button values', () => {
  it('round-trips report state', () => {
    const v = { kind: 'zones', id: 71, date: '2025-11-25', granularity: 'PT15M' } as const;
    expect(encodeReportValue(v)).toBe('{"kind":"zones","id":71,"date":"2025-11-25","granularity":"PT15M"}');
    expect(decodeReportValue(encodeReportValue(v))).toEqual(v);
  });

  it.each([
    [undefined],
    [''],
    ['not json'],
    ['[]'],
    ['{"kind":"floor","id":71,"date":"2025-11-25","granularity":"PT1H"}'],
    ['{"kind":"building","id":0,"date":"2025-11-25","granularity":"PT1H"}'],
    ['{"kind":"building","id":1.5,"date":"2025-11-25","granularity":"PT1H"}'],
    ['{"kind":"building","id":71,"date":"2025-02-30","granularity":"PT1H"}'],
    ['{"kind":"building","id":71,"date":"2025-11-25","granularity":"P1W"}'],
    [`{"kind":"building","id":71,"date":"2025-11-25","granularity":"PT1H","pad":"${'x'.repeat(2000)}"}`],
  ])('refuses report value %j', (value) => {
    expect(decodeReportValue(value)).toBeNull();
  });

  it('round-trips ids and snoozes, refusing anything else', () => {
    expect(decodeIdValue(encodeIdValue(7))).toBe(7);
    expect(decodeIdValue('{"id":-7}')).toBeNull();
    expect(decodeIdValue('{"id":"7"}')).toBeNull();
    expect(decodeSnoozeValue(encodeSnoozeValue({ id: 7, snooze: 'P1W' }))).toEqual({ id: 7, snooze: 'P1W' });
    expect(decodeSnoozeValue('{"id":7,"snooze":"P1Y"}')).toBeNull();
    expect(decodeSnoozeValue(null)).toBeNull();
  });
});

describe('text hygiene', () => {
  it('escapes the three control characters only', () => {
    expect(escapeMrkdwn('<!channel> & <@U1> *bold* "q"')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; *bold* "q"');
  });

  it('echoes what the user typed, harmlessly and briefly', () => {
    expect(echo('&lt;!here&gt;')).toBe('&lt;!here&gt;');
    expect(echo('a\n`b`\tc')).toBe("a 'b' c");
    expect(echo('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`);
  });

  it('quotes a value shown back, as code when Slack would format it', () => {
    expect(echoQuoted('2025-13-40')).toBe('"2025-13-40"');
    // In quotes these would render bold, italic and struck through: no escape exists for them.
    expect(echoQuoted('*bold*')).toBe('`*bold*`');
    expect(echoQuoted('_x_')).toBe('`_x_`');
    expect(echoQuoted('~x~')).toBe('`~x~`');
    expect(echoQuoted('&lt;!channel&gt; *a*')).toBe('`&lt;!channel&gt; *a*`');
  });

  it('cuts without splitting surrogate pairs, entities or mentions', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(fitMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(fitMrkdwn('see <#C123> now', 8)).toBe('see …');
    expect(fitMrkdwn('short', 10)).toBe('short');
  });
});
