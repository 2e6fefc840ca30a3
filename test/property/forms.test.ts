/**
 * @jest-environment ./test/property/support/crash-environment.ts
 *
 * Property: whatever the two forms (digest, alert) are submitted with (every input's value
 * shaped as Slack sends it for its element: plain_text_input `value`, number inputs as strings,
 * `selected_option`, `selected_options`, `selected_time`, `selected_conversation`…, left out,
 * or of the wrong type; private_metadata right or garbage) the bot acks within Slack's 3 s with
 * 200 (400 only from the request gate, with its reason), errors name the form's own inputs,
 * user text is shown literally, no Block Kit limit is broken, nothing crashes.
 */
import fc from 'fast-check';
import { anyText, channelId, marked, mrkdwnToken, userId, wrongType } from './support/arbitraries';
import { PropertyBot } from './support/bot';
import { ackProblems, crashes, interactionAckProblems, outgoingProblems, storeProblemsAfterRestart } from './support/checks';
import { inputBlockIds, seedWorkspace } from './support/fixtures';
import { printTallies, runProperty } from './support/run';
import { CALLBACK_IDS } from '../../src/slack/blocks/ids';

jest.setTimeout(300_000);

type Obj = Record<string, unknown>;

let bot: PropertyBot;
let forms: ReadonlyMap<string, Obj>;
beforeAll(async () => {
  bot = await PropertyBot.start();
  const fx = await seedWorkspace(bot);
  forms = new Map([...fx.forms.keys()].map((id) => [id, fx.modal(id)!]));
});
afterAll(async () => {
  printTallies('forms');
  await bot?.close();
});

interface Input {
  readonly blockId: string;
  readonly actionId: string;
  readonly type: string;
  readonly options: readonly Obj[];
}

function inputsOf(view: Obj): Input[] {
  const blocks = (view.blocks as Obj[]).filter((b) => b.type === 'input');
  return blocks.map((b) => {
    const el = b.element as Obj;
    return { blockId: b.block_id as string, actionId: el.action_id as string, type: el.type as string, options: (el.options as Obj[] | undefined) ?? [] };
  });
}

const option = (value: string): Obj => ({ text: { type: 'plain_text', text: value.slice(0, 75) || 'x' }, value: value.slice(0, 150) });
const typed = fc.oneof(anyText, mrkdwnToken, marked, fc.constantFrom('71', '71, 104', '0', '120', '80%', '2h', 'Europe/London', 'Mars/Olympus', ' ', '999999999999', '-5', '1e309'));

/** One input's value as Slack reports it for its element type, or the wrong type. */
function valueOf(input: Input): fc.Arbitrary<Obj | undefined> {
  const someOptions = input.options.length > 0 ? fc.subarray(input.options as Obj[]) : fc.constant([] as Obj[]);
  const anOption = input.options.length > 0 ? fc.oneof(fc.constantFrom(...(input.options as Obj[])), typed.map(option)) : typed.map(option);
  const right: fc.Arbitrary<Obj> = (() => {
    switch (input.type) {
      case 'plain_text_input':
      case 'number_input':
      case 'email_text_input':
      case 'url_text_input':
        return fc.option(typed, { nil: null }).map((value) => ({ value }));
      case 'static_select':
      case 'radio_buttons':
      case 'external_select':
        return fc.option(anOption, { nil: null }).map((selected_option) => ({ selected_option }));
      case 'checkboxes':
      case 'multi_static_select':
        return fc.tuple(someOptions, fc.array(typed.map(option), { maxLength: 2 })).map(([a, b]) => ({ selected_options: [...a, ...b] }));
      case 'timepicker':
        return fc.option(fc.oneof(fc.constantFrom('08:00', '00:00', '23:59', '24:00', '7:30'), typed), { nil: null }).map((selected_time) => ({ selected_time }));
      case 'datepicker':
        return fc.option(fc.oneof(fc.constantFrom('2026-11-24', '2025-13-40'), typed), { nil: null }).map((selected_date) => ({ selected_date }));
      case 'conversations_select':
        return fc.option(channelId, { nil: null }).map((selected_conversation) => ({ selected_conversation }));
      case 'channels_select':
        return fc.option(channelId, { nil: null }).map((selected_channel) => ({ selected_channel }));
      case 'users_select':
        return fc.option(userId, { nil: null }).map((selected_user) => ({ selected_user }));
      default:
        return fc.constant({});
    }
  })();
  const wrong = wrongType.map((w) => ({ value: w, selected_option: w, selected_options: w, selected_time: w, selected_conversation: w, selected_user: w }));
  return fc.oneof(
    // Rare enough per input that most forms reach the listener whole (the gate refuses a wrong type).
    { weight: 30, arbitrary: right.map((v) => ({ type: input.type, ...v })) },
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: wrong.map((v) => ({ type: input.type, ...v })) },
  );
}

function submission(callbackId: string): fc.Arbitrary<{ user: string; values: Obj; metadata: string | null }> {
  const view = forms.get(callbackId)!;
  const inputs = inputsOf(view);
  const values = fc.tuple(...inputs.map(valueOf)).map((vs) => {
    const out: Record<string, Record<string, Obj>> = {};
    vs.forEach((v, i) => {
      const input = inputs[i]!;
      if (v !== undefined) out[input.blockId] = { [input.actionId]: v };
    });
    return out;
  });
  const metadata = fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyText.map((t) => t.slice(0, 3000)) });
  return fc.record({ user: fc.constantFrom('U0LOCALADM', 'U0LOCAL001', 'U0LOCAL002'), values, metadata });
}

async function submit(callbackId: string, c: { user: string; values: Obj; metadata: string | null }): Promise<void> {
  const crashed = crashes().length;
  const mark = bot.mark();
  const wire = forms.get(callbackId)!;
  const view = { ...wire, state: { values: c.values }, ...(c.metadata !== null ? { private_metadata: c.metadata } : {}) };
  const res = await bot.interaction({
    type: 'view_submission', team: { id: bot.slack.team.id, domain: bot.slack.team.domain }, user: { id: c.user, username: 'someone', name: 'someone', team_id: bot.slack.team.id },
    api_app_id: bot.slack.bot.appId, token: 'local-verification-token', trigger_id: bot.triggerId(c.user), view, response_urls: [], enterprise: null, is_enterprise_install: false,
  });
  const problems = [...ackProblems(res, true), ...interactionAckProblems(res.body, inputBlockIds(wire)), ...outgoingProblems(bot.outgoingSince(mark))];
  if (crashes().length > crashed) problems.push(...crashes().slice(crashed).map((e) => `crash: ${e.slice(0, 400)}`));
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

describe('form submissions with any values', () => {
  it('the digest form', async () => {
    await runProperty('digest form', submission(CALLBACK_IDS.digestModal), (c) => submit(CALLBACK_IDS.digestModal, c), { budgetMs: 12_000 });
  });

  it('the alert form', async () => {
    await runProperty('alert form', submission(CALLBACK_IDS.subscribeModal), (c) => submit(CALLBACK_IDS.subscribeModal, c), { budgetMs: 12_000 });
  });

  it('leaves the store whole: after every answer is out, a restarted bot still answers', async () => {
    expect(await storeProblemsAfterRestart(bot)).toEqual([]);
    expect(crashes()).toEqual([]);
  });
});
