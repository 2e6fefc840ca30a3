/**
 * The bot as a process of its own: `node dist/src/main.js` in a folder, its output collected, its
 * ready line awaited, and stopped with SIGTERM or killed with SIGKILL as an orchestrator would.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSimulator } from '../../dev/simulator';
import { PATIENCE_MS } from './patience';

/** What a bot's environment needs to use a running simulator as InnerSpace (session auth). */
export function simulatorEnv(sim: Pick<RunningSimulator, 'clientId' | 'clientSecret' | 'sessionTokenUrl' | 'apiUrl' | 'audience'>): Record<string, string> {
  return {
    INNERSPACE_CLIENT_ID: sim.clientId,
    INNERSPACE_CLIENT_SECRET: sim.clientSecret,
    INNERSPACE_TOKEN_URL: sim.sessionTokenUrl,
    INNERSPACE_API_URL: sim.apiUrl,
    INNERSPACE_AUDIENCE: sim.audience,
  };
}

/** What a bot's environment needs for HTTP mode against an embedded Slack workspace. */
export function slackHttpEnv(slack: { readonly botToken: string; readonly apiUrl: string }, signingSecret: string): Record<string, string> {
  return { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: slack.apiUrl };
}

/** How long a bot may take to say it is ready before the test gives up on it. */
export const STARTUP_MS = 120_000;

export const HTTP_READY = /occupancy-bot ready: HTTP mode, Slack events http:\/\/localhost:(\d+)\/slack\/events/;

export interface BotProcess {
  readonly child: ChildProcess;
  /** The port of the ready line (the first capture of `ready`). */
  readonly port: number;
  output(): string;
  /** The output's JSON log lines, parsed; other lines skipped. */
  logLines(): Record<string, unknown>[];
  readonly exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within the patience window. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to finish anything. */
  kill(): Promise<number | null>;
}

export interface SpawnBotOptions {
  readonly cwd: string;
  /** Arguments after `node`; default dist/src/main.js. */
  readonly argv?: readonly string[];
  /** The whole environment (PATH is added). */
  readonly env: Record<string, string>;
  readonly ready: RegExp;
}

/** The process, what it printed so far, and its exit code once its output is all read. */
function launch(o: Omit<SpawnBotOptions, 'ready'>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...(o.argv ?? ['dist/src/main.js'])], {
    cwd: o.cwd,
    env: { PATH: process.env.PATH ?? '', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += String(d)));
  child.stderr!.on('data', (d: Buffer) => (out += String(d)));
  // 'close', not 'exit': it comes after the last of the output has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

export async function spawnBot(o: SpawnBotOptions): Promise<BotProcess> {
  const { child, output, exited } = launch(o);
  // Seconds alone; a loaded machine (or a second test run beside this one) takes longer.
  const until = Date.now() + STARTUP_MS;
  let m: RegExpMatchArray | null = null;
  while (!(m = output().match(o.ready))) {
    if (Date.now() > until || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`no ${o.ready} in the bot's output:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    port: Number(m[1]),
    output,
    logLines: () =>
      output()
        .split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), PATIENCE_MS);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Runs the bot until it exits on its own (a start that fails): its exit code and all it printed. */
export async function runBotToExit(o: Omit<SpawnBotOptions, 'ready'>): Promise<{ code: number | null; output: string }> {
  const { output, exited } = launch(o);
  const code = await exited;
  return { code, output: output() };
}

/**
 * The compiled bot in `dir` (dist/ from the project's build script) with the repository's
 * node_modules beside it, for tests about processes rather than about the image's contents
 * (test/integration/main/production-tree.test.ts builds that).
 */
export function compileBot(root: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('npm', ['run', 'build', '--', '--outDir', join(dir, 'dist')], { cwd: root, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new Error(`npm run build failed:\n${String(e.stdout ?? '')}${String(e.stderr ?? '')}${e.message}`);
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
