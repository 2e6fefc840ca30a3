/**
 * The shapes Slack sends to the events endpoint, checked before Bolt sees a request: Bolt and
 * our listeners read these fields without asking, so a body that lacks them (or carries a
 * field twice) would throw deep inside and leave Slack waiting. Unknown fields are allowed:
 * Slack adds fields over time. Only what we rely on is required.
 */
import { z } from 'zod';

const id = z.string().min(1).max(100);
const user = z.object({ id }).passthrough();

const command = z
  .object({
    command: z.string().regex(/^\/[\w-]{1,32}$/),
    // Long texts reach the parser, which says how long a command may be.
    text: z.string().max(40_000).optional(),
    user_id: id,
    channel_id: id,
    team_id: id,
    response_url: z.string().url().max(500).optional(),
    trigger_id: z.string().max(200).optional(),
  })
  .passthrough();

/**
 * What an element reports (an action, or an input in a view's state), typed as Slack sends
 * each field: the listeners read them as such. A field is checked only when present.
 */
const option = z.object({ value: z.string() }).passthrough();
const picked = z.string().nullable().optional();
const pickedMany = z.array(z.string()).optional();
const elementState = {
  type: z.string().max(50).optional(),
  value: z.string().nullable().optional(),
  selected_option: option.nullable().optional(),
  selected_options: z.array(option).optional(),
  selected_date: picked,
  selected_time: picked,
  selected_date_time: z.number().nullable().optional(),
  selected_conversation: picked,
  selected_channel: picked,
  selected_user: picked,
  selected_conversations: pickedMany,
  selected_channels: pickedMany,
  selected_users: pickedMany,
};
const action = z.object({ action_id: z.string().min(1).max(255), ...elementState }).passthrough();
const viewState = z.object({ values: z.record(z.string(), z.record(z.string(), z.object(elementState).passthrough())) }).passthrough();
const view = z
  .object({
    id,
    callback_id: z.string().max(255).optional(),
    private_metadata: z.string().max(3000).optional(),
    hash: z.string().max(100).optional(),
    state: viewState.optional(),
  })
  .passthrough();

const interaction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('block_actions'), user, actions: z.array(action).min(1).max(25), view: view.optional() }).passthrough(),
  // A submission always carries its form's state; the listeners read it.
  z.object({ type: z.literal('view_submission'), user, view: view.extend({ state: viewState }) }).passthrough(),
  z.object({ type: z.literal('view_closed'), user, view }).passthrough(),
  z.object({ type: z.literal('block_suggestion'), user, action_id: z.string().min(1).max(255), value: z.string().max(2000) }).passthrough(),
  z.object({ type: z.literal('shortcut'), user, callback_id: z.string().min(1).max(255), trigger_id: z.string().max(200) }).passthrough(),
  z.object({ type: z.literal('message_action'), user, callback_id: z.string().min(1).max(255), trigger_id: z.string().max(200) }).passthrough(),
]);

const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('url_verification'), challenge: z.string().min(1).max(500) }).passthrough(),
  z.object({ type: z.literal('event_callback'), team_id: id.optional(), event: z.object({ type: z.string().min(1).max(100) }).passthrough() }).passthrough(),
  z.object({ type: z.literal('app_rate_limited') }).passthrough(),
]);

export type Shape =
  | { kind: 'command' | 'interaction' | 'event'; contentType: string }
  /** Slack telling the app it is dropping its events (more than 30,000 an hour): nothing for Bolt. */
  | { kind: 'events_rate_limited'; minute: number | null }
  | { kind: 'bad'; problem: string };

export const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** Slack's certificate check: a form with ssl_check=1 and nothing Slack would act on. */
export function isSslCheck(contentTypeHeader: string | undefined, body: string): boolean {
  if (mediaType(contentTypeHeader) !== FORM) return false;
  const params = new URLSearchParams(body);
  return params.get('ssl_check') === '1' && !params.has('payload') && !params.has('command');
}

/** What the body is, or in a few words why it is none of what Slack sends. */
export function readShape(contentTypeHeader: string | undefined, body: string): Shape {
  const contentType = mediaType(contentTypeHeader);
  if (contentType === JSON_TYPE) {
    const parsed = parseJson(body);
    if (parsed === undefined) return { kind: 'bad', problem: 'the body is not JSON' };
    const read = event.safeParse(parsed);
    if (!read.success) return { kind: 'bad', problem: 'the body is not an event Slack sends' };
    if (read.data.type === 'app_rate_limited') {
      const minute = (read.data as { minute_rate_limited?: unknown }).minute_rate_limited;
      return { kind: 'events_rate_limited', minute: typeof minute === 'number' ? minute : null };
    }
    return { kind: 'event', contentType };
  }
  if (contentType !== FORM) return { kind: 'bad', problem: `content-type must be ${FORM} or ${JSON_TYPE}` };
  const params = new URLSearchParams(body);
  const fields: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in fields) return { kind: 'bad', problem: `the field ${key.slice(0, 40)} is given more than once` };
    fields[key] = value;
  }
  if (fields.payload !== undefined) {
    const parsed = parseJson(fields.payload);
    if (parsed === undefined) return { kind: 'bad', problem: 'payload is not JSON' };
    return interaction.safeParse(parsed).success ? { kind: 'interaction', contentType } : { kind: 'bad', problem: 'payload is not an interaction Slack sends' };
  }
  return command.safeParse(fields).success ? { kind: 'command', contentType } : { kind: 'bad', problem: 'the body is not a slash command Slack sends' };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
