import type { RunningSimulator } from '../../../../dev/simulator';

export const NIL = '00000000-0000-0000-0000-000000000000';
/** A fixed "now" well after the 2025 DST changes in Toronto and Sydney. */
export const NOW = new Date('2025-11-20T15:00:00Z');
export const fixedClock = (iso: string | Date) => {
  const d = new Date(iso);
  return () => d;
};

export interface GqlResponse<T = Record<string, unknown[]>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: { code?: string; path?: string } }[] };
}

export async function postJson(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

export async function newSession(sim: RunningSimulator): Promise<string> {
  const res = await postJson(sim.sessionTokenUrl, { client_id: sim.clientId, client_secret: sim.clientSecret, audience: sim.audience });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status}`);
  return ((await res.json()) as { session_id: string }).session_id;
}

export async function newBearer(sim: RunningSimulator): Promise<string> {
  const res = await postJson(sim.bearerTokenUrl, { client_id: sim.clientId, client_secret: sim.clientSecret });
  if (res.status !== 200) throw new Error(`token exchange failed: ${res.status}`);
  return ((await res.json()) as { oauth_token: { access_token: string } }).oauth_token.access_token;
}

/** A small client: one session, queries posted with plain fetch. */
export function client(sim: RunningSimulator) {
  let session: Promise<string> | undefined;
  const raw = async (query: string, variables?: Record<string, unknown>): Promise<GqlResponse> => {
    session ??= newSession(sim);
    const res = await postJson(sim.apiUrl, { query, variables }, { 'x-session-id': await session });
    return { status: res.status, body: (await res.json()) as GqlResponse['body'] };
  };
  /** Rows of the single root in `query`; fails the test on any error. */
  const rows = async <R = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<R[]> => {
    const r = await raw(query, variables);
    if (r.status !== 200 || r.body.errors || !r.body.data) {
      throw new Error(`query failed: ${r.status} ${JSON.stringify(r.body.errors)}`);
    }
    const first = Object.values(r.body.data)[0];
    return (first ?? []) as R[];
  };
  return { raw, rows };
}

export interface InsightRow {
  BUILDING_ID: number;
  SITE_ID: number;
  ZONE_ID?: number;
  ZONE_TYPE?: string;
  DATE_PARTITION: number;
  DATE_TIME_START: string;
  GRANULARITY: string;
  GROUP_ID: string;
  OCCUPANCY_MEAN: number;
  OCCUPANCY_POS_MEAN: number;
  OCCUPANCY_MAX: number;
}

export const INSIGHT_FIELDS = 'BUILDING_ID SITE_ID DATE_PARTITION DATE_TIME_START GRANULARITY GROUP_ID OCCUPANCY_MEAN OCCUPANCY_POS_MEAN OCCUPANCY_MAX';

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
