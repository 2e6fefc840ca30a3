import type { Clock } from '../ports/clock';
import type { Config } from '../config';
import type { Logger } from '../logging/logger';
import type { InnerSpaceClientOptions } from './client';
import type { SimulatedEndpoints } from '../ports/local-mode';


/** Client options from the config: the configured InnerSpace, or the simulator standing in for it. */
export function innerspaceOptions(
  config: Config,
  simulator: SimulatedEndpoints | null,
  logger: Logger,
  clock: Clock,
  addSecret?: (s: string) => void,
): InnerSpaceClientOptions {
  const c = config.innerspace;
  const base = {
    auth: c.auth,
    audience: simulator ? simulator.audience : c.audience,
    groupId: c.groupId,
    timeoutMs: c.timeoutMs,
    deadlineMs: c.deadlineMs,
    recheckMinutes: c.recheckMinutes,
    logger,
    onSecret: addSecret,
    now: () => new Date(clock.now()),
  };
  if (!simulator) {
    return { ...base, tokenUrl: c.tokenUrl, apiUrl: c.apiUrl, clientId: c.clientId!, clientSecret: c.clientSecret! };
  }
  const session = c.auth === 'session';
  return {
    ...base,
    tokenUrl: session ? simulator.sessionTokenUrl : simulator.bearerTokenUrl,
    apiUrl: session ? simulator.apiUrl : simulator.bearerApiUrl,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
  };
}
