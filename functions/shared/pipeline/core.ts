/**
 * The pipeline's stages after loading, on a template object: expand (when the macro applies) → rules →
 * findings at the user's paths. index.ts adds loading text in front; the macro, which is sent an object,
 * imports this module alone, so its bundle carries no YAML parser.
 */
import type { Problem, TemplateParseError } from '../errors';
import { DEFAULT_MACRO_NAME, expandFragment, expandTemplate, type ExpansionResult, usesMacro } from '../firelens/index';
import type { ExpansionPlan } from '../firelens/types';
import { compareFindings, EXPANSION_ERROR_META, isSelected, logicalIdOf, TEMPLATE_PARSE_ERROR_META, toFinding } from '../rules/engine';
import { lintTemplate } from '../rules/lint';
import type { Finding, LintOptions } from '../rules/types';
import type { JsonObject } from '../template/intrinsics';
import { type Locator, noLocation } from '../template/locator';
import { buildSourceMap, identitySourceMap, type SourceMap } from './source-map';

/**
 * When the macro runs: `fragment` is what the macro is sent (always expanded, no Transform section);
 * `always` expands a whole template as `firelens expand` does; `if-transform` only when its Transform names
 * the macro (lint, the hook's stack targets); `never` for what CloudFormation already expanded (a
 * resource hook's properties).
 */
export type ExpandMode = 'fragment' | 'always' | 'if-transform' | 'never';

/** A template already read: the object, where its values came from in the text (if any), the file name. */
export interface LoadedSource {
  readonly template: JsonObject;
  readonly locator?: Locator;
  readonly filename?: string;
}

/** The stage a {@link Checkpoint} is called from. */
export type PipelineStage = 'load' | 'expand' | 'rules';

/**
 * Called between the stages and, inside them, every few thousand values or findings: a work budget (the
 * hook's deadline) throws from it to stop synchronous work that no timer can interrupt. The pipeline itself
 * reads no clock.
 */
export type Checkpoint = (stage: PipelineStage) => void;

export interface PipelineOptions {
  readonly expand: ExpandMode;
  /** The Transform name that means this macro (template.yaml's MacroName); FireLensMacro by default. */
  readonly macroName?: string;
  readonly checkpoint?: Checkpoint;
}

const noCheckpoint: Checkpoint = () => undefined;

/** Findings mapped back to the user's path between two checkpoints. */
const FINDINGS_PER_CHECKPOINT = 1024;

/** The template loaded and, where the macro applies, expanded; ready for the rules. */
export interface ExpandedTemplate {
  readonly stage: 'expanded';
  /** The template as the user wrote it (short-form tags read). */
  readonly template: JsonObject;
  /** What CloudFormation deploys: the macro's output, or the template itself when the macro did not run. */
  readonly output: JsonObject;
  readonly expanded: boolean;
  readonly plans: readonly ExpansionPlan[];
  readonly sourceMap: SourceMap;
  readonly locator: Locator;
  readonly filename: string | undefined;
}

interface StoppedBase {
  readonly problems: readonly Problem[];
  readonly findings: readonly Finding[];
}

/** The macro refused the template before the rules could run. */
interface RefusedTemplate extends StoppedBase {
  readonly stage: 'refused';
}

/** The text could not be parsed; the parser's error carries its line and column. */
interface UnreadableTemplate extends StoppedBase {
  readonly stage: 'unreadable';
  readonly parseError: TemplateParseError;
}

/** The template could not be read, or the macro refused it before the rules could run. */
export type StoppedTemplate = RefusedTemplate | UnreadableTemplate;

export type PreparedTemplate = ExpandedTemplate | StoppedTemplate;

export interface PipelineResult {
  readonly prepared: PreparedTemplate;
  /** Every finding, at the user's paths and lines, sorted. */
  readonly findings: readonly Finding[];
}

