import { seededRandom } from './data/hash';

/**
 * Misbehaviour on demand, so clients can be tested against a server that is slow, limited,
 * flaky or different from what they expect. Counters ("next N") count down as they fire.
 */
export interface SimulatorFaults {
  /** Delay before every GraphQL response, in ms. */
  latencyMs: number;
  /** Extra delay on every GraphQL response while set (for holding queries in flight). */
  holdMs: number;
  /** Share (0..1) of GraphQL requests answered 500, drawn from a seeded generator. */
  errorRate: number;
  /** The next `next` GraphQL requests are answered 429, with Retry-After when given. */
  rateLimit: { next: number; retryAfter?: string } | null;
  /** The next N GraphQL requests are answered 503, 502, 503, … (gateway pages, not JSON). */
  serverErrorBurst: number;
  /** Sessions and bearer tokens minted from now on expire after this many seconds. */
  sessionTtlSeconds: number | null;
  /** The next N GraphQL responses are 200 with a truncated JSON body. */
  malformedJson: number;
  /** The next N GraphQL requests are answered 200 with `errors` and `data: null`. */
  graphqlErrors: number;
  /** Serve the schema without the fields of GUESS_FIELDS. */
  rejectGuessFields: boolean;
  /** The next N token requests (either endpoint) are answered 500. */
  tokenFailures: number;
  /**
   * Per query root, the next N times that root field is executed it fails with an error under
   * its own path, as a database error would ({ ZONE: 1 }); other roots of the same document
   * are executed as usual.
   */
  rootErrors: Readonly<Record<string, number>>;
}

export const NO_FAULTS: Readonly<SimulatorFaults> = Object.freeze({
  latencyMs: 0,
  holdMs: 0,
  errorRate: 0,
  rateLimit: null,
  serverErrorBurst: 0,
  sessionTtlSeconds: null,
  malformedJson: 0,
  graphqlErrors: 0,
  rejectGuessFields: false,
  tokenFailures: 0,
  rootErrors: Object.freeze({}),
});

export type FaultDecision =
  | { kind: 'rate-limited'; retryAfter?: string }
  | { kind: 'gateway'; status: 502 | 503 }
  | { kind: 'internal' }
  | { kind: 'none' };

export class FaultState {
  private state: SimulatorFaults;
  private readonly random: () => number;
  private burstCount = 0;

  constructor(initial: Partial<SimulatorFaults> = {}, seed = 0x5eed) {
    this.state = { ...NO_FAULTS };
    this.random = seededRandom(seed);
    this.set(initial);
  }

  set(partial: Partial<SimulatorFaults>): void {
    const next = { ...this.state, ...partial };
    if (next.errorRate < 0 || next.errorRate > 1 || Number.isNaN(next.errorRate)) {
      throw new RangeError('errorRate must be between 0 and 1');
    }
    for (const k of ['latencyMs', 'holdMs', 'serverErrorBurst', 'malformedJson', 'graphqlErrors', 'tokenFailures'] as const) {
      if (!(next[k] >= 0)) throw new RangeError(`${k} must be a non-negative number`);
    }
    if (next.rateLimit) next.rateLimit = { ...next.rateLimit };
    for (const [root, n] of Object.entries(next.rootErrors)) if (!(n >= 0)) throw new RangeError(`rootErrors.${root} must be a non-negative number`);
    next.rootErrors = { ...next.rootErrors };
    this.state = next;
  }

  snapshot(): SimulatorFaults {
    return { ...this.state, rateLimit: this.state.rateLimit ? { ...this.state.rateLimit } : null, rootErrors: { ...this.state.rootErrors } };
  }

  get delayMs(): number {
    return this.state.latencyMs + this.state.holdMs;
  }

  get rejectGuessFields(): boolean {
    return this.state.rejectGuessFields;
  }

  get sessionTtlSeconds(): number | null {
    return this.state.sessionTtlSeconds;
  }

  /** Transport-level faults of one GraphQL request, in the order a gateway would apply them. */
  beforeGraphql(): FaultDecision {
    const rl = this.state.rateLimit;
    if (rl && rl.next > 0) {
      rl.next -= 1;
      return { kind: 'rate-limited', retryAfter: rl.retryAfter };
    }
    if (this.state.serverErrorBurst > 0) {
      this.state.serverErrorBurst -= 1;
      this.burstCount += 1;
      return { kind: 'gateway', status: this.burstCount % 2 === 1 ? 503 : 502 };
    }
    if (this.state.errorRate > 0 && this.random() < this.state.errorRate) return { kind: 'internal' };
    return { kind: 'none' };
  }

  /** True when this execution of `root` is to fail (counts one down). */
  takeRootError(root: string): boolean {
    const left = this.state.rootErrors[root] ?? 0;
    if (left <= 0) return false;
    this.state.rootErrors = { ...this.state.rootErrors, [root]: left - 1 };
    return true;
  }

  takeGraphqlError(): boolean {
    return this.take('graphqlErrors');
  }

  takeMalformed(): boolean {
    return this.take('malformedJson');
  }

  takeTokenFailure(): boolean {
    return this.take('tokenFailures');
  }

  private take(k: 'graphqlErrors' | 'malformedJson' | 'tokenFailures'): boolean {
    if (this.state[k] <= 0) return false;
    this.state[k] -= 1;
    return true;
  }
}

export interface SimulatorStats {
  tokenRequests: number;
  graphqlRequests: number;
  /** Calls per query root, e.g. { BUILDING_INSIGHTS: 3 }. */
  rootFields: Record<string, number>;
  /** Responses per HTTP status, e.g. { '200': 10, '401': 1 }. */
  statusCodes: Record<string, number>;
}

export function emptyStats(): SimulatorStats {
  return { tokenRequests: 0, graphqlRequests: 0, rootFields: {}, statusCodes: {} };
}
