/**
 * How each property runs: a fixed seed (PROPERTY_SEED overrides it, to replay a failure) and a
 * time budget, so a slow machine runs fewer cases and never fails for being slow. Cases that
 * ran are counted per property and printed once per file, for the record.
 */
import fc from 'fast-check';

/** The base seed (each property adds its own offset); a failure's report names the one to replay it with. */
export const DEFAULT_SEED = 12_012;

export function seed(): number {
  const fromEnv = process.env.PROPERTY_SEED;
  return fromEnv !== undefined && /^-?\d+$/.test(fromEnv) ? Number(fromEnv) : DEFAULT_SEED;
}

/** How long one property may run: PROPERTY_BUDGET_MS, else `fallback`. */
export function budget(fallbackMs: number): number {
  const fromEnv = Number(process.env.PROPERTY_BUDGET_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : fallbackMs;
}

export interface Tally {
  readonly property: string;
  readonly runs: number;
  readonly interrupted: boolean;
  readonly ms: number;
  readonly seed: number;
}

export const tallies: Tally[] = [];

/**
 * Runs `predicate` over `arb` until `budgetMs` or `maxRuns`; throws fast-check's report (seed,
 * path, counterexample) on the first failure. A predicate fails by throwing.
 */
export async function runProperty<T>(
  property: string,
  arb: fc.Arbitrary<T>,
  predicate: (value: T) => Promise<void>,
  o: { readonly budgetMs: number; readonly maxRuns?: number },
): Promise<void> {
  const s = seed() + hash(property);
  const started = Date.now();
  const details = await fc.check(fc.asyncProperty(arb, predicate), {
    seed: s,
    numRuns: o.maxRuns ?? 100_000,
    interruptAfterTimeLimit: budget(o.budgetMs),
    markInterruptAsFailure: false,
    endOnFailure: false,
  });
  tallies.push({ property, runs: details.numRuns, interrupted: details.interrupted, ms: Date.now() - started, seed: s });
  if (details.failed) {
    const why = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${property} (replay: PROPERTY_SEED=${seed()}): ${fc.defaultReportMessage(details) ?? 'failed'}\nWhat went wrong:\n${why}`);
  }
  if (details.numRuns === 0) throw new Error(`${property}: no case ran within the budget`);
}

/** One line per file: every property's case count, for the closing note. */
export function printTallies(file: string): void {
  const parts = tallies.map((t) => `${t.property}=${t.runs} cases in ${(t.ms / 1000).toFixed(1)}s (seed ${t.seed})`);
  process.stdout.write(`\n[property] ${file}: ${parts.join('; ')}\n`);
}

/** A stable number per property name, so properties in one file do not share a seed. */
function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) | 0;
  return Math.abs(h) % 100_000;
}
