/**
 * @jest-environment ./test/property/support/crash-environment.ts
 *
 * Property: any interaction Slack can send (block_actions for every action_id the app registers
 * and for others, with values right and wrong, from messages, App Home and forms;
 * block_suggestion; global and message shortcuts; view_closed) is answered within Slack's 3 s
 * with 200 (400 only from the request gate, with its reason), shows user text literally, keeps
 * within Block Kit's limits and crashes nothing.
 */
import fc from 'fast-check';
import { userId } from './support/arbitraries';
import { PropertyBot, type Acked } from './support/bot';
import { ackProblems, crashes, interactionAckProblems, outgoingProblems, storeProblemsAfterRestart } from './support/checks';
import { seedWorkspace } from './support/fixtures';
import { action, blockActions, blockSuggestion, closedCase, origin, shortcut, shortcutCase, suggestion, viewClosed, type Fixtures } from './support/payloads';
import { printTallies, runProperty } from './support/run';

jest.setTimeout(300_000);

let bot: PropertyBot;
let fx: Fixtures;
beforeAll(async () => {
  bot = await PropertyBot.start();
  fx = await seedWorkspace(bot);
});
afterAll(async () => {
  printTallies('interactions');
  await bot?.close();
});

/** Sends one payload and lists what is wrong with the answer and with whatever the bot sent since. */
async function check(send: () => Promise<Acked>): Promise<void> {
  const crashed = crashes().length;
  const mark = bot.mark();
  const res = await send();
  const problems = [...ackProblems(res, true), ...interactionAckProblems(res.body, null), ...outgoingProblems(bot.outgoingSince(mark))];
  if (crashes().length > crashed) problems.push(...crashes().slice(crashed).map((e) => `crash: ${e.slice(0, 400)}`));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe('interactions of every kind', () => {
  it('block_actions: every registered action_id and others, any value, from anywhere', async () => {
    const arb = fc.record({ user: userId, from: origin, actions: fc.array(action, { minLength: 1, maxLength: 2 }) });
    await runProperty('block_actions', arb, (c) => check(() => bot.interaction(blockActions(bot, fx, c.user, c.from, c.actions))), { budgetMs: 14_000 });
  });

  it('block_suggestion', async () => {
    await runProperty('block_suggestion', suggestion, (c) => check(() => bot.interaction(blockSuggestion(bot, c))), { budgetMs: 3_000 });
  });

  it('global and message shortcuts', async () => {
    await runProperty('shortcuts', shortcutCase, (c) => check(() => bot.interaction(shortcut(bot, c))), { budgetMs: 3_000 });
  });

  it('view_closed for every form and others', async () => {
    await runProperty('view_closed', closedCase, (c) => check(() => bot.interaction(viewClosed(bot, fx, c))), { budgetMs: 3_000 });
  });

  it('leaves the store whole: after every answer is out, a restarted bot still answers', async () => {
    expect(await storeProblemsAfterRestart(bot)).toEqual([]);
    expect(crashes()).toEqual([]);
  });
});
