/**
 * Process entry point: the only reader of process.env. Loads the config (exiting at once with
 * every problem when it is bad), starts the app, and stops it gracefully on SIGTERM/SIGINT.
 */
import { startApp } from './app';
import { loadConfig, type Config } from './config';
import { isAppError } from './errors';
import { createLogger } from './logging/logger';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    const { logger } = createLogger({ level: 'info' });
    const problems = isAppError(err, 'CONFIG_INVALID') ? (err.details.problems as string[]) : [String(err)];
    logger.fatal({ problems }, `invalid configuration: ${problems.join('; ')}`);
    logger.flush();
    process.exitCode = 2;
    return;
  }
  const { logger, addSecret } = createLogger({ level: config.logLevel, secrets: config.secrets });
  const app = await startApp({ config, logger, addSecret });

  const where =
    app.mode === 'local'
      ? `local mode, console ${app.url}`
      : app.mode === 'socket'
        ? `Socket Mode, health http://localhost:${app.port}/healthz`
        : `HTTP mode, Slack events http://localhost:${app.port}/slack/events`;
  const innerspace = app.simulator ? `InnerSpace simulator ${app.simulator.apiUrl}` : `InnerSpace ${config.innerspace.apiUrl}`;
  logger.info(
    { mode: app.mode, port: app.port, database: config.database.path, simulator: app.simulator?.url ?? null },
    `occupancy-bot ready: ${where}, ${innerspace}, store ${config.database.path}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    app
      .stop()
      .then(() => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'stop failed');
        logger.flush();
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const { logger } = createLogger({ level: 'info' });
  logger.fatal({ err }, 'occupancy-bot could not start');
  logger.flush();
  process.exit(1);
});
