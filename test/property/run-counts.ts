/**
 * How many generated cases each property runs per `npm test` (fast-check `numRuns`). One place, so
 * RELIABILITY.md can cite the figures and a test can keep the document in step. The seed is fast-check's
 * default (random per run); a failure prints the seed and path that reproduce it.
 */
const BASE_RUNS = {
  /** Macro handler never throws and answers success/failure with a message: valid templates. */
  macroHandlerValid: 400,
  /** The same on mutated templates. */
  macroHandlerMutated: 1000,
  /** On success nothing of the input is lost or changed: valid templates. */
  preservationValid: 300,
  /** The same on mutated templates. */
  preservationMutated: 800,
  /** Expanding the output again changes nothing: valid templates. */
  idempotenceValid: 150,
  /** The same on mutated templates. */
  idempotenceMutated: 300,
  /** Every generated resource validates against the provider schemas: valid templates. */
  schemasValid: 200,
  /** The same on mutated templates. */
  schemasMutated: 400,
  /** Macro accepts ⇒ rules and hook accept; lint rejects ⇒ hook rejects: valid templates. */
  macroRulesHookValid: 150,
  /** The same on mutated templates. */
  macroRulesHookMutated: 300,
  /** Every generated policy passes the IAM audit (test/unit/firelens/iam-walk.test.ts): valid templates. */
  iamWalkValid: 300,
  /** The same on mutated templates that still expand. */
  iamWalkMutated: 300,
  /** A violating fixture with Fn::If / allowed-value parameters wrapped around its values keeps its errors. */
  scenarioWrapped: 200,
  /** Valid templates with a `*` or `?` in a field that becomes an IAM resource: refused naming it, or audited clean. */
  iamWalkHostile: 300,
  /** The line reader reads YAML the `yaml` library writes for generated values as the exact reader does, or declines it. */
  lineReaderWritten: 400,
  /** The same on texts in the styles templates are written in: every one the exact reader accepts is read. */
  lineReaderHandWritten: 1000,
  /** The same with unusual parts (typed keys, anchors, folded scalars, tabs…): read alike, or declined. */
  lineReaderUnusual: 1500,
  /** Repository templates with YAML syntax inserted, overwritten or deleted: never read otherwise than the exact reader. */
  lineReaderMutated: 1500,
} as const;

/**
 * `PROPERTY_RUNS_SCALE=8 npx jest test/property test/unit/firelens/iam-walk.test.ts` runs every property
 * eight times as often, for a longer search before a release (the document's figures are the base counts).
 */
const SCALE = Number(process.env['PROPERTY_RUNS_SCALE'] ?? '1');

export const PROPERTY_RUNS: Readonly<Record<keyof typeof BASE_RUNS, number>> = Object.fromEntries(
  Object.entries(BASE_RUNS).map(([key, runs]) => [key, Number.isInteger(SCALE) && SCALE > 0 ? runs * SCALE : runs]),
) as Record<keyof typeof BASE_RUNS, number>;

const sum = (keys: readonly (keyof typeof PROPERTY_RUNS)[]): number => keys.reduce((total, key) => total + PROPERTY_RUNS[key], 0);

/** Valid templates generated per `npm test`, over every property. */
export const VALID_TEMPLATES_PER_RUN = sum([
  'macroHandlerValid',
  'preservationValid',
  'idempotenceValid',
  'schemasValid',
  'macroRulesHookValid',
  'iamWalkValid',
]);

/** Mutated templates generated per `npm test`, over every property. */
export const MUTATED_TEMPLATES_PER_RUN = sum([
  'macroHandlerMutated',
  'preservationMutated',
  'idempotenceMutated',
  'schemasMutated',
  'macroRulesHookMutated',
  'iamWalkMutated',
  'iamWalkHostile',
]);
