/**
 * Latest wins in the alert form, whatever order the backtests finish in: the listeners with a
 * scripted backtest (each threshold's answer held until the test lets it go) and the real chat
 * port against the embedded Slack, which refuses a stale hash as Slack does.
 */
import { silentLogger } from '../../support/logger';
import { WebClient } from '@slack/web-api';
import { SUBSCRIBE_BACKTEST_BLOCK_ID, SUBSCRIBE_FIELDS as F, backtestText, type ViewStateValues } from '../../../src/slack/blocks';
import { webClientGateway } from '../../../src/slack/chat';
import type { ChatGateway } from '../../../src/ports/chat';
import { openNewForm } from '../../../src/slack/listeners/alerts/form';
import { subscribeFieldChanged } from '../../../src/slack/listeners/alerts/form-listeners';
import type { BacktestView } from '../../../src/views/index';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack';
import { actionArgs, listenerDeps, type TestDeps } from '../../unit/slack/listeners/helpers';

const USER = 'U0LOCAL001';
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => 'error' as never, setName: () => {} };

const radio = (value: string) => ({ type: 'radio_buttons', selected_option: { text: { type: 'plain_text' as const, text: value }, value } });
const number = (value: string | null) => ({ type: 'number_input', value });
function typed(threshold: number): ViewStateValues {
  return {
    [F.scopeKind.blockId]: { [F.scopeKind.actionId]: radio('building') },
    [F.scopeId.blockId]: { [F.scopeId.actionId]: number('71') },
    [F.measure.blockId]: { [F.measure.actionId]: radio('people') },
    [F.direction.blockId]: { [F.direction.actionId]: radio('above') },
    [F.threshold.blockId]: { [F.threshold.actionId]: number(String(threshold)) },
    [F.duration.blockId]: { [F.duration.actionId]: number('1') },
    [F.granularity.blockId]: { [F.granularity.actionId]: radio('PT1H') },
    [F.destination.blockId]: { [F.destination.actionId]: radio('dm') },
  };
}

/** A backtest each threshold can be told apart by: one alert, on a day of its own. */
const DAY_OF: Record<number, string> = { 1: '2026-11-01', 13: '2026-11-13', 130: '2026-11-30' };
const backtestOf = (threshold: number): BacktestView => ({ status: 'ready', days: 30, episodeDates: [DAY_OF[threshold]!] });

/** A backtest whose answers wait until released, one threshold at a time. */
class HeldBacktests {
  private readonly held = new Map<number, () => void>();

  readonly backtest = (input: { threshold: number }) =>
    new Promise<{ kind: 'view'; view: BacktestView; latestBucket: null }>((resolve) => {
      this.held.set(input.threshold, () => resolve({ kind: 'view', view: backtestOf(input.threshold), latestBucket: null }));
    });

  has(threshold: number): boolean {
    return this.held.has(threshold);
  }

  release(threshold: number): void {
    const go = this.held.get(threshold);
    if (!go) throw new Error(`no backtest of ${threshold} is waiting`);
    this.held.delete(threshold);
    go();
  }
}

/** Waits for a condition of the test's own (the workspace's waitFor wakes only on Slack traffic). */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const PERMUTATIONS: number[][] = [
  [1, 13, 130],
  [1, 130, 13],
  [13, 1, 130],
  [13, 130, 1],
  [130, 1, 13],
  [130, 13, 1],
];

