import { EventEmitter } from 'node:events';
import type { ApiCall, ResponsePost, StoredChannel, StoredFile, StoredMessage, StoredView } from './types';

export type ViewChange = 'opened' | 'pushed' | 'updated' | 'closed' | 'cleared' | 'errors';

/** Everything a console (or a test) can follow live. */
export interface WorkspaceEventMap {
  message: [message: StoredMessage];
  message_changed: [message: StoredMessage];
  message_deleted: [deleted: { channel: string; ts: string; ephemeralFor?: string }];
  view: [change: { change: ViewChange; user: string; view: StoredView }];
  home: [home: { user: string; view: StoredView }];
  channel: [channel: StoredChannel];
  file: [file: StoredFile];
  call: [call: ApiCall];
  response: [post: ResponsePost];
  socket: [change: { connections: number }];
}

/** A node EventEmitter whose event names and payloads are checked by the compiler. */
export class WorkspaceEvents {
  private readonly emitter = new EventEmitter();
  private readonly anyListeners = new Set<() => void>();

  constructor() {
    // A console may hold one listener per open browser tab.
    this.emitter.setMaxListeners(100);
  }

  on<K extends keyof WorkspaceEventMap>(name: K, listener: (...args: WorkspaceEventMap[K]) => void): () => void {
    const l = listener as (...args: unknown[]) => void;
    this.emitter.on(name, l);
    return () => this.emitter.off(name, l);
  }

  /** Called after every event, whatever its name (used to re-check `waitFor` probes). */
  onAny(listener: () => void): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<K extends keyof WorkspaceEventMap>(name: K, ...args: WorkspaceEventMap[K]): void {
    this.emitter.emit(name, ...args);
    for (const l of [...this.anyListeners]) l();
  }

  removeAllListeners(): void {
    this.emitter.removeAllListeners();
    this.anyListeners.clear();
  }
}
