import type { Finding, RuleMeta } from '../types';

/** What every formatter receives: the findings (already sorted) and the metadata of every known rule. */
export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleMeta[];
  /** Files that were linted, also those without findings (JUnit lists them as passing). */
  readonly filenames: readonly string[];
}

export type Formatter = (input: FormatInput) => string;

export const ruleIndex = (rules: readonly RuleMeta[]): ReadonlyMap<string, RuleMeta> => new Map(rules.map((r) => [r.id, r]));
