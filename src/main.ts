/**
 * Process entry point: the only reader of process.env. Loads the config (exiting at once with
 * every problem when it is bad), loads the local dev tools only when the config calls for a
 * stand-in, starts the app, and stops it gracefully on SIGTERM/SIGINT.
 */
import { relative, resolve } from 'node:path';
import { startApp } from './app';
import { describeDatabase, loadConfig, type Config } from './config';
import { ConfigError, StorageError } from './errors';
import { installCrashPolicy } from './logging/crash-policy';
import { createLogger } from './logging/logger';
import type { LocalTools } from './ports/local-mode';

/** What this config asks of dev/, each with what to set instead when dev/ is not there. */
function standInsNeeded(config: Config): string[] {
  const needs: string[] = [];
  if (config.slack.mode === 'local') {
    needs.push(
      'SLACK_BOT_TOKEN is not set, which means local mode (embedded Slack workspace and web console): set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
    );
  }
  if (config.innerspace.simulated) {
    needs.push('INNERSPACE_CLIENT_ID is not set, which means the embedded InnerSpace simulator: set INNERSPACE_CLIENT_ID and INNERSPACE_CLIENT_SECRET');
  }
  return needs;
}

/** dev/local, or null when this tree was built without it (a production image). */
async function loadLocalTools(): Promise<LocalTools | null> {
  try {
    const { createLocalTools } = await import('../dev/local');
    return createLocalTools();
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    if (e.code === 'MODULE_NOT_FOUND' && String(e.message).startsWith("Cannot find module '../dev/local'")) return null;
    throw err;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    const { logger } = createLogger({ level: 'info' });
    const problems = err instanceof ConfigError ? err.problems : [String(err)];
    logger.fatal({ problems }, `invalid configuration: ${problems.join('; ')}`);
    logger.flush();
    process.exitCode = 2;
    return;
  }
  const { logger, addSecret } = createLogger({ level: config.logLevel, secrets: config.secrets });
  const needs = standInsNeeded(config);
  let local: LocalTools | undefined;
  if (needs.length > 0) {
    const loaded = await loadLocalTools();
    if (!loaded) {
      const dev = relative(process.cwd(), resolve(__dirname, '../dev')) || '.';
      logger.fatal({ problems: needs, missing: dev }, `this build has no local dev tools (${dev} is missing): ${needs.join('; ')}`);
      logger.flush();
      process.exitCode = 2;
      return;
    }
    local = loaded;
  }
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp({ config, logger, addSecret, local });
  } catch (err) {
    // What the operator must fix, in one line: a value the store refused (2, like any bad
    // configuration) or a store that cannot be reached (1). The message names the store by
    // host, port, database and user; the logger censors the URL and password besides.
    if (!(err instanceof ConfigError) && !(err instanceof StorageError)) throw err;
    const store = describeDatabase(config.database.target);
    const problems = err instanceof ConfigError ? err.problems : [err.message];
    const facts = err instanceof StorageError ? { driverCode: err.driverCode ?? null } : {};
    logger.fatal({ problems, store, ...facts }, `occupancy-bot could not start: ${problems.join('; ')}`);
    logger.flush();
    process.exitCode = err instanceof ConfigError ? 2 : 1;
    return;
  }

  const where =
    app.mode === 'local'
      ? `local mode, console ${app.url}`
      : app.mode === 'socket'
        ? `Socket Mode, health http://localhost:${app.port}/healthz`
        : `HTTP mode, Slack events http://localhost:${app.port}/slack/events`;
  const innerspace = app.simulator ? `InnerSpace simulator ${app.simulator.apiUrl}` : `InnerSpace ${config.innerspace.apiUrl}`;
  logger.info(
    { mode: app.mode, port: app.port, store: describeDatabase(config.database.target), simulator: app.simulator?.url ?? null },
    `occupancy-bot ready: ${where}, ${innerspace}, store ${describeDatabase(config.database.target)}`,
  );

  let stopping = false;
  const stop = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app
      .stop()
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(code);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'stop failed');
        logger.flush();
        process.exit(1);
      });
  };
  installCrashPolicy(process, {
    logger,
    stopAndExit: (code, why) => {
      // The orderly stop, but never longer than answers under way may take.
      setTimeout(() => process.exit(code), 20_000).unref();
      stop(why, code);
    },
  });
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const { logger } = createLogger({ level: 'info' });
  logger.fatal({ err }, 'occupancy-bot could not start');
  logger.flush();
  process.exit(1);
});