describe('the alert form redrawn as the threshold is typed: 1, 13, 130', () => {
  let ws: FakeSlack;
  let chat: ChatGateway;

  beforeAll(async () => {
    ws = await startFakeSlack();
    chat = webClientGateway(new WebClient(ws.botToken, { ...ws.clientOptions, logger: silent }), { logger: silentLogger() });
  });
  afterAll(async () => {
    await ws.close();
  });
  beforeEach(() => ws.reset());

  async function openForm(): Promise<{ t: TestDeps<ChatGateway>; held: HeldBacktests; viewId: string }> {
    const held = new HeldBacktests();
    const t = listenerDeps({ rules: { backtest: held.backtest } }, chat);
    await openNewForm(t.deps, ws.mintTriggerId(USER), { id: null, channel: null, home: true });
    const [view] = ws.state.views.stack(USER);
    return { t, held, viewId: view!.id };
  }

  /** The user types a threshold: Slack sends the view as it stands, with `payloadView` if given (an older one). */
  async function type(t: TestDeps<ChatGateway>, held: HeldBacktests, viewId: string, threshold: number, payloadView?: Record<string, unknown>): Promise<void> {
    const stored = ws.state.views.get(viewId)!;
    stored.stateValues = typed(threshold) as typeof stored.stateValues;
    const view = { ...(payloadView ?? ws.state.views.toWire(stored)), state: { values: typed(threshold) } };
    await subscribeFieldChanged(t.deps)(actionArgs(F.threshold.actionId, { container: 'home', view: view as never }).args);
    await until(() => held.has(threshold), `the backtest of ${threshold} to be asked`);
  }

  /** Lets one backtest finish and waits until its redraw is done (drawn or dropped). */
  async function finish(t: TestDeps<ChatGateway>, held: HeldBacktests, threshold: number): Promise<void> {
    const before = t.deps.inflight.size;
    held.release(threshold);
    await until(() => t.deps.inflight.size < before, `the redraw for ${threshold} to finish`);
  }

  function shown(viewId: string): string {
    const blocks = (ws.state.views.get(viewId)?.definition.blocks ?? []) as { block_id?: string; text?: { text: string } }[];
    return blocks.find((b) => b.block_id === SUBSCRIBE_BACKTEST_BLOCK_ID)?.text?.text ?? '';
  }

  const conflicts = () => ws.callsTo('views.update').filter((c) => c.response?.ok !== true);

  test.each(PERMUTATIONS)('all typed before any backtest is back, finishing %p, %p, %p: the form shows 130\'s', async (...order) => {
    const { t, held, viewId } = await openForm();
    for (const threshold of [1, 13, 130]) await type(t, held, viewId, threshold);
    for (const threshold of order) await finish(t, held, threshold);
    await t.settle();
    expect(shown(viewId)).toBe(backtestText(backtestOf(130)));
    expect(conflicts()).toEqual([]);
    // The older answers were dropped, not drawn and then overdrawn.
    expect(ws.callsTo('views.update').map((c) => JSON.stringify(c.args.view))).toEqual([expect.stringContaining('Mon 30 Nov')]);
  });

  test('1 comes back and is drawn before 13 and 130 are typed; 13 arrives with the hash from before that redraw', async () => {
    const { t, held, viewId } = await openForm();
    const beforeAnyRedraw = ws.state.views.toWire(ws.state.views.get(viewId)!);
    await type(t, held, viewId, 1);
    await finish(t, held, 1);
    expect(shown(viewId)).toBe(backtestText(backtestOf(1)));
    // Slack sends what it had when the user typed: the hash of the view before our redraw.
    await type(t, held, viewId, 13, beforeAnyRedraw);
    await type(t, held, viewId, 130);
    await finish(t, held, 130);
    await finish(t, held, 13);
    await t.settle();
    expect(shown(viewId)).toBe(backtestText(backtestOf(130)));
    expect(conflicts()).toEqual([]);
  });

  test('a newer threshold typed while an older redraw is on its way to Slack still ends on the newer one', async () => {
    const { t, held, viewId } = await openForm();
    await type(t, held, viewId, 1);
    held.release(1);
    // 13 and 130 are typed while 1's redraw may still be in flight: its hash is not known yet.
    await type(t, held, viewId, 13);
    await type(t, held, viewId, 130);
    held.release(130);
    held.release(13);
    await t.settle();
    expect(shown(viewId)).toBe(backtestText(backtestOf(130)));
    expect(conflicts()).toEqual([]);
  });

  test('someone else redrew the form (another instance of the bot): the older drawing gives way without an error', async () => {
    const { t, held, viewId } = await openForm();
    await type(t, held, viewId, 13);
    // Another writer updates the view: our known hash is now stale.
    const other = await chat.updateView(viewId, { ...(ws.state.views.get(viewId)!.definition as object) });
    expect(other.hash).not.toBe('');
    await finish(t, held, 13);
    await t.settle();
    expect(t.lines.filter((l) => l.level >= 40)).toEqual([]);
    // The next change starts from the hash Slack sends with it, and draws.
    await type(t, held, viewId, 130);
    await finish(t, held, 130);
    await t.settle();
    expect(shown(viewId)).toBe(backtestText(backtestOf(130)));
  });
});
