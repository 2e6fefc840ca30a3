/**
 * @jest-environment ./test/property/support/crash-environment.ts
 *
 * Property: whatever text `/occupancy` carries, from whoever and wherever, the bot acks within
 * Slack's 3 s with 200, answers (in the ack or by response_url / a form), shows what the user
 * typed literally, keeps within Block Kit's limits, logs no failure and crashes nothing.
 */
import fc from 'fast-check';
import { commandText, strangerId, CHANNELS, USERS } from './support/arbitraries';
import { FORM, PropertyBot, type Acked } from './support/bot';
import { ackProblems, crashes, messageProblems, outgoingProblems, storeProblemsAfterRestart } from './support/checks';
import { printTallies, runProperty } from './support/run';

jest.setTimeout(300_000);

let bot: PropertyBot;
beforeAll(async () => {
  bot = await PropertyBot.start();
});
afterAll(async () => {
  printTallies('commands');
  await bot?.close();
});

interface Case {
  readonly text: string;
  readonly user: string;
  readonly channel: string;
}

const knownCase = fc.record({ text: commandText, user: fc.constantFrom(...USERS), channel: fc.constantFrom(...CHANNELS) });
const strangerCase = fc.record({ text: commandText, user: strangerId, channel: fc.constantFrom('C0GENERAL', 'CQZX0STRANGE', 'D0QZXDM') });

/** A command from a user or channel the workspace does not know, shaped as Slack would send it. */
async function strangerCommand(c: Case): Promise<Acked & { responseUrlId: string; triggerId: string }> {
  const rec = bot.slack.mintResponseUrl({ kind: 'command', user: c.user, channel: c.channel });
  const triggerId = bot.slack.mintTriggerId(c.user);
  const fields = {
    token: 'local-verification-token', team_id: bot.slack.team.id, team_domain: bot.slack.team.domain, channel_id: c.channel,
    channel_name: c.channel.startsWith('D') ? 'directmessage' : 'strange', user_id: c.user, user_name: 'stranger', command: '/occupancy',
    text: c.text, api_app_id: bot.slack.bot.appId, is_enterprise_install: 'false', response_url: rec.url, trigger_id: triggerId,
  };
  return { ...(await bot.post(FORM, new URLSearchParams(fields).toString())), responseUrlId: rec.id, triggerId };
}

async function checkCommand(c: Case, stranger: boolean): Promise<void> {
  const crashed = crashes().length;
  const logsFrom = bot.world.logs.length;
  const mark = bot.mark();
  const res = stranger
    ? await strangerCommand(c)
    : await bot.timed(() => bot.driver.command(c.user, c.channel, '/occupancy', c.text)).then((r) => ({ ...r, responseUrlId: r.responseUrlId!, triggerId: r.triggerId! }));
  const problems = ackProblems(res, false);
  const body = res.body as { text?: string; blocks?: unknown[] } | undefined;
  if (body !== undefined) problems.push(...messageProblems(body, 'ack'));
  // The ack is the whole answer when it has blocks (help, input errors); otherwise one follows.
  if (res.status === 200 && !Array.isArray(body?.blocks)) {
    await bot.slack.waitFor(
      () =>
        bot.slack.responses.some((r) => r.id === res.responseUrlId) ||
        bot.slack.calls.slice(mark.calls).some((call) => call.args.trigger_id === res.triggerId || call.method === 'chat.postEphemeral' || call.method === 'chat.postMessage'),
    );
  }
  problems.push(...outgoingProblems(bot.outgoingSince(mark)));
  // A stranger's conversation does not exist in the workspace, so its response_url is refused
  // (Slack never sends such a command); for everyone else a logged error is a failure.
  if (!stranger) problems.push(...bot.errorLogsSince(logsFrom).map((l) => `logged an error: ${l.slice(0, 400)}`));
  if (crashes().length > crashed) problems.push(...crashes().slice(crashed).map((e) => `crash: ${e.slice(0, 400)}`));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe('/occupancy with any text', () => {
  it('from people and channels of the workspace', async () => {
    await runProperty('command text', knownCase, (c) => checkCommand(c, false), { budgetMs: 15_000 });
  });

  it('from users and conversations the workspace does not know', async () => {
    await runProperty('command from strangers', strangerCase, (c) => checkCommand(c, true), { budgetMs: 8_000 });
  });

  it('leaves the store whole: after every answer is out, a restarted bot still answers', async () => {
    expect(await storeProblemsAfterRestart(bot)).toEqual([]);
    expect(crashes()).toEqual([]);
  });
});
