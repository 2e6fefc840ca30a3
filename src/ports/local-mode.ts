/**
 * The local-mode port: what the app needs from the local dev tools (built by dev/local.ts).
 * The product never imports dev/; main.ts loads it lazily, only when a stand-in is needed, and
 * hands it to startApp: an embedded Slack workspace with its web console when SLACK_BOT_TOKEN
 * is unset, an InnerSpace simulator when the InnerSpace credentials are unset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from './clock';
import type { Logger } from '../logging/logger';

/** Where an embedded simulator answers, and with which credentials. */
export interface SimulatedEndpoints {
  /** v2 (session) endpoints. */
  readonly sessionTokenUrl: string;
  readonly apiUrl: string;
  /** v1.5 (bearer) endpoints. */
  readonly bearerTokenUrl: string;
  readonly bearerApiUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly audience: string;
}

/** An InnerSpace stand-in: both API generations' endpoints and the credentials it accepts. */
export interface LocalSimulator extends SimulatedEndpoints {
  /** Base URL without a trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/** The demo controls' reach into the app. */
export interface ConsoleHooks {
  readonly runDueDigests?: () => Promise<unknown>;
  readonly checkAlerts?: () => Promise<unknown>;
  /** After the clock was moved, before anything runs at the new time: keeps the move across restarts. */
  readonly clockMoved?: () => Promise<unknown>;
}

export interface LocalConsoleOptions {
  /** Where the app listens (all interfaces when undefined) and, once it does, on which port. */
  readonly host: string | undefined;
  readonly port: () => number;
  /** Answer browsers that are not on this machine too (LOCAL_CONSOLE_REMOTE); loopback only otherwise. */
  readonly allowRemote: boolean;
  /** The console signs what it sends the app as Slack would. */
  readonly signingSecret: string;
  /** The app's clock; "advance the clock" needs `advance`. */
  readonly clock: Clock & { advance?(ms: number): void };
  readonly hooks: ConsoleHooks;
  readonly logger: Logger;
}

/** A request handler that answers the console's own paths on the bot's port, before Bolt. */
export interface LocalConsole {
  /** True when it answered; false sends the request on to the app. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Ends the live streams of open pages. */
  close(): Promise<void>;
}

/** A Slack workspace on loopback that plays Slack's Web API for the app. */
export interface LocalWorkspace {
  /** Its Slack team id: what local mode keeps of its own (its clock) is stored under it. */
  readonly teamId: string;
  /** Base URL of its Web API, with a trailing slash. */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly bot: { readonly botId: string; readonly botUserId: string };
  /** Its admins: they also administer the bot, so the demo shows what an admin may do. */
  readonly adminUserIds: readonly string[];
  /** The web console that plays Slack's client for this workspace, when there is one. */
  createConsole?(opts: LocalConsoleOptions): LocalConsole;
  close(): Promise<void>;
}

export interface LocalTools {
  startWorkspace?(opts: { now: () => number }): Promise<LocalWorkspace>;
  startSimulator?(opts: { now: () => Date }): Promise<LocalSimulator>;
}
