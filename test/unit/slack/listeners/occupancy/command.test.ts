import { NoDataError, NotFoundError } from '../../../../../src/errors';
import { buildDigestListMessage, buildErrorMessage, buildHelpMessage, buildReportMessage, buildSubscriptionsMessage, buildUnknownWordMessage } from '../../../../../src/slack/blocks';
import { buildSubscriptionChangedMessage } from '../../../../../src/slack/blocks/alert-notices';
import { buildAlertErrorMessage, buildDigestErrorMessage, buildInputErrorMessage } from '../../../../../src/slack/blocks/errors';
import { occupancyCommand } from '../../../../../src/slack/listeners/occupancy/command';
import { parseCommand } from '../../../../../src/slack/parser';
import { digestSummary, reportView, subscriptionSummary } from '../../blocks/fixtures';
import { CHANNEL, asSent, LEVEL, TEAM, USER, commandArgs, listenerDeps, logged } from '../helpers';

const ephemeral = (msg: object) => ({ response_type: 'ephemeral', ...msg });

describe('/occupancy', () => {
  it('answers help in the ack itself and calls nothing', async () => {
    const t = listenerDeps();
    const a = commandArgs('help');
    await occupancyCommand(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toEqual([ephemeral(buildHelpMessage())]);
    expect(a.responds).toEqual([]);
  });

  it('answers input it cannot read in the ack, with what would work', async () => {
    const t = listenerDeps();
    const a = commandArgs('building 7.5');
    await occupancyCommand(t.deps)(a.args);
    const parsed = parseCommand('building 7.5');
    if (parsed.kind !== 'error') throw new Error('expected a parse error');
    expect(a.acks).toEqual([ephemeral(buildInputErrorMessage(parsed))]);
  });

  it('reads a name, acks at once, and answers for the id the directory gives', async () => {
    const view = reportView();
    const asked: unknown[] = [];
    const resolved: unknown[] = [];
    const t = listenerDeps({
      reports: { building: async (req) => (asked.push(req), view) },
      names: { resolve: async (kind, text) => (resolved.push([kind, text]), { kind: 'one', entry: { kind: 'building', id: 104, name: 'Southwark Works' } }) },
    });
    const a = commandArgs('building Southwark Works yesterday');
    await occupancyCommand(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    expect(resolved).toEqual([]);
    await t.settle();
    expect(resolved).toEqual([['building', 'Southwark Works']]);
    expect(asked).toEqual([{ kind: 'building', id: 104, date: 'yesterday', granularity: 'PT1H' }]);
  });

  it('refuses the grammar around a name in the ack, naming it as typed', async () => {
    const t = listenerDeps();
    const a = commandArgs('building Southwark Works monday tuesday');
    await occupancyCommand(t.deps)(a.args);
    const text = JSON.stringify(a.acks);
    expect(text).toContain('You gave two dates');
    expect(text).toContain('/occupancy building Southwark Works yesterday');
    expect(text).not.toContain('2147483647');
  });

  it('answers an unknown word in the ack with the nearest command, not the whole help', async () => {
    const t = listenerDeps();
    const a = commandArgs('buildng 71');
    await occupancyCommand(t.deps)(a.args);
    const parsed = parseCommand('buildng 71');
    if (parsed.kind !== 'unknown') throw new Error('expected an unknown word');
    expect(a.acks).toEqual([ephemeral(buildUnknownWordMessage(parsed))]);
    expect(JSON.stringify(a.acks)).toContain('Try `/occupancy building 71`');
    expect(JSON.stringify(a.acks)).not.toContain('Daily digests');
    expect(a.responds).toEqual([]);
  });

  it('acks with nothing, then answers with the report: one message for one question', async () => {
    const view = reportView();
    const asked: unknown[] = [];
    const t = listenerDeps({ reports: { building: async (req) => (asked.push(req), view) } });
    const a = commandArgs('building 71 yesterday');
    // No notice however long this machine takes: this test is about the fast path.
    await occupancyCommand({ ...t.deps, slowNoticeMs: 60_000 })(a.args);
    expect(a.acks).toEqual([undefined]);
    expect(asked).toEqual([]);
    await t.settle();
    expect(asked).toEqual([{ kind: 'building', id: 71, date: 'yesterday', granularity: 'PT1H' }]);
    expect(a.responds).toEqual([ephemeral(asSent(buildReportMessage(view)))]);
  });

  it('says "Looking up…" first when the answer is slow, then answers', async () => {
    const view = reportView();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = listenerDeps({ reports: { building: async () => (await gate, view) } });
    const a = commandArgs('building 71');
    await occupancyCommand({ ...t.deps, slowNoticeMs: 0 })(a.args);
    expect(a.acks).toEqual([undefined]);
    while (a.responds.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(a.responds).toEqual([ephemeral({ text: 'Looking up building 71…', blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Looking up building 71…' }] }] })]);
    release();
    await t.settle();
    expect(a.responds).toEqual([expect.objectContaining({ text: 'Looking up building 71…' }), ephemeral(asSent(buildReportMessage(view)))]);
  });

  it('posts no notice for an answer that is over before it is due', async () => {
    const t = listenerDeps({ reports: { building: async () => Promise.reject(new NotFoundError('building', 9)) } });
    const a = commandArgs('building 9');
    await occupancyCommand({ ...t.deps, slowNoticeMs: 60_000 })(a.args);
    await t.settle();
    expect(a.responds).toHaveLength(1);
    expect(JSON.stringify(a.responds)).not.toContain('Looking up');
  });

  it('answers with the words for the error when the report service fails', async () => {
    const err = new NoDataError('building', 71, '2025-11-26', '2025-11-25');
    const t = listenerDeps({ reports: { building: async () => Promise.reject(err) } });
    const a = commandArgs('building 71 2025-11-26');
    await occupancyCommand(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([ephemeral(buildErrorMessage(err, { kind: 'building', id: 71 }))]);
    expect(logged(t.lines, LEVEL.info).map((l) => l.msg)).toEqual(['request refused']);
  });

  it('logs an unexpected failure as an error, and still answers', async () => {
    const t = listenerDeps({ reports: { buildings: async () => Promise.reject(new Error('boom')) } });
    const a = commandArgs('buildings');
    await occupancyCommand(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toHaveLength(1);
    expect(JSON.stringify(a.responds[0])).toContain('Something went wrong on my side');
    expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['request failed']);
  });

  it('logs a failed respond once the ack is out', async () => {
    const t = listenerDeps({ reports: { zones: async () => Promise.reject(new NotFoundError('building', 9)) } });
    const a = commandArgs('zones 9', { respondFails: true });
    await occupancyCommand(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['answering /occupancy failed']);
  });

  describe('hands feature subcommands to their feature', () => {
    it('digest list: the channel\'s digests', async () => {
      const list = { channelId: CHANNEL, digests: [digestSummary()] };
      const t = listenerDeps({ digests: { list: async (actor, channel) => (expect([actor, channel]).toEqual([{ teamId: TEAM, userId: USER }, CHANNEL]), list) } });
      const a = commandArgs('digest list');
      await occupancyCommand(t.deps)(a.args);
      await t.settle();
      expect(a.responds).toEqual([ephemeral(buildDigestListMessage(list))]);
    });

    it('digest pause: the words for a refusal', async () => {
      const err = new NotFoundError('digest', 4);
      const t = listenerDeps({ digests: { pause: async () => Promise.reject(err) } });
      const a = commandArgs('digest pause 4');
      await occupancyCommand(t.deps)(a.args);
      await t.settle();
      expect(a.responds).toEqual([ephemeral(buildDigestErrorMessage(err, { kind: 'digest', id: 4 }))]);
    });

    it('subscriptions: the user\'s alerts', async () => {
      const subs = [subscriptionSummary()];
      const t = listenerDeps({ subscriptions: { summaries: async () => subs } });
      const a = commandArgs('subscriptions');
      await occupancyCommand(t.deps)(a.args);
      await t.settle();
      expect(a.responds).toEqual([ephemeral(buildSubscriptionsMessage({ subscriptions: subs }))]);
    });

    it('unsubscribe: removed, or the words for why not', async () => {
      const removed: number[] = [];
      const ok = listenerDeps({ subscriptions: { remove: async (_who, id) => void removed.push(id) } });
      const a = commandArgs('unsubscribe 7');
      await occupancyCommand(ok.deps)(a.args);
      await ok.settle();
      expect(removed).toEqual([7]);
      expect(a.responds).toEqual([ephemeral(buildSubscriptionChangedMessage(7, 'removed'))]);

      const err = new NotFoundError('subscription', 8);
      const refused = listenerDeps({ subscriptions: { remove: async () => Promise.reject(err) } });
      const b = commandArgs('unsubscribe 8');
      await occupancyCommand(refused.deps)(b.args);
      await refused.settle();
      expect(b.responds).toEqual([ephemeral(buildAlertErrorMessage(err, { kind: 'subscription', id: 8 }))]);
    });

    it('subscribe: opens the form on the trigger, or says why it could not', async () => {
      const t = listenerDeps();
      const a = commandArgs('subscribe');
      await occupancyCommand(t.deps)(a.args);
      await t.settle();
      expect(t.chat.callsOf('openView')).toHaveLength(1);
      expect(a.responds).toEqual([]);

      const failing = listenerDeps();
      failing.chat.fail('openView', 'expired_trigger_id');
      const b = commandArgs('subscribe');
      await occupancyCommand(failing.deps)(b.args);
      await failing.settle();
      expect(b.responds).toHaveLength(1);
      expect(JSON.stringify(b.responds[0])).toContain("The form didn't open");
    });
  });
});
