import { NotFoundError } from '../../../../../src/errors';
import { ACTION_IDS, buildReportMessage, encodeReportValue } from '../../../../../src/slack/blocks';
import { buildErrorMessage } from '../../../../../src/slack/blocks/errors';
import { otherDay, share } from '../../../../../src/slack/listeners/report/buttons';
import { reportView } from '../../blocks/fixtures';
import { LEVEL, asSent, USER, actionArgs, listenerDeps, logged } from '../helpers';

const value = encodeReportValue({ kind: 'building', id: 71, date: '2025-11-24', granularity: 'PT1H' });

describe('previous / next day', () => {
  it('acks, then redraws the answer in place for the other day', async () => {
    const view = reportView({ date: '2025-11-24' });
    const asked: unknown[] = [];
    const t = listenerDeps({ reports: { building: async (req) => (asked.push(req), view) } });
    const a = actionArgs(ACTION_IDS.previousDay, { value });
    await otherDay(t.deps)(a.args);
    expect(a.acks).toEqual([undefined]);
    await t.settle();
    expect(asked).toEqual([{ kind: 'building', id: 71, date: '2025-11-24', granularity: 'PT1H' }]);
    expect(a.responds).toEqual([{ response_type: 'ephemeral', replace_original: true, ...asSent(buildReportMessage(view)) }]);
  });

  it('puts the words for the error in place of the answer when the report fails', async () => {
    const err = new NotFoundError('building', 71);
    const t = listenerDeps({ reports: { building: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.nextDay, { value });
    await otherDay(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([{ response_type: 'ephemeral', replace_original: true, ...buildErrorMessage(err, { kind: 'building', id: 71 }) }]);
  });

  it('ignores a value it cannot read, after the ack', async () => {
    const t = listenerDeps();
    const a = actionArgs(ACTION_IDS.nextDay, { value: '{"kind":"building","id":"71"}' });
    await otherDay(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([]);
    expect(logged(t.lines, LEVEL.warn).map((l) => l.msg)).toEqual(['ignored a report button with an unreadable value']);
  });

  it('logs a respond that fails', async () => {
    const t = listenerDeps({ reports: { building: async () => reportView() } });
    const a = actionArgs(ACTION_IDS.previousDay, { value, respondFails: true });
    await otherDay(t.deps)(a.args);
    await t.settle();
    expect(logged(t.lines, LEVEL.error).map((l) => l.msg)).toEqual(['the report button failed']);
  });
});

describe('share in channel', () => {
  it('posts the answer visibly, credited to the sharer, and removes the private copy', async () => {
    const view = reportView();
    const t = listenerDeps({ reports: { building: async () => view } });
    const a = actionArgs(ACTION_IDS.share, { value });
    await share(t.deps)(a.args);
    await t.settle();
    expect(a.acks).toHaveLength(1);
    expect(a.responds).toEqual([
      { response_type: 'in_channel', replace_original: false, ...asSent(buildReportMessage({ ...view, sharedBy: USER })) },
      { delete_original: true },
    ]);
  });

  it('keeps a failure private and the original in place', async () => {
    const err = new NotFoundError('building', 71);
    const t = listenerDeps({ reports: { building: async () => Promise.reject(err) } });
    const a = actionArgs(ACTION_IDS.share, { value });
    await share(t.deps)(a.args);
    await t.settle();
    expect(a.responds).toEqual([{ response_type: 'ephemeral', replace_original: false, ...buildErrorMessage(err, { kind: 'building', id: 71 }) }]);
  });
});
