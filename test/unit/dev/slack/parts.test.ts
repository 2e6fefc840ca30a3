import { Capabilities, RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS, TRIGGER_TTL_MS } from '../../../../dev/slack/capabilities';
import { SlackMethodError } from '../../../../dev/slack/errors';
import { FaultBook } from '../../../../dev/slack/faults';
import { parseBody } from '../../../../dev/slack/http';
import { IdMinter, permalinkPath } from '../../../../dev/slack/ids';

const clock = (start = 1_764_000_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
};

const errorOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof SlackMethodError ? e.error : String(e);
  }
};

describe('IdMinter', () => {
  test('message timestamps keep increasing within the same millisecond', () => {
    const ids = new IdMinter(() => 1_764_000_000_123);
    const a = ids.ts();
    const b = ids.ts();
    expect(a).toBe('1764000000.123000');
    expect(b).toBe('1764000000.123001');
    expect(Number(b)).toBeGreaterThan(Number(a));
  });

  test('ids carry their prefix and do not repeat', () => {
    const ids = new IdMinter(Date.now);
    const made = new Set(Array.from({ length: 200 }, () => ids.id('D')));
    expect(made.size).toBe(200);
    expect([...made].every((id) => /^D[A-Z0-9]+$/.test(id))).toBe(true);
  });

  test('permalinks drop the dot of the ts', () => {
    expect(permalinkPath('C1', '1764000000.123456')).toBe('/archives/C1/p1764000000123456');
  });
});

describe('Capabilities', () => {
  test('a trigger_id works once and only within 3 s', () => {
    const c = clock();
    const caps = new Capabilities(new IdMinter(c.now), c.now);
    const t1 = caps.mintTrigger('U1');
    expect(caps.spendTrigger(t1)).toBe('U1');
    expect(errorOf(() => caps.spendTrigger(t1))).toBe('exchanged_trigger_id');
    const t2 = caps.mintTrigger('U1');
    c.advance(TRIGGER_TTL_MS + 1);
    expect(errorOf(() => caps.spendTrigger(t2))).toBe('expired_trigger_id');
    expect(errorOf(() => caps.spendTrigger('1.2.nope'))).toBe('invalid_trigger_id');
  });

  test('a response_url allows 5 uses within 30 minutes', () => {
    const c = clock();
    const caps = new Capabilities(new IdMinter(c.now), c.now);
    const rec = caps.mintResponseUrl('http://h', { kind: 'command', user: 'U1', channel: 'C1' });
    expect(rec.url).toBe(`http://h/response/${rec.id}`);
    for (let i = 0; i < RESPONSE_URL_MAX_USES; i += 1) expect(caps.useResponseUrl(rec)).toBeUndefined();
    expect(caps.useResponseUrl(rec)).toBe('used_url');
    const late = caps.mintResponseUrl('http://h', { kind: 'command', user: 'U1', channel: 'C1' });
    c.advance(RESPONSE_URL_TTL_MS + 1);
    expect(caps.useResponseUrl(late)).toBe('expired_url');
  });

  test('a socket ticket is spent on first use', () => {
    const caps = new Capabilities(new IdMinter(Date.now), Date.now);
    const t = caps.mintTicket();
    expect(caps.spendTicket(t)).toBe(true);
    expect(caps.spendTicket(t)).toBe(false);
  });
});

describe('FaultBook', () => {
  test('queued faults are taken once each, in order', () => {
    const f = new FaultBook();
    f.failNext('chat.postMessage', { error: 'a' });
    f.failNext('chat.postMessage', { status: 500 }, 2);
    expect(f.take('chat.postMessage')).toEqual({ error: 'a' });
    expect(f.take('chat.postMessage')).toEqual({ status: 500 });
    expect(f.take('chat.postMessage')).toEqual({ status: 500 });
    expect(f.take('chat.postMessage')).toBeUndefined();
  });

  test('the rate limit counts per channel in a sliding second', () => {
    const f = new FaultBook();
    f.rateLimit('chat.postMessage', 1);
    expect(f.overLimit('chat.postMessage', 'C1', 10_000)).toBeUndefined();
    expect(f.overLimit('chat.postMessage', 'C1', 10_400)).toBe(1);
    expect(f.overLimit('chat.postMessage', 'C2', 10_400)).toBeUndefined();
    expect(f.overLimit('chat.postMessage', 'C1', 11_001)).toBeUndefined();
    expect(f.overLimit('chat.update', 'C1', 11_001)).toBeUndefined();
    f.rateLimit('chat.postMessage', 0);
    expect(f.overLimit('chat.postMessage', 'C1', 11_002)).toBeUndefined();
  });
});

describe('parseBody', () => {
  test('form fields that Slack sends as JSON are decoded, others stay text', async () => {
    const raw = new URLSearchParams({ channel: 'C1', text: '{not json}', blocks: JSON.stringify([{ type: 'divider' }]) }).toString();
    const { args } = await parseBody('application/x-www-form-urlencoded', Buffer.from(raw));
    expect(args).toEqual({ channel: 'C1', text: '{not json}', blocks: [{ type: 'divider' }] });
  });

  test('JSON bodies and multipart uploads are read', async () => {
    expect((await parseBody('application/json; charset=utf-8', Buffer.from('{"channel":"C1"}'))).args).toEqual({ channel: 'C1' });
    const form = new FormData();
    form.append('channel', 'C1');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'a.png');
    const res = new Response(form);
    const parsed = await parseBody(res.headers.get('content-type') ?? '', Buffer.from(await res.arrayBuffer()));
    expect(parsed.args).toEqual({ channel: 'C1' });
    expect(parsed.parts).toEqual([{ field: 'file', filename: 'a.png', bytes: Buffer.from([1, 2, 3]) }]);
  });
});