/** Expand: the stage before the rules (the hook looks up task definitions in between). */
export const prepareLoaded = (source: LoadedSource, options: PipelineOptions): PreparedTemplate => {
  const { template, filename } = source;
  const locator = source.locator ?? noLocation;
  const checkpoint = options.checkpoint ?? noCheckpoint;
  checkpoint('expand');
  const expansion = expansionOf(template, options);
  checkpoint('rules');
  if (expansion === undefined) {
    return { stage: 'expanded', template, output: template, expanded: false, plans: [], sourceMap: identitySourceMap, locator, filename };
  }
  if (!expansion.ok) {
    const findings = expansion.problems.map((p) => toFinding(EXPANSION_ERROR_META, p, { filename, locator }));
    return { stage: 'refused', problems: expansion.problems, findings };
  }
  const { fragment: output, expanded: plans } = expansion;
  return { stage: 'expanded', template, output, expanded: true, plans, sourceMap: buildSourceMap(template, plans), locator, filename };
};

/** The rules over what CloudFormation deploys, every finding mapped back to what the user wrote. */
export const checkTemplate = (prepared: ExpandedTemplate, options: LintOptions = {}, checkpoint: Checkpoint = noCheckpoint): Finding[] => {
  checkpoint('rules');
  const beforeRule = (): void => {
    checkpoint('rules');
  };
  const findings = lintTemplate(prepared.output, {
    ...options,
    filename: prepared.filename,
    locator: noLocation,
    beforeRule,
  });
  const mapped = findings.map((finding, i) => {
    if (i % FINDINGS_PER_CHECKPOINT === FINDINGS_PER_CHECKPOINT - 1) {
      checkpoint('rules');
    }
    return toUserFinding(finding, prepared);
  });
  checkpoint('rules');
  return mapped.sort(compareFindings);
};

/** The stages from a prepared template to its findings, for the entry points that need nothing in between. */
export const finishPipeline = (prepared: PreparedTemplate, options: PipelineOptions & { readonly lint?: LintOptions }): PipelineResult => {
  if (prepared.stage !== 'expanded') {
    const findings = prepared.findings.filter((f) => isSelected(f.ruleId, options.lint ?? {}));
    return { prepared, findings: [...findings].sort(compareFindings) };
  }
  return { prepared, findings: checkTemplate(prepared, options.lint, options.checkpoint) };
};

/** The whole pipeline on a template already read (the macro's fragment). */
export const runLoaded = (source: LoadedSource, options: PipelineOptions & { readonly lint?: LintOptions }): PipelineResult =>
  finishPipeline(prepareLoaded(source, options), options);

/**
 * What the macro refuses with: the template's read or expansion problems, else every error finding on its
 * output (at the user's path, the rule id in brackets). Empty when the macro would return the output.
 */
export const refusal = (result: PipelineResult): Problem[] => {
  if (result.prepared.stage !== 'expanded') {
    return [...result.prepared.problems];
  }
  return result.findings
    .filter((f) => f.severity === 'error')
    .map((f) => ({
      ...(f.logicalId === undefined ? {} : { logicalId: f.logicalId }),
      path: f.path,
      message: `${f.message} [${f.ruleId}]`,
    }));
};

/** FL0000 at the line and column the parser gave (1:1 when it gave none). */
export const unreadableTemplate = (error: TemplateParseError, filename: string | undefined): UnreadableTemplate => {
  const line = error.line ?? 1;
  const column = error.column ?? 1;
  const finding = toFinding(TEMPLATE_PARSE_ERROR_META, { path: [], message: error.message }, { filename });
  return {
    stage: 'unreadable',
    problems: [{ path: [], message: `the template could not be parsed: ${error.message}` }],
    findings: [{ ...finding, location: { line, column, endLine: line, endColumn: column } }],
    parseError: error,
  };
};

const expansionOf = (template: JsonObject, options: PipelineOptions): ExpansionResult | undefined => {
  const macroName = options.macroName ?? DEFAULT_MACRO_NAME;
  switch (options.expand) {
    case 'fragment':
      return expandFragment(template);
    case 'always':
      return expandTemplate(template, macroName);
    case 'if-transform':
      return usesMacro(template, macroName) ? expandTemplate(template, macroName) : undefined;
    case 'never':
      return undefined;
  }
};

const toUserFinding = (finding: Finding, prepared: ExpandedTemplate): Finding => {
  const path = prepared.sourceMap(finding.path);
  return { ...finding, path, logicalId: logicalIdOf(path) ?? finding.logicalId, location: prepared.locator(path) };
};
