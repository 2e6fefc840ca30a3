/**
 * The bot under property tests: the real app over HTTP against the embedded Slack (the
 * integration harness), plus what the properties need on top of it: raw signed POSTs for
 * payloads the driver cannot shape, the ack time of every request, and everything the bot sent
 * to Slack since a mark (Web API calls, response_url posts), for the escaping and limit checks.
 */
import { performance } from 'node:perf_hooks';
import { signSlackRequest } from '../../../dev/slack';
import type { ApiCall } from '../../../dev/slack';
import { TEST_SIGNING_SECRET } from '../../fakes/slack';
import { createTestWorld, type AppUnderTest, type TestWorld } from '../../integration/app/harness';
import type { SlackDriver } from '../../../dev/slack';

export const FORM = 'application/x-www-form-urlencoded';

export interface Acked {
  readonly status: number;
  readonly text: string;
  /** Parsed JSON when the answer is JSON. */
  readonly body: unknown;
  /** From the first byte sent to the last byte of the answer read. */
  readonly ms: number;
}

/** Something the bot sent to Slack: a message or a view, and where it went. */
export interface Outgoing {
  readonly where: string;
  readonly message?: { readonly text?: string; readonly blocks?: readonly unknown[] };
  readonly view?: Record<string, unknown>;
  /** Slack refused it for its content (invalid_blocks, msg_too_long …). */
  readonly refused?: string;
}

export interface Mark {
  readonly calls: number;
  readonly responses: number;
}

/** Slack's errors for content it will not show: none of them may ever answer the bot. */
const CONTENT_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'invalid_arguments', 'msg_too_long', 'invalid_attachments', 'invalid_metadata_format']);
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'chat.scheduleMessage']);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

export class PropertyBot {
  private constructor(
    readonly world: TestWorld,
    public app: AppUnderTest,
    public driver: SlackDriver,
  ) {}

  static async start(): Promise<PropertyBot> {
    const world = await createTestWorld();
    try {
      const { app, driver } = await world.start();
      return new PropertyBot(world, app, driver);
    } catch (err) {
      await world.close();
      throw err;
    }
  }

  get slack(): TestWorld['slack'] {
    return this.world.slack;
  }

  /** A unique trigger id, so no two bodies are ever the same request (the gate answers a replay without running it). */
  triggerId(user: string): string {
    return this.slack.mintTriggerId(user);
  }

  /** Signs `raw` as Slack does (now, the harness secret) and POSTs it to the events endpoint. */
  async post(contentType: string, raw: string): Promise<Acked> {
    // Signed with the real time, as the driver signs: the gate checks the window against it.
    const ts = Math.floor(Date.now() / 1000);
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${this.app.port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signSlackRequest(TEST_SIGNING_SECRET, ts, raw) },
      body: raw,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    return { status: res.status, text, body: parseJson(text), ms };
  }

  /** An interaction payload, form-encoded as Slack sends it. */
  interaction(payload: unknown): Promise<Acked> {
    return this.post(FORM, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
  }

  /** Times a driver call: the driver's own request is the whole of it. */
  async timed<T extends { status: number; body: unknown; text: string }>(send: () => Promise<T>): Promise<T & { ms: number }> {
    const started = performance.now();
    const res = await send();
    return { ...res, ms: performance.now() - started };
  }

  mark(): Mark {
    return { calls: this.slack.calls.length, responses: this.slack.responses.length };
  }

  /** What the bot sent to Slack since `mark`, answered or refused. */
  outgoingSince(mark: Mark): Outgoing[] {
    const out: Outgoing[] = [];
    for (const call of this.slack.calls.slice(mark.calls)) {
      const o = outgoingOfCall(call);
      if (o) out.push(o);
    }
    for (const r of this.slack.responses.slice(mark.responses)) {
      out.push({ where: `response_url ${r.id}`, message: r.body as Outgoing['message'], ...(r.error && CONTENT_ERRORS.has(r.error) ? { refused: r.error } : {}) });
    }
    return out;
  }

  /** Log lines at level error or fatal since `from` (pino levels 50 and 60). */
  errorLogsSince(from: number): string[] {
    return this.world.logs.slice(from).filter((line) => {
      const level = (parseJson(line) as { level?: number } | undefined)?.level;
      return typeof level === 'number' && level >= 50;
    });
  }

  /** Stops the app, which waits for every answer under way: after it, nothing more is sent. */
  async drain(): Promise<void> {
    await this.app.stop();
  }

  /** A new process on the same store, as after a deploy. */
  async restart(): Promise<void> {
    const { app, driver } = await this.world.start();
    this.app = app;
    this.driver = driver;
  }

  close(): Promise<void> {
    return this.world.close();
  }
}

function outgoingOfCall(call: ApiCall): Outgoing | null {
  const refused =
    call.response && call.response.ok === false && CONTENT_ERRORS.has(String(call.response.error)) && !aboutViewType(call.response)
      ? { refused: `${JSON.stringify(call.response).slice(0, 400)} for ${JSON.stringify(call.args).slice(0, 600)}` }
      : {};
  if (MESSAGE_METHODS.has(call.method)) {
    return { where: call.method, message: { text: str(call.args.text), blocks: Array.isArray(call.args.blocks) ? call.args.blocks : undefined }, ...refused };
  }
  if (VIEW_METHODS.has(call.method) && typeof call.args.view === 'object' && call.args.view !== null) {
    return { where: call.method, view: call.args.view as Record<string, unknown>, ...refused };
  }
  return null;
}

/**
 * A made-up payload can name a Home tab where a form should be (a form's field changed on
 * Home), and the bot redraws it as the form: Slack refuses the type, not the content. Real
 * Slack never sends that; the content checks still apply to the view the bot sent.
 */
function aboutViewType(response: Record<string, unknown>): boolean {
  const errors = Array.isArray(response.errors) ? response.errors.map(String) : [];
  return errors.length > 0 && errors.every((e) => e.endsWith('[json-pointer:/view/type]'));
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
