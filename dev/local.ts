/**
 * The local dev tools behind the app's local-mode port (src/ports/local-mode.ts). main.ts loads
 * this module only when a stand-in is needed, and each tool loads its own code when started:
 * HTTP mode with the simulator never loads the fake Slack.
 */
import type { LocalTools, LocalWorkspace } from '../src/ports/local-mode';
import type { WebConsoleOptions } from './console';
import type { RunningSimulator, SimulatorOptions } from './simulator';
import type { SlackWorkspace, SlackWorkspaceOptions } from './slack';

export interface DevToolsOptions {
  /** Seeds and switches of the embedded workspace (its clock is the app's). */
  readonly workspace?: Omit<SlackWorkspaceOptions, 'now'>;
  /** Port, credentials and faults of the simulator (its clock is the app's). */
  readonly simulator?: Omit<SimulatorOptions, 'clock'>;
  /** The console page's folder; found next to the console's code when omitted. */
  readonly publicDir?: WebConsoleOptions['publicDir'];
}

export interface DevTools extends Required<LocalTools> {
  /** The last workspace and simulator started, in full: tests and benches reach past the port. */
  readonly workspace: SlackWorkspace | null;
  readonly simulator: RunningSimulator | null;
}

export function createLocalTools(opts: DevToolsOptions = {}): DevTools {
  let workspace: SlackWorkspace | null = null;
  let simulator: RunningSimulator | null = null;
  return {
    get workspace() {
      return workspace;
    },
    get simulator() {
      return simulator;
    },
    async startWorkspace({ now }) {
      const [{ startSlackWorkspace }, { createWebConsole, loopbackUrl }] = await Promise.all([import('./slack'), import('./console')]);
      const ws = await startSlackWorkspace({ ...opts.workspace, now });
      workspace = ws;
      const local: LocalWorkspace = {
        teamId: ws.state.team.id,
        apiUrl: ws.apiUrl,
        botToken: ws.botToken,
        bot: { botId: ws.bot.botId, botUserId: ws.bot.userId },
        adminUserIds: ws.state.listUsers().filter((u) => u.isAdmin).map((u) => u.id),
        createConsole: (c) =>
          createWebConsole({
            workspace: ws,
            appUrl: () => loopbackUrl(c.host, c.port()),
            signingSecret: c.signingSecret,
            allowRemote: c.allowRemote,
            clock: c.clock,
            hooks: () => c.hooks,
            logger: c.logger,
            ...(opts.publicDir !== undefined ? { publicDir: opts.publicDir } : {}),
          }),
        close: () => ws.close(),
      };
      return local;
    },
    async startSimulator({ now }) {
      const { startSimulator } = await import('./simulator');
      simulator = await startSimulator({ ...opts.simulator, clock: now });
      return simulator;
    },
  };
}
