/**
 * How many generated cases each property runs per `npm test` (fast-check `numRuns`). One place, so
 * RELIABILITY.md can cite the figures and a test can keep the document in step. The seed is fast-check's
 * default (random per run); a failure prints the seed and path that reproduce it.
 */
export const PROPERTY_RUNS = {
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
} as const;

const sum = (keys: readonly (keyof typeof PROPERTY_RUNS)[]): number => keys.reduce((total, key) => total + PROPERTY_RUNS[key], 0);

/** Valid templates generated per `npm test`, over every property. */
export const VALID_TEMPLATES_PER_RUN = sum(['macroHandlerValid', 'preservationValid', 'idempotenceValid', 'schemasValid', 'macroRulesHookValid', 'iamWalkValid']);

/** Mutated templates generated per `npm test`, over every property. */
export const MUTATED_TEMPLATES_PER_RUN = sum(['macroHandlerMutated', 'preservationMutated', 'idempotenceMutated', 'schemasMutated', 'macroRulesHookMutated', 'iamWalkMutated']);
