/** Timing of functions in this process: warm-up first, then enough runs for a median and a p95. */

export interface Samples {
  /** Milliseconds, sorted ascending. */
  readonly ms: readonly number[];
  readonly median: number;
  readonly p95: number;
}

export interface MeasureOptions {
  /** Warm-up runs (not recorded): at least this many, and at least `warmupMs` of them. */
  readonly warmupRuns: number;
  readonly warmupMs: number;
  /** Recorded runs: at least `minRuns` and at least `minMs` in total, at most `maxRuns`. */
  readonly minRuns: number;
  readonly minMs: number;
  readonly maxRuns: number;
}

export const FULL: MeasureOptions = { warmupRuns: 5, warmupMs: 500, minRuns: 30, minMs: 4_000, maxRuns: 2_000 };
export const QUICK: MeasureOptions = { warmupRuns: 2, warmupMs: 30, minRuns: 5, minMs: 100, maxRuns: 200 };

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, nearest-rank. */
const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
};

export const summarize = (values: readonly number[]): Samples => {
  const ms = [...values].sort((a, b) => a - b);
  return { ms, median: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
};

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** `--expose-gc` gives `gc`; each series starts from a collected heap so one series' garbage does not bill the next. */
const collectGarbage = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

/**
 * Several functions measured in rounds: each round runs every function once, in order, so all of them
 * see the same machine. Load from other processes then shifts every series alike, not the ratios between
 * them (a size to its JSON baseline, the largest size to a tenth of it). Rounds continue until there are
 * at least `minRuns` of them and `minMs` have passed (at most `maxRuns`).
 */
export const measureRounds = (fns: readonly (() => unknown)[], options: MeasureOptions): Samples[] => {
  const warmupStart = process.hrtime.bigint();
  for (let i = 0; i < options.warmupRuns || elapsedMs(warmupStart) < options.warmupMs; i += 1) {
    fns.forEach((fn) => fn());
  }
  collectGarbage();
  const values = fns.map((): number[] => []);
  const start = process.hrtime.bigint();
  for (let round = 0; round < options.maxRuns && (round < options.minRuns || elapsedMs(start) < options.minMs); round += 1) {
    fns.forEach((fn, i) => {
      const before = process.hrtime.bigint();
      fn();
      values[i]?.push(elapsedMs(before));
    });
  }
  return values.map(summarize);
};

/** One asynchronous function (a handler) warm: each run is awaited before the next starts. */
export const measureAsync = async (fn: () => Promise<unknown>, options: MeasureOptions): Promise<Samples> => {
  const warmupStart = process.hrtime.bigint();
  for (let i = 0; i < options.warmupRuns || elapsedMs(warmupStart) < options.warmupMs; i += 1) {
    await fn();
  }
  collectGarbage();
  const values: number[] = [];
  let total = 0;
  while (values.length < options.maxRuns && (values.length < options.minRuns || total < options.minMs)) {
    const start = process.hrtime.bigint();
    await fn();
    const ms = elapsedMs(start);
    values.push(ms);
    total += ms;
  }
  return summarize(values);
};
