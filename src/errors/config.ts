import { AppError } from './base';

/** The environment does not describe a runnable bot; every problem is listed at once. */
export class ConfigError extends AppError {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly problems: readonly string[],
    options: { message?: string; cause?: unknown } = {},
  ) {
    super(options.message ?? (problems.length === 1 ? String(problems[0]) : `Invalid configuration:\n- ${problems.join('\n- ')}`), options.cause);
  }
}
