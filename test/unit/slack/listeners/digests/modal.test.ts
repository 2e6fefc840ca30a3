import { sentByDirectMessage } from '../../../../../src/slack/blocks/delivery-notes';
import { ForbiddenError, StaleFormError, UpstreamTimeoutError } from '../../../../../src/errors';
import { CALLBACK_IDS, DIGEST_FIELDS, type ViewStateValues } from '../../../../../src/slack/blocks';
import { buildDigestSavedMessage } from '../../../../../src/slack/blocks/digest-replies';
import { buildDigestErrorMessage, digestFormErrors } from '../../../../../src/slack/blocks/errors';
import { encodeFormMeta } from '../../../../../src/slack/listeners/digests/form';
import { ACK_BUDGET_MS, digestFormSubmitted } from '../../../../../src/slack/listeners/digests/modal';
import type { SavedDigest } from '../../../../../src/services/digests';
import { digestSummary } from '../../blocks/fixtures';
import { CHANNEL, LEVEL, TEAM, USER, digest, listenerDeps, logged, viewArgs } from '../helpers';

const F = DIGEST_FIELDS;
const filled: ViewStateValues = {
  [F.channel.blockId]: { [F.channel.actionId]: { type: 'conversations_select', selected_conversation: CHANNEL } },
  [F.buildings.blockId]: { [F.buildings.actionId]: { type: 'plain_text_input', value: '71' } },
  [F.time.blockId]: { [F.time.actionId]: { type: 'timepicker', selected_time: '08:00' } },
  [F.days.blockId]: { [F.days.actionId]: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'Monday' }, value: '1' }] } },
};
const meta = encodeFormMeta({ origin: 'C0ORIGIN', digestId: null });
const saved: SavedDigest = { digest: digest(), summary: digestSummary(), joined: false };

describe('digest form submission', () => {
  it('saves, closes the form, and confirms privately in the digest channel', async () => {
    const asked: unknown[] = [];
    const t = listenerDeps({ digests: { submit: async (who, draft, m) => (asked.push([who, draft.buildingIds, m]), saved) } });
    const a = viewArgs(CALLBACK_IDS.digestModal, filled, meta);
    await digestFormSubmitted(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    expect(asked).toEqual([[{ teamId: TEAM, userId: USER }, [71], { origin: 'C0ORIGIN', digestId: null }]]);
    expect(t.chat.callsOf('postEphemeral')).toEqual([[CHANNEL, USER, buildDigestSavedMessage(saved.summary, { mode: 'created', joined: false })]]);
  });

  it('keeps the form open with the errors of what was filled in, asking nothing', async () => {
    const t = listenerDeps();
    const a = viewArgs(CALLBACK_IDS.digestModal, {}, meta);
    await digestFormSubmitted(t.deps)(a.args);
    expect(a.acks).toEqual([{ response_action: 'errors', errors: expect.objectContaining({ [F.channel.blockId]: 'Pick the channel the digest goes to.' }) }]);
    expect(t.chat.calls).toEqual([]);
  });

  it('refuses metadata it did not write', async () => {
    const t = listenerDeps();
    const a = viewArgs(CALLBACK_IDS.digestModal, filled, '{"origin":"C1"}');
    await digestFormSubmitted(t.deps)(a.args);
    expect(a.acks).toEqual([{ response_action: 'errors', errors: digestFormErrors(new StaleFormError()) }]);
  });

  it('puts a refusal that comes in time back in the ack', async () => {
    const err = new ForbiddenError('not a member', CHANNEL);
    const t = listenerDeps({ digests: { submit: async () => Promise.reject(err) } });
    const a = viewArgs(CALLBACK_IDS.digestModal, filled, meta);
    await digestFormSubmitted(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toEqual([{ response_action: 'errors', errors: digestFormErrors(err) }]);
    expect(t.chat.calls).toEqual([]);
  });

  it('confirms by direct message when the bot cannot post in the channel', async () => {
    const t = listenerDeps({ digests: { submit: async () => saved } });
    t.chat.fail('postEphemeral', 'not_in_channel');
    const a = viewArgs(CALLBACK_IDS.digestModal, filled, meta);
    await digestFormSubmitted(t.deps)(a.args);
    await t.settle();
    expect(t.chat.callsOf('postMessage')).toEqual([[`D0${USER}`, sentByDirectMessage(buildDigestSavedMessage(saved.summary, { mode: 'created', joined: false }), CHANNEL, t.chat.failing.get('postEphemeral'))]]);
  });

  it('closes the form when saving takes too long, and reports a late failure where it was opened', async () => {
    jest.useFakeTimers();
    try {
      let fail: (err: unknown) => void = () => undefined;
      const pending = new Promise<SavedDigest>((_resolve, reject) => {
        fail = reject;
      });
      const t = listenerDeps({ digests: { submit: () => pending } });
      const a = viewArgs(CALLBACK_IDS.digestModal, filled, meta);
      const done = digestFormSubmitted(t.deps)(a.args);
      await jest.advanceTimersByTimeAsync(ACK_BUDGET_MS);
      await done;
      expect(a.acks).toEqual([undefined]);
      const err = new UpstreamTimeoutError('InnerSpace did not answer in time', { upstream: 'innerspace', operation: 'buildings', timeoutMs: 1 });
      fail(err);
      await jest.advanceTimersByTimeAsync(10);
      jest.useRealTimers();
      await t.settle();
      expect(t.chat.callsOf('postEphemeral')).toEqual([['C0ORIGIN', USER, buildDigestErrorMessage(err, { kind: 'digest' })]]);
      expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['request failed']);
    } finally {
      jest.useRealTimers();
    }
  });
});
