import { buildHomeView } from '../../../../../src/slack/blocks';
import { homeOpened } from '../../../../../src/slack/listeners/home/home';
import { digestSummary, subscriptionSummary } from '../../blocks/fixtures';
import { LEVEL, TEAM, USER, homeOpenedArgs, listenerDeps, logged } from '../helpers';

describe('app_home_opened', () => {
  it("publishes the user's App Home", async () => {
    const model = { subscriptions: [subscriptionSummary()], digests: [digestSummary()], digestsUnknown: false };
    const asked: unknown[] = [];
    const t = listenerDeps({ home: { view: async (who) => (asked.push(who), model) } });
    await homeOpened(t.deps)(homeOpenedArgs().args);
    await t.settle();
    expect(asked).toEqual([{ teamId: TEAM, userId: USER }]);
    expect(t.chat.callsOf('publishHome')).toEqual([[USER, buildHomeView(model)]]);
  });

  it('draws nothing for the messages tab', async () => {
    const t = listenerDeps();
    await homeOpened(t.deps)(homeOpenedArgs('messages').args);
    await t.settle();
    expect(t.chat.calls).toEqual([]);
  });

  it('logs, and publishes nothing, when the home service fails', async () => {
    const t = listenerDeps({ home: { view: async () => Promise.reject(new Error('store down')) } });
    await homeOpened(t.deps)(homeOpenedArgs().args);
    await t.settle();
    expect(t.chat.calls).toEqual([]);
    expect(logged(t.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['could not publish App Home']);
  });

  it('logs when Slack refuses the view', async () => {
    const t = listenerDeps({ home: { view: async () => ({ subscriptions: [], digests: [], digestsUnknown: false }) } });
    t.chat.fail('publishHome', 'invalid_blocks');
    await homeOpened(t.deps)(homeOpenedArgs().args);
    await t.settle();
    expect(t.chat.callsOf('publishHome')).toHaveLength(1);
    expect(logged(t.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['could not publish App Home']);
  });
});
