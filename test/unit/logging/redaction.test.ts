import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logging/logger';
import { StorageError, UpstreamAuthError } from '../../../src/errors';

const CANARIES = {
  botToken: 'xoxb-111-222-CANARYBOTTOKEN',
  appToken: 'xapp-1-A1-CANARYAPPTOKEN',
  signing: 'CANARYSIGNINGSECRET0123456789',
  clientSecret: 'CANARY-CLIENT-SECRET-42',
  session: 'CANARY-SESSION-ID-9f8e7d',
};

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

describe('logger redaction', () => {
  it('never writes a canary secret, in fields, nested objects, messages or errors', () => {
    const { lines, stream } = capture();
    const { logger, addSecret } = createLogger({
      level: 'trace',
      secrets: [CANARIES.botToken, CANARIES.appToken, CANARIES.signing, CANARIES.clientSecret],
      destination: stream,
    });
    addSecret(CANARIES.session);
    const child = logger.child({ requestId: 'r1', token: CANARIES.botToken });
    child.info({ headers: { Authorization: `Bearer ${CANARIES.session}`, 'X-Session-Id': CANARIES.session } }, 'calling upstream');
    child.info({ deep: { a: { b: { c: { d: { note: `token is ${CANARIES.clientSecret}` } } } } } }, 'nested');
    child.warn(`message text with ${CANARIES.appToken} and ${CANARIES.signing}`);
    child.error({ err: new Error(`request failed: {"session_id":"${CANARIES.session}"}`) }, 'failure');
    child.error(
      {
        err: new UpstreamAuthError(
          'auth failed',
          { upstream: 'innerspace', operation: 'token', messages: [`client_secret=${CANARIES.clientSecret}`], codes: [] },
          new Error(`Bearer ${CANARIES.session}`),
        ),
      },
      'typed failure',
    );
    child.info({ body: { client_id: 'id', client_secret: CANARIES.clientSecret, audience: 'x' } }, 'token request');
    child.info({ list: [{ response_url: 'https://hooks.slack.com/commands/T1/2/3' }] }, 'array');
    child.info('an unknown xoxb-999-888-OTHERTOKEN appears in text');

    const all = lines.join('');
    expect(lines.length).toBe(8);
    for (const canary of Object.values(CANARIES)) expect(all).not.toContain(canary);
    expect(all).not.toContain('OTHERTOKEN');
    expect(all).not.toContain('hooks.slack.com/commands');
    expect(all).toContain('[REDACTED]');
    // Non-secret context survives.
    expect(all).toContain('requestId');
    expect(all).toContain('auth failed');
    expect(all).toContain('UPSTREAM_AUTH');
  });
});

describe('typed errors in logs', () => {
  it('shows their fields, and still no secret that found its way into one', () => {
    const { lines, stream } = capture();
    const { logger } = createLogger({ level: 'info', secrets: [CANARIES.clientSecret], destination: stream });
    const err = new StorageError('Cannot open the database', { path: `/data/${CANARIES.clientSecret}/bot.db`, op: 'open' }, Object.assign(new Error('SQLITE_CANTOPEN'), { token: 'xoxb-1-2-LEAK' }));
    logger.error({ err }, 'storage failed');
    logger.warn({ code: err.code, err }, 'again');
    const all = lines.join('');
    expect(all).not.toContain(CANARIES.clientSecret);
    expect(all).not.toContain('LEAK');
    const first = JSON.parse(lines[0] ?? '{}') as { err?: Record<string, unknown> };
    expect(first.err).toMatchObject({ type: 'StorageError', code: 'STORAGE', op: 'open', path: '/data/[REDACTED]/bot.db', message: 'Cannot open the database' });
  });
});

describe('URLs in log text', () => {
  it('keeps the host of a URL but never its password', () => {
    const chunks: string[] = [];
    const { logger } = createLogger({ level: 'info', destination: new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }) });
    logger.error({ err: new Error('Request cannot be constructed from a URL that includes credentials: http://user:pa55word@127.0.0.1:1/api/auth.test') }, 'start failed');
    const text = chunks.join('');
    expect(text).not.toContain('pa55word');
    expect(text).toContain('127.0.0.1:1/api/auth.test');
  });
});
