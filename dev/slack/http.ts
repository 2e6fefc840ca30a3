import type { IncomingMessage, ServerResponse } from 'node:http';

/** Fields Slack's Web API takes as JSON text inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files', 'unfurls', 'user_auth_blocks']);

export interface UploadedPart {
  readonly field: string;
  readonly filename: string;
  readonly bytes: Buffer;
}

export interface ParsedBody {
  readonly args: Record<string, unknown>;
  readonly parts: UploadedPart[];
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new BodyTooLargeError(`body over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  const t = value.trim();
  if (!t.startsWith('[') && !t.startsWith('{')) return value;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return value;
  }
}

/** Parses a body the way Slack does: form fields (JSON-decoded where Slack expects JSON), JSON, or multipart. */
export async function parseBody(contentType: string, raw: Buffer): Promise<ParsedBody> {
  const ct = contentType.toLowerCase();
  if (raw.length === 0) return { args: {}, parts: [] };
  if (ct.startsWith('application/json')) {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('JSON body must be an object');
    return { args: parsed as Record<string, unknown>, parts: [] };
  }
  if (ct.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const args: Record<string, unknown> = {};
    const files: Array<{ key: string; file: File }> = [];
    form.forEach((value, key) => {
      if (typeof value === 'string') args[key] = decodeField(key, value);
      else files.push({ key, file: value });
    });
    const parts: UploadedPart[] = [];
    for (const { key, file } of files) parts.push({ field: key, filename: file.name, bytes: Buffer.from(await file.arrayBuffer()) });
    return { args, parts };
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = decodeField(key, value);
  return { args, parts: [] };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads an argument as a trimmed string, treating numbers and booleans as their text. */
export function str(args: Record<string, unknown>, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Slack's loose booleans: true, "true", "1". */
export function bool(args: Record<string, unknown>, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}
