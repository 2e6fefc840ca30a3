import { fail } from '../errors';
import type { FileRef, StoredFile } from '../types';
import { isObj } from '../validation-elements';
import { wireFile } from '../wire';
import type { WorkspaceState } from '../state';
import type { MethodContext, MethodHandler, WorkspaceCore } from './context';
import { messageContent, postTarget, str, threadRoot } from './access';

const MIME: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml', webp: 'image/webp',
  pdf: 'application/pdf', csv: 'text/csv', txt: 'text/plain', json: 'application/json', html: 'text/html',
};

export function mimeOf(name: string): string {
  return MIME[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

export function fileRef(core: WorkspaceCore, f: StoredFile): FileRef {
  const name = encodeURIComponent(f.name);
  return {
    id: f.id, name: f.name, title: f.title, mimetype: mimeOf(f.name), size: f.bytes?.length ?? f.declaredLength,
    urlPrivate: `${core.baseUrl()}/files/${f.id}/${name}`, permalink: `${core.baseUrl()}/files/${core.state.bot.userId}/${f.id}/${name}`,
  };
}

/** The image types a slack_file may show (Slack's docs: png, jpg, jpeg, gif). */
const SHOWABLE = new Set(['image/png', 'image/jpeg', 'image/gif']);

/**
 * Whether a `slack_file` reference (id, or url_private / permalink) names a file an image block
 * may show: uploaded, completed with files.completeUploadExternal, and an image. The bot's own
 * uploads are visible to it whether shared or not.
 */
export function showableFile(state: WorkspaceState, ref: { readonly id?: string; readonly url?: string }): boolean {
  const id = ref.id ?? /\/files\/(?:[A-Z0-9]+\/)?(F[A-Z0-9]+)\//.exec(ref.url ?? '')?.[1];
  const file = id === undefined ? undefined : state.files.get(id);
  return file !== undefined && file.completed && file.bytes !== undefined && SHOWABLE.has(mimeOf(file.name));
}

function getUploadURLExternal({ args, core }: MethodContext): Record<string, unknown> {
  const filename = str(args, 'filename');
  const length = Number(str(args, 'length'));
  if (filename === undefined || !Number.isInteger(length) || length <= 0) {
    fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] filename and a positive integer length are required'] } });
  }
  const altText = str(args, 'alt_txt') ?? str(args, 'alt_text');
  const file: StoredFile = {
    id: core.ids.id('F'), name: filename, title: filename, declaredLength: length, created: core.now(), completed: false, channels: [],
    ...(altText !== undefined ? { altText } : {}),
  };
  core.state.files.set(file.id, file);
  return { upload_url: `${core.baseUrl()}/upload/v1/${file.id}`, file_id: file.id };
}

/** Receives the bytes POSTed to an upload_url (raw body or multipart, as web-api sends it). */
export function receiveUpload(core: WorkspaceCore, fileId: string, bytes: Buffer): boolean {
  const file = core.state.files.get(fileId);
  if (!file || file.completed) return false;
  file.bytes = bytes;
  return true;
}

function completeUploadExternal({ args, core }: MethodContext): Record<string, unknown> {
  const list = args.files;
  if (!Array.isArray(list) || list.length === 0) fail('invalid_arguments', { response_metadata: { messages: ['[ERROR] files must be a non-empty JSON array'] } });
  const files = list.map((entry) => {
    const id = isObj(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    const file = id === undefined ? undefined : core.state.files.get(id);
    if (!file || file.bytes === undefined || file.completed) fail('file_not_found');
    if (isObj(entry) && typeof entry.title === 'string' && entry.title !== '') file.title = entry.title;
    return file;
  });
  const channelRef = str(args, 'channel_id') ?? str(args, 'channels');
  if (channelRef !== undefined) {
    const channel = postTarget(core, channelRef);
    // Sharing a file needs membership: chat:write.public does not cover files.
    if (!core.state.isBotMember(channel)) fail('not_in_channel');
    const content = messageContent(core, { text: str(args, 'initial_comment') ?? '', ...(args.blocks !== undefined ? { blocks: args.blocks } : {}) }, false);
    const threadTs = threadRoot(core, channel, args);
    for (const f of files) f.channels.push(channel.id);
    core.state.addMessage({
      channel: channel.id, user: core.state.bot.userId, botId: core.state.bot.botId, ...content,
      files: files.map((f) => fileRef(core, f)), ...(threadTs !== undefined ? { threadTs } : {}),
    });
  }
  for (const f of files) {
    f.completed = true;
    core.events.emit('file', f);
  }
  return { files: files.map((f) => wireFile(core.state, f, fileRef(core, f))) };
}

export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
