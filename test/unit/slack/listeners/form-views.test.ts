import { SlackCallError } from '../../../../src/errors';
import { openStore } from '../../../../src/storage';
import type { Store } from '../../../../src/ports/store';
import { FormViews } from '../../../../src/slack/listeners/form-views';
import { silentLogger } from '../../../support/logger';

/** A view as Slack keeps it: each accepted update gets a new hash; a stale hash is refused. */
class SlackView {
  hash = 'h0';
  shown = 'loading';
  private n = 0;
  closed = false;
  readonly passed: (string | undefined)[] = [];

  update = (content: string) => async (hash: string | undefined): Promise<{ hash: string }> => {
    this.passed.push(hash);
    if (this.closed) throw new SlackCallError('refused', 'not_found', null, 'views.update');
    if (hash !== undefined && hash !== this.hash) throw new SlackCallError('refused', 'hash_conflict', null, 'views.update');
    this.n += 1;
    this.hash = `h${this.n}`;
    this.shown = content;
    return { hash: this.hash };
  };
}

describe('FormViews over the store', () => {
  let store: Store;
  const now = () => Date.now();
  const views = () => new FormViews(store.formViews, { now, sleep: async () => undefined });

  beforeEach(async () => {
    store = await openStore({ url: 'sqlite::memory:', logger: silentLogger() });
  });
  afterEach(() => store.close());

  it('passes the hash of our last update, not the older one a payload carries', async () => {
    const forms = views();
    const slack = new SlackView();
    const first = await forms.opened('V1', 'h0');
    expect(await forms.draw(first, slack.update('form'))).toBe('drawn');
    const next = await forms.input('V1', 'h0');
    expect(await forms.draw(next, slack.update('backtest 1'))).toBe('drawn');
    expect(slack.passed).toEqual(['h0', 'h1']);
    expect(slack.shown).toBe('backtest 1');
  });

  it('drops a drawing a newer input overtook', async () => {
    const forms = views();
    const slack = new SlackView();
    await forms.opened('V1', 'h0');
    const older = await forms.input('V1', 'h0');
    const newer = await forms.input('V1', 'h0');
    expect(await forms.draw(older, slack.update('threshold 1'))).toBe('overtaken');
    expect(await forms.draw(newer, slack.update('threshold 13'))).toBe('drawn');
    expect(slack.shown).toBe('threshold 13');
  });

  it('latest wins across replicas: inputs on two processes, answers in any order', async () => {
    const a = views();
    const b = views();
    const slack = new SlackView();
    await a.opened('V1', 'h0');
    // 1 lands on replica A, 13 on B, 130 on A; the payloads all carry Slack's h0.
    const t1 = await a.input('V1', 'h0');
    const t13 = await b.input('V1', 'h0');
    const t130 = await a.input('V1', 'h0');
    const outcomes = await Promise.all([b.draw(t13, slack.update('13')), a.draw(t130, slack.update('130')), a.draw(t1, slack.update('1'))]);
    expect(outcomes).toEqual(['overtaken', 'drawn', 'overtaken']);
    expect(slack.shown).toBe('130');
  });

  it('draws again on top of another replica that drew a moment ago', async () => {
    const a = views();
    const b = views();
    const slack = new SlackView();
    await a.opened('V1', 'h0');
    const newer = await b.input('V1', 'h0');
    // Between B reading the hash and B's update reaching Slack, replica A's drawing lands.
    let raced = false;
    const racing = async (hash: string | undefined) => {
      if (!raced) {
        raced = true;
        await slack.update('older')('h0');
        await store.formViews.drawn('V1', 'h0', slack.hash, now());
      }
      return slack.update('newest')(hash);
    };
    expect(await b.draw(newer, racing)).toBe('drawn');
    expect(slack.shown).toBe('newest');
    expect(slack.passed).toEqual(['h0', 'h0', 'h1']);
  });

  it('gives way when the view was closed or drawn by someone it cannot follow, then trusts the next payload', async () => {
    const forms = views();
    const slack = new SlackView();
    const ticket = await forms.opened('V1', 'h0');
    slack.hash = 'elsewhere';
    expect(await forms.draw(ticket, slack.update('x'))).toBe('gone');
    expect(await forms.draw(await forms.input('V1', 'elsewhere'), slack.update('y'))).toBe('drawn');
    expect(slack.passed.at(-1)).toBe('elsewhere');
    slack.closed = true;
    expect(await forms.draw(await forms.input('V1', undefined), slack.update('z'))).toBe('gone');
    // Any other refusal is the caller's to hear.
    const invalid = async () => Promise.reject(new SlackCallError('refused', 'invalid_arguments', null, 'views.update'));
    await expect(forms.draw(await forms.input('V1', undefined), invalid)).rejects.toThrow('invalid_arguments');
  });

  it('forgets forms untouched for a day', async () => {
    let t = Date.UTC(2026, 11, 1);
    const forms = new FormViews(store.formViews, { now: () => t });
    await forms.opened('OLD', 'h0');
    t += 2 * 86_400_000;
    await forms.opened('NEW', 'h0');
    expect(await store.formViews.get('OLD')).toBeNull();
    expect(await store.formViews.get('NEW')).toEqual({ seq: 1, hash: 'h0' });
  });
});
