import type { Finding, RuleMeta } from '../types';

/** The program that wrote a report (SARIF's `tool.driver`). */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

/** What every formatter receives: the findings (already sorted) and the metadata of every known rule. */
export interface FormatInput {
  readonly findings: readonly Finding[];
  readonly rules: readonly RuleMeta[];
  /** Files that were linted, also those without findings (JUnit lists them as passing). */
  readonly filenames: readonly string[];
  /** ANSI colour in the text formatter; the CLI sets it only for a terminal (others ignore it). */
  readonly color?: boolean;
  /** Name, version and home of the program (SARIF); without it the version is unknown. */
  readonly tool?: ToolInfo;
  /** The absolute directory relative file names are relative to (SARIF's `%SRCROOT%`). */
  readonly srcRoot?: string;
  /**
   * `--show-suppressed`: findings the template's own ignore_checks switched off, each with who did (text and json
   * list them marked as suppressed; they never count towards the exit code).
   */
  readonly suppressed?: readonly ShownSuppression[];
}

export interface ShownSuppression {
  readonly finding: Finding;
  /** `Metadata of resource Sg (ignore_checks FL13)`. */
  readonly by: string;
}

export type Formatter = (input: FormatInput) => string;

export const ruleIndex = (rules: readonly RuleMeta[]): ReadonlyMap<string, RuleMeta> => new Map(rules.map((r) => [r.id, r]));
