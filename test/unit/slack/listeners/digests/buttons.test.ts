import { ForbiddenError } from '../../../../../src/errors';
import { ACTION_IDS, buildDigestListMessage, buildDigestModal, encodeIdValue } from '../../../../../src/slack/blocks';
import { buildDigestFailedModal, buildDigestLoadingModal } from '../../../../../src/slack/blocks/digest-modal';
import { buildDigestSentMessage } from '../../../../../src/slack/blocks/digest-replies';
import { buildDigestErrorMessage } from '../../../../../src/slack/blocks/errors';
import { digestButton } from '../../../../../src/slack/listeners/digests/buttons';
import { decodeFormMeta } from '../../../../../src/slack/listeners/digests/form';
import type { DigestModalView } from '../../../../../src/views/index';
import { digestSummary } from '../../blocks/fixtures';
import { CHANNEL, LEVEL, TEAM, TRIGGER, USER, actionArgs, digest, listenerDeps, logged } from '../helpers';

const actor = { teamId: TEAM, userId: USER };
const list = { channelId: CHANNEL, digests: [digestSummary({ status: 'paused' })] };

function formView(privateMetadata: string): DigestModalView {
  return {
    privateMetadata, mode: 'edit', channelId: CHANNEL, buildingOptions: null, buildingIds: [71], time: '08:00', days: [1, 2, 3, 4, 5], cadence: 'daily',
    timeZone: 'America/Toronto', options: { chart: true, topZones: true, perFloor: false, weekOverWeek: true, skipWhenNoData: false },
  };
}

describe('digest list buttons', () => {
  it('pause: acks, pauses, and redraws the list in place', async () => {
    const calls: unknown[] = [];
    const t = listenerDeps({
      digests: {
        pause: async (who, id) => (calls.push(['pause', who, id]), digest({ id, status: 'paused' })),
        list: async (who, channel) => (calls.push(['list', who, channel]), list),
      },
    });
    const a = actionArgs(ACTION_IDS.digestPause, { value: encodeIdValue(3) });
    await digestButton('pause')(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    expect(calls).toEqual([['pause', actor, 3], ['list', actor, CHANNEL]]);
    expect(a.responds).toEqual([{ response_type: 'ephemeral', replace_original: true, ...buildDigestListMessage(list) }]);
  });

  it('delete: the words for a refusal, under the list', async () => {
    const err = new ForbiddenError('not the creator');
    const t = listenerDeps({ digests: { remove: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.digestDelete, { value: encodeIdValue(3) });
    await digestButton('delete')(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([{ response_type: 'ephemeral', replace_original: false, ...buildDigestErrorMessage(err, { kind: 'digest', id: 3 }) }]);
    expect(logged(t.lines, LEVEL.info).map((l) => l.msg)).toEqual(['request refused']);
  });

  it('send on App Home: answers by direct message, which has no response_url', async () => {
    const t = listenerDeps({ digests: { sendNow: async (_who, id) => ({ digest: digest({ id }), sent: true }) } });
    const a = actionArgs(ACTION_IDS.digestSend, { value: encodeIdValue(3), container: 'home' });
    await digestButton('send')(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toEqual([]);
    expect(t.chat.callsOf('postMessage')).toEqual([[`D0${USER}`, buildDigestSentMessage(3, CHANNEL)]]);
  });

  it('edit: opens a loading frame at once, then fills it with metadata naming the digest and where it was opened', async () => {
    const asked: string[] = [];
    const t = listenerDeps({
      digests: {
        form: async (_who, _origin, _id, meta) => {
          // The form opened before anything was asked.
          asked.push(`form after ${t.chat.callsOf('openView').length} open`);
          return formView(meta);
        },
      },
    });
    const a = actionArgs(ACTION_IDS.digestEdit, { value: encodeIdValue(3) });
    await digestButton('edit')(t.deps)(a.args);
    await t.settle();
    expect(asked).toEqual(['form after 1 open']);
    const opened = t.chat.callsOf('openView');
    expect(opened).toHaveLength(1);
    const [trigger, loading] = opened[0] as [string, { private_metadata: string }];
    expect(trigger).toBe(TRIGGER);
    expect(loading).toEqual(buildDigestLoadingModal('edit', loading.private_metadata));
    expect(decodeFormMeta(loading.private_metadata)).toEqual({ origin: CHANNEL, digestId: 3 });
    // Filled in with the hash views.open answered.
    expect(t.chat.callsOf('updateView')).toEqual([['V0OPENED', buildDigestModal(formView(loading.private_metadata)), 'h0']]);
  });

  it('edit: says in the form why it cannot be filled, not in a message', async () => {
    const err = new ForbiddenError('not the creator');
    const t = listenerDeps({ digests: { form: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.digestEdit, { value: encodeIdValue(3) });
    await digestButton('edit')(t.deps)(a.args);
    await t.settle();
    const [[, loading]] = t.chat.callsOf('openView') as [[string, { private_metadata: string }]];
    const why = buildDigestErrorMessage(err, { kind: 'digest', id: 3 });
    expect(t.chat.callsOf('updateView')).toEqual([['V0OPENED', buildDigestFailedModal('edit', loading.private_metadata, why), 'h0']]);
    expect(a.responds).toEqual([]);
  });

  it('new: says why the form could not open', async () => {
    const t = listenerDeps({ digests: { form: async (_who, _origin, _id, meta) => formView(meta) } });
    t.chat.fail('openView', 'expired_trigger_id');
    const a = actionArgs(ACTION_IDS.newDigest);
    await digestButton('new')(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toHaveLength(1);
    expect(JSON.stringify(a.responds[0])).toContain("The form didn't open");
  });

  it('ignores a button whose value it cannot read', async () => {
    const t = listenerDeps();
    const a = actionArgs(ACTION_IDS.digestResume, { value: 'nope' });
    await digestButton('resume')(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([]);
    expect(logged(t.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['ignored a digest button with an unreadable value']);
  });

  it('logs a respond that fails', async () => {
    const t = listenerDeps({ digests: { resume: async () => Promise.reject(new ForbiddenError('no')) } });
    const a = actionArgs(ACTION_IDS.digestResume, { value: encodeIdValue(3), respondFails: true });
    await digestButton('resume')(t.deps)(a.args);
    await t.settle();
    expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['digest button failed']);
  });
});
