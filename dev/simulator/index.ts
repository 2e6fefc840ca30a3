import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CredentialStore } from './auth';
import { dayNumOfIso, isoOfDayNum, publishedThroughDayNum } from './data/calendar';
import { SIM_DATASET, simBuilding } from './data/dataset';
import { DayStore } from './data/store';
import { FaultState, emptyStats, type SimulatorFaults, type SimulatorStats } from './faults';
import { GraphqlExecutor } from './gql';
import { createRoot } from './resolvers';
import { SimulatorHandler } from './server';

export { HISTORY_START } from './data/calendar';
export { NIL_GROUP, SIM_BUILDINGS, SIM_DATASET, ZONE_TYPES } from './data/dataset';
export type { SimBuilding, SimDataset, SimFloor, SimGroup, SimSite, SimZone, ZoneType } from './data/dataset';
export { OUTAGE_BUILDING_ID, isSimHoliday, isSimMissingDay, simHolidays } from './data/holidays';
export { NO_FAULTS } from './faults';
export type { SimulatorFaults, SimulatorStats } from './faults';
export { GRANULARITIES as SIM_GRANULARITIES, GUESSED_COLUMNS, SIMULATOR_SDL, buildSdl } from './schema';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The simulator's "now" (publishing, token expiry). Default: the system clock. */
  clock?: () => Date;
  /** Default "sim-client". */
  clientId?: string;
  /** Default "sim-secret". */
  clientSecret?: string;
  /** Audience /v2/oauth/token accepts. Default "https://global-config.innerspace.io". */
  audience?: string;
  faults?: Partial<SimulatorFaults>;
}

export interface RunningSimulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:1234 */
  readonly url: string;
  /** v2 GraphQL endpoint (X-Session-Id). */
  readonly apiUrl: string;
  /** v1.5 GraphQL endpoint (Authorization: Bearer). */
  readonly bearerApiUrl: string;
  readonly sessionTokenUrl: string;
  readonly bearerTokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly audience: string;
  /** A snapshot of the counters. */
  readonly stats: SimulatorStats;
  /** A snapshot of the fault settings, counters included. */
  readonly faults: SimulatorFaults;
  resetStats(): void;
  setFaults(faults: Partial<SimulatorFaults>): void;
  setClock(clock: () => Date): void;
  /** Invalidates every session and token issued so far (as a server restart would). */
  revokeCredentials(): void;
  close(): Promise<void>;
}

export const DEFAULT_AUDIENCE = 'https://global-config.innerspace.io';

/**
 * The last published local day of a simulated building at `now`, as an ISO date: the nightly
 * run publishes day D once 04:00 local time on D+1 has passed.
 */
export function publishedThrough(buildingId: number, now: Date): string {
  const b = simBuilding(buildingId);
  if (!b) throw new RangeError(`unknown simulated building ${buildingId}`);
  return isoOfDayNum(publishedThroughDayNum(b.timeZone, now.getTime()));
}

/** True when the local day `isoDate` of the building is published at `now`. */
export function isPublished(buildingId: number, isoDate: string, now: Date): boolean {
  return dayNumOfIso(isoDate) <= dayNumOfIso(publishedThrough(buildingId, now));
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  let clock = opts.clock ?? (() => new Date());
  let stats = emptyStats();
  const creds = {
    clientId: opts.clientId ?? 'sim-client',
    clientSecret: opts.clientSecret ?? 'sim-secret',
    audience: opts.audience ?? DEFAULT_AUDIENCE,
  };
  const faults = new FaultState(opts.faults);
  const credentials = new CredentialStore();
  const store = new DayStore(SIM_DATASET);
  const root = createRoot({
    dataset: SIM_DATASET,
    store,
    onRootField: (name) => {
      stats.rootFields[name] = (stats.rootFields[name] ?? 0) + 1;
    },
    failRoot: (name) => faults.takeRootError(name),
  });
  const handler = new SimulatorHandler({
    creds,
    credentials,
    faults,
    executor: new GraphqlExecutor(root),
    stats: () => stats,
    now: () => clock(),
  });
  const server = createServer(handler.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    apiUrl: `${url}/v2/api`,
    bearerApiUrl: `${url}/`,
    sessionTokenUrl: `${url}/v2/oauth/token`,
    bearerTokenUrl: `${url}/api/rest/oauth/token`,
    ...creds,
    get stats() {
      return structuredClone(stats);
    },
    get faults() {
      return faults.snapshot();
    },
    resetStats: () => {
      stats = emptyStats();
    },
    setFaults: (f) => faults.set(f),
    setClock: (fn) => {
      clock = fn;
    },
    revokeCredentials: () => credentials.revokeAll(),
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        handler.releaseDelays();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
