import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { Capabilities } from './capabilities';
import type { WorkspaceEvents } from './events';

/** Slack allows ten concurrent Socket Mode connections per app. */
export const MAX_SOCKET_CONNECTIONS = 10;

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface Envelope {
  readonly type: EnvelopeType;
  readonly payload: Record<string, unknown>;
  readonly accepts_response_payload?: boolean;
  readonly retry_attempt?: number;
  readonly retry_reason?: string;
}

export interface SocketAck {
  readonly envelopeId: string;
  /** False when no ack came back in time. */
  readonly acked: boolean;
  readonly payload?: Record<string, unknown>;
}

interface Pending {
  resolve: (ack: SocketAck) => void;
  timer: NodeJS.Timeout;
}

/**
 * The Socket Mode side of the workspace. A client (Bolt's SocketModeClient) gets a one-time URL
 * from apps.connections.open, connects, receives `hello`, then envelopes it must ack with
 * `{envelope_id, payload?}`. `ws` answers the client's pings with pongs on its own.
 */
export class SocketHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly caps: Capabilities,
    private readonly events: WorkspaceEvents,
    private readonly appId: () => string,
  ) {}

  get connections(): number {
    return this.sockets.size;
  }

  /** Takes an HTTP upgrade for `/link/?ticket=…`; refuses anything else. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://local');
    const ticket = url.searchParams.get('ticket');
    if (url.pathname !== '/link/' || ticket === null || !this.caps.spendTicket(ticket) || this.sockets.size >= MAX_SOCKET_CONNECTIONS) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    const gone = (): void => {
      if (this.sockets.delete(ws)) this.events.emit('socket', { connections: this.sockets.size });
    };
    ws.on('close', gone);
    ws.on('error', gone);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof msg !== 'object' || msg === null) return;
      const { envelope_id: id, payload } = msg as { envelope_id?: unknown; payload?: unknown };
      if (typeof id !== 'string') return;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      clearTimeout(p.timer);
      const body = typeof payload === 'object' && payload !== null && Object.keys(payload).length > 0 ? (payload as Record<string, unknown>) : undefined;
      p.resolve({ envelopeId: id, acked: true, ...(body ? { payload: body } : {}) });
    });
    ws.send(JSON.stringify({
      type: 'hello', num_connections: this.sockets.size,
      debug_info: { host: 'local-workspace', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.appId() },
    }));
    this.events.emit('socket', { connections: this.sockets.size });
  }

  /** Sends an envelope to the newest connection and resolves with the app's ack (or `acked: false` after `timeoutMs`). */
  deliver(envelope: Envelope, timeoutMs = 3000): Promise<SocketAck> {
    const ws = [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN).at(-1);
    if (!ws) return Promise.reject(new Error('no Socket Mode connection is open'));
    const envelopeId = randomUUID();
    return new Promise<SocketAck>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        resolve({ envelopeId, acked: false });
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, timer });
      ws.send(JSON.stringify({ envelope_id: envelopeId, ...envelope }));
    });
  }

  /** Slack's "please reconnect" message; the client closes and opens a fresh connection. */
  requestReconnect(reason = 'refresh_requested'): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'local-workspace' } }));
  }

  /**
   * Closes every connection with 1001 "going away", waits up to `graceMs` for the close
   * handshakes, then cuts what is left. Stop a connected app first: a client that was not told
   * to disconnect will try to reconnect to a server that is gone.
   */
  async close(graceMs = 1000): Promise<void> {
    for (const [envelopeId, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ envelopeId, acked: false });
    }
    this.pending.clear();
    const open = [...this.sockets];
    await Promise.all(open.map((ws) => new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, graceMs);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1001, 'going away');
    })));
    this.sockets.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
