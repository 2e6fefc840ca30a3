import { INITIAL_STATE, advance, markNoData, type Reading, type Rule } from '../../../../src/services/alerts/machine';
import { itemsForBatch, mergeOutbox, type Batch } from '../../../../src/services/alerts/outbox';
import { freshState, machineOf, readOutbox, stateRow, writeOutbox, type OutboxItem } from '../../../../src/services/alerts/stored';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-24T15:00:00Z');
const RULE: Rule = { direction: 'above', threshold: 80, recovery: 75, minDuration: 2 };
const noChart = () => [];
const itemsOf = (...args: Parameters<typeof itemsForBatch>): OutboxItem[] => itemsForBatch(...args).items;

function hourly(values: readonly number[], from = T0): Reading[] {
  return values.map((value, i) => ({ start: from + i * HOUR, end: from + (i + 1) * HOUR, value }));
}

function batch(before = INITIAL_STATE, readings: Reading[], extra: Partial<Batch> = {}): Batch {
  const run = advance(RULE, before, readings);
  return { before, after: run.state, events: run.events, noDataEntered: false, lastPublished: null, ...extra };
}

describe('alert outbox', () => {
  it('an episode that opens and closes in one batch: one message that tells it closed, nothing more', () => {
    const items = itemsOf(batch(INITIAL_STATE, hourly([81, 85, 90, 70])), null, noChart);
    expect(items.map((i) => i.kind)).toEqual(['open']);
    expect(items[0]).toMatchObject({ episodeStart: T0, breachEnd: T0 + 3 * HOUR, recoveredAt: T0 + 3 * HOUR, extreme: 90, extremeAt: T0 + 2 * HOUR });
  });

  it('an open episode shows how it stands at the end of the batch', () => {
    const items = itemsOf(batch(INITIAL_STATE, hourly([81, 85, 90, 78])), null, noChart);
    expect(items).toEqual([expect.objectContaining({ kind: 'open', breachEnd: T0 + 3 * HOUR, recoveredAt: null, extreme: 90 })]);
  });

  it('an episode carried into a new batch is edited in place, or reminded about past the re-notify interval', () => {
    const first = advance(RULE, INITIAL_STATE, hourly([81, 85])).state;
    const quiet = itemsOf(batch(first, hourly([86], T0 + 2 * HOUR)), null, noChart);
    expect(quiet.map((i) => i.kind)).toEqual(['update']);
    const remind = itemsOf(batch(first, hourly([86, 87, 88], T0 + 2 * HOUR)), 120, noChart);
    expect(remind.map((i) => i.kind)).toEqual(['still']);
    // Nothing new in the batch: nothing to say.
    expect(itemsOf(batch(first, []), 60, noChart)).toEqual([]);
  });

  it('a late publish during an episode says so once, in the thread', () => {
    const alerting = advance(RULE, INITIAL_STATE, hourly([81, 85])).state;
    const marked = markNoData(alerting);
    const items = itemsOf({ before: alerting, after: marked.state, events: [], noDataEntered: marked.entered, lastPublished: '2026-11-24' }, null, noChart);
    expect(items).toEqual([expect.objectContaining({ kind: 'no_data', lastPublished: '2026-11-24' })]);
    const again = markNoData(marked.state);
    expect(itemsOf({ before: marked.state, after: again.state, events: [], noDataEntered: again.entered, lastPublished: null }, null, noChart)).toEqual([]);
  });

  it('one publish with a morning and an afternoon episode: one message listing both, the chart over the whole span', () => {
    const spans: { start: number; end: number }[] = [];
    const windowFor = (span: { start: number; end: number }) => {
      spans.push(span);
      return [span.start, 1];
    };
    // 81 85 70 | 60 | 82 84 79: the first episode is over at 70, the second still open at 79.
    const { items, told } = itemsForBatch(batch(INITIAL_STATE, hourly([81, 85, 70, 60, 82, 84, 79])), null, windowFor);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'open', episodeStart: T0 + 4 * HOUR, breachEnd: T0 + 6 * HOUR, recoveredAt: null, extreme: 84,
      earlier: [{ start: T0, breachEnd: T0 + 2 * HOUR, recoveredAt: T0 + 2 * HOUR, extreme: 85, extremeAt: T0 + HOUR }],
    });
    expect(spans).toEqual([{ start: T0, end: T0 + 6 * HOUR }]);
    // Kept with the state while the last one is open, so a later edit lists both again.
    expect(told).toEqual(items[0]!.earlier);

    // The next publish closes the afternoon episode: the same message is edited, listing both.
    const first = advance(RULE, INITIAL_STATE, hourly([81, 85, 70, 60, 82, 84, 79])).state;
    const next = itemsForBatch(batch(first, hourly([70], T0 + 7 * HOUR)), null, windowFor, told);
    expect(next.items).toEqual([expect.objectContaining({ kind: 'close', episodeStart: T0 + 4 * HOUR, recoveredAt: T0 + 7 * HOUR, earlier: told })]);
    expect(spans.at(-1)).toEqual({ start: T0, end: T0 + 7 * HOUR });
    expect(next.told).toEqual([]);
  });

  it('a publish that closes the carried episode and opens new ones: the old message closes, one new message for the new', () => {
    const open = advance(RULE, INITIAL_STATE, hourly([81, 85])).state;
    const { items, told } = itemsForBatch(batch(open, hourly([70, 81, 82, 70, 81, 83], T0 + 2 * HOUR)), null, noChart);
    expect(items.map((i) => [i.kind, i.episodeStart, i.earlier?.length ?? 0])).toEqual([
      ['close', T0, 0],
      ['open', T0 + 6 * HOUR, 1],
    ]);
    expect(told).toHaveLength(1);
  });

  it('a grouped message still waiting (quiet hours) takes the close of its last episode and keeps the episodes it lists', () => {
    const earlier = [{ start: T0, breachEnd: T0 + HOUR, recoveredAt: T0 + 2 * HOUR, extreme: 90, extremeAt: T0 }];
    const open: OutboxItem = {
      kind: 'open', phase: 'queued', episodeStart: T0 + 4 * HOUR, breachEnd: T0 + 6 * HOUR, recoveredAt: null, extreme: 88, extremeAt: T0 + 4 * HOUR,
      window: [], lastPublished: null, earlier,
    };
    const close: OutboxItem = { ...open, kind: 'close', recoveredAt: T0 + 7 * HOUR, window: [T0, 90] };
    expect(mergeOutbox([open], [close]).items).toEqual([{ ...close, kind: 'open' }]);
  });

  it('a batch that catches up on several publishes sends one message per publish', () => {
    // Two local days of two episodes each (the day changes at T0 + 6 h here); the last still open.
    const publishOf = (ms: number) => (ms < T0 + 6 * HOUR ? 'mon' : 'tue');
    const readings = hourly([81, 85, 70, 81, 82, 70, 81, 83, 70, 81, 82]);
    const items = itemsOf(batch(INITIAL_STATE, readings, { publishOf }), null, noChart);
    expect(items.map((i) => [i.kind, i.episodeStart, i.recoveredAt, (i.earlier ?? []).map((e) => e.start)])).toEqual([
      ['open', T0 + 3 * HOUR, T0 + 5 * HOUR, [T0]],
      ['open', T0 + 9 * HOUR, null, [T0 + 6 * HOUR]],
    ]);
  });

  it('a stored told list and outbox survive the row, and rows written before it read as none', () => {
    const earlier = [{ start: T0, breachEnd: T0 + HOUR, recoveredAt: T0 + HOUR, extreme: 90, extremeAt: T0 }];
    const queued: OutboxItem = { kind: 'open', phase: 'queued', episodeStart: T0 + 3 * HOUR, breachEnd: T0 + 4 * HOUR, recoveredAt: null, extreme: 88, extremeAt: T0 + 3 * HOUR, window: [], lastPublished: null, earlier };
    expect(readOutbox(writeOutbox([queued], earlier))).toEqual({ items: [queued], told: earlier, unreadable: 0 });
    const { earlier: _dropped, ...old } = queued;
    expect(readOutbox([{ ...old, window: [] }])).toEqual({ items: [old], told: [], unreadable: 0 });
  });

  it('merging keeps one waiting edit per episode, keeps reminders, and never touches an item being sent', () => {
    const base: OutboxItem = {
      kind: 'update', phase: 'queued', episodeStart: T0, breachEnd: T0 + HOUR, recoveredAt: null, extreme: 81, extremeAt: T0,
      window: [], lastPublished: null,
    };
    const still = { ...base, kind: 'still' as const, breachEnd: T0 + 2 * HOUR };
    const later = { ...base, breachEnd: T0 + 3 * HOUR };
    expect(mergeOutbox([base], [later]).items).toEqual([later]);
    expect(mergeOutbox([still], [later]).items).toEqual([{ ...later, kind: 'still' }]);
    const open = { ...base, kind: 'open' as const };
    expect(mergeOutbox([open], [later]).items).toEqual([{ ...later, kind: 'open' }]);
    const close = { ...base, kind: 'close' as const, recoveredAt: T0 + 4 * HOUR };
    // Closed before its message went out: the message tells the whole episode.
    expect(mergeOutbox([open], [close]).items).toEqual([{ ...close, kind: 'open' }]);
    const sending = { ...open, phase: 'sending' as const };
    expect(mergeOutbox([sending], [later]).items).toEqual([sending, later]);
  });

  it('stores and reads back every phase, the episode breach end included', () => {
    const extras = { subscriptionId: 7, teamId: 'T1', messageChannel: 'D1', messageTs: '1.2', lastNotifiedAt: T0, outbox: [] };
    for (const values of [[], [81], [81, 85, 78], [81, 85, 70]]) {
      const state = advance(RULE, INITIAL_STATE, hourly(values)).state;
      for (const s of [state, markNoData(state).state]) {
        const row = { ...stateRow(s, extras), updatedAt: 0 };
        expect(machineOf(row)).toEqual(s);
      }
    }
    expect(machineOf(null)).toEqual(INITIAL_STATE);
    expect(freshState(7, 'T1', T0, 5)).toMatchObject({ state: 'OK', evaluatedThrough: T0, lastNotifiedAt: 5, deferred: [] });
  });

  it('reads the outbox defensively', () => {
    const item: OutboxItem = {
      kind: 'open', phase: 'queued', episodeStart: 1, breachEnd: 2, recoveredAt: null, extreme: 3, extremeAt: 1, window: [1, 3], lastPublished: null,
    };
    const read = readOutbox([...writeOutbox([item]), { kind: 'mystery' }]);
    expect(read.items).toEqual([item]);
    expect(read.unreadable).toBe(1);
  });
});
