import type { Capabilities } from '../capabilities';
import type { WorkspaceEvents } from '../events';
import type { UploadedPart } from '../http';
import type { IdMinter } from '../ids';
import type { WorkspaceState } from '../state';
import type { BlockCheckOptions } from '../validation';
import type { ImageDownloads } from '../validation-images';

export interface WorkspaceCore {
  readonly state: WorkspaceState;
  readonly caps: Capabilities;
  readonly events: WorkspaceEvents;
  readonly ids: IdMinter;
  readonly now: () => number;
  readonly chatWritePublic: boolean;
  /** What block validation asks of the workspace (the files a slack_file may name). */
  readonly blockChecks: BlockCheckOptions;
  /** How image_url downloads are done before a message is accepted. */
  readonly images: ImageDownloads;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl(): string;
}

export interface MethodContext {
  readonly args: Record<string, unknown>;
  readonly parts: readonly UploadedPart[];
  readonly core: WorkspaceCore;
}

/** Answers the fields after `ok: true`, or throws (rejects with) SlackMethodError for `ok: false`. */
export type MethodHandler = (ctx: MethodContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
