import { momentText } from '../../../../src/slack/blocks/format';
import { readerDate } from '../../../../src/slack/blocks/mrkdwn';

describe("Slack's date token", () => {
  it('is <!date^seconds^tokens|fallback>, the seconds floored', () => {
    expect(readerDate(Date.parse('2026-11-26T15:00:00.999Z'), 'Thu 26 Nov 15:00 UTC')).toBe('<!date^1795705200^{date_short_pretty} {time}|Thu 26 Nov 15:00 UTC>');
  });

  it('keeps the fallback from ending or splitting the token', () => {
    expect(readerDate(0, 'a|b > c & <d>')).toBe('<!date^0^{date_short_pretty} {time}|a/b &gt; c &amp; &lt;d&gt;>');
  });

  it("puts the building's clock and zone first, the reader's own after, UTC as its fallback", () => {
    expect(momentText(Date.parse('2026-11-26T15:00:00Z'), 'America/Toronto')).toBe(
      'Thu 26 Nov 10:00 America/Toronto (<!date^1795705200^{date_short_pretty} {time}|Thu 26 Nov 15:00 UTC> your time)',
    );
  });
});
