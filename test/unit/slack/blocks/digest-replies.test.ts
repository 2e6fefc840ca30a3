import {
  buildDigestChangedMessage,
  buildDigestPausedNotice,
  buildDigestSavedMessage,
  buildDigestSentMessage,
} from '../../../../src/slack/blocks/digest-replies';
import { contextBlock, sectionBlock } from './helpers';
import { digestSummary } from './fixtures';

describe('digest replies', () => {
  it('tells the creator once why a digest paused and how to start it again', () => {
    expect(buildDigestPausedNotice(3, 'C0FACILITY', 'not_in_channel')).toEqual({
      text: "I paused digest #3: I'm no longer a member of <#C0FACILITY>. Invite me with `/invite @occupancy` there, then run `/occupancy digest resume 3`.",
      blocks: [
        sectionBlock(
          "I paused digest #3: I'm no longer a member of <#C0FACILITY>. Invite me with `/invite @occupancy` there, then run `/occupancy digest resume 3`.",
        ),
        contextBlock('You get this message because you set the digest up.'),
      ],
    });
    expect(buildDigestPausedNotice(4, 'C1', 'is_archived').text).toBe(
      'I paused digest #4: <#C1> is archived. Unarchive it, or set the digest up in another channel, then run `/occupancy digest resume 4`.',
    );
    expect(buildDigestPausedNotice(5, 'C1', 'channel_not_found').text).toContain("I can't find <#C1> any more");
  });

  it('confirms a saved digest with its summary, and says when it joined the channel', () => {
    const summary = digestSummary();
    const msg = buildDigestSavedMessage(summary, { mode: 'created', joined: true });
    expect(msg.blocks[0]).toEqual(sectionBlock(`Digest #${summary.id} is set up. I joined <#${summary.channelId}> to post there.`));
    expect(msg.blocks).toHaveLength(3);
    expect(buildDigestSavedMessage(summary, { mode: 'updated', joined: false }).blocks[0]).toEqual(sectionBlock(`Digest #${summary.id} is updated.`));
  });

  it('words the changes and a send', () => {
    expect(buildDigestChangedMessage(3, 'C1', 'removed').text).toBe('Digest #3 is removed; nothing more goes to <#C1>. Messages already posted stay.');
    expect(buildDigestChangedMessage(3, 'C1', 'paused').text).toBe('Digest #3 is paused. `/occupancy digest resume 3` starts it again.');
    expect(buildDigestChangedMessage(3, 'C1', 'resumed').text).toBe('Digest #3 is running again in <#C1>.');
    expect(buildDigestSentMessage(3, 'C1').text).toBe('Digest #3 went to <#C1>. Its scheduled run still happens as usual.');
  });
});
