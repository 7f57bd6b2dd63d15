/**
 * runRules(): every rule over one view, each isolated (a crash becomes an FL0001 finding), findings
 * enriched with id, severity, logical id and source location, suppressions applied, then sorted.
 */
import type { JsonObject } from '../template/intrinsics';
import { type Locator, noLocation, pathString, type TemplatePath } from '../template/locator';
import type { TemplateView } from '../template/view';
import { policyHonours, readSuppressions, type SuppressedFinding, type SuppressionPolicy } from './suppressions';
import { TASK_DEFINITION_UNCHECKED_META } from './task-definition-unchecked';
import { DEFAULT_RULE_OPTIONS, type Finding, type RawFinding, type Rule, type RuleMeta, type RuleOptions } from './types';

/** The template could not be parsed (the CLI reports it; rules never run). */
export const TEMPLATE_PARSE_ERROR_META: RuleMeta = {
  id: 'FL0000',
  name: 'template-parse-error',
  severity: 'error',
  summary: 'Checks that the template is valid YAML or JSON with known CloudFormation tags',
  docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-formats.html',
  tags: ['engine'],
};

/** A rule threw: reported as a finding, so one bug never hides the other rules' results. */
export const RULE_CRASHED_META: RuleMeta = {
  id: 'FL0001',
  name: 'rule-crashed',
  severity: 'error',
  summary: 'Checks that every rule ran to completion on the template',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
  tags: ['engine'],
};

/** A template using the FireLens macro could not be expanded (the CLI reports each macro problem). */
export const EXPANSION_ERROR_META: RuleMeta = {
  id: 'FL0002',
  name: 'expansion-error',
  severity: 'error',
  summary: 'Checks that a template using Transform FireLensMacro expands without problems',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
  tags: ['engine', 'macro'],
};

/**
 * The template's conditions and allowed parameter values give more combinations than are linted (see
 * `template/scenarios.ts`): says which scenarios were checked, so a miss is never silent.
 */
export const SCENARIO_LIMIT_META: RuleMeta = {
  id: 'FL0004',
  name: 'scenarios-not-all-checked',
  severity: 'informational',
  summary: 'Reports when a template has more condition and parameter combinations than the rules are run over',
  docsUrl: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html',
  tags: ['engine'],
};

/** The template's `Metadata.firelens-lint.config.configure_rules` names a rule, option or value lint cannot use. */
export const RULE_CONFIG_INVALID_META: RuleMeta = {
  id: 'FL0005',
  name: 'rule-config-invalid',
  severity: 'error',
  summary: "Checks that the template's firelens-lint configure_rules name known rules and options with values in range",
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
  tags: ['engine'],
};

export const ENGINE_RULES: readonly RuleMeta[] = [
  TEMPLATE_PARSE_ERROR_META,
  RULE_CRASHED_META,
  EXPANSION_ERROR_META,
  TASK_DEFINITION_UNCHECKED_META,
  SCENARIO_LIMIT_META,
  RULE_CONFIG_INVALID_META,
];

export interface RunOptions {
  readonly filename?: string;
  readonly locator?: Locator;
  readonly ignoreRules?: readonly string[];
  readonly onlyRules?: readonly string[];
  readonly ruleOptions?: Partial<RuleOptions>;
  /**
   * Called before each rule runs, outside the rule's isolation: what it throws (the hook's deadline) stops
   * the run instead of becoming an FL0001 finding.
   */
  readonly beforeRule?: () => void;
  /** Which `ignore_checks` entries of the template are obeyed; all of them when unset (lint). */
  readonly templateSuppressions?: SuppressionPolicy;
  /** Told of every finding a template entry matched, obeyed or not (`--show-suppressed`, hook annotations). */
  readonly onSuppressed?: (suppressed: SuppressedFinding) => void;
}

/** `['Resources', 'Task', …]` → 'Task'. */
export const logicalIdOf = (path: TemplatePath): string | undefined =>
  path[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined;

/**
 * Run-configuration lists (`--checks`, `--ignore-checks`, the hook's FIRELENS_IGNORE_CHECKS / FIRELENS_ONLY_CHECKS):
 * ids or prefixes, chosen by whoever runs the check, not by the template being checked.
 */
const matchesCheck = (ruleId: string, patterns: readonly string[]): boolean =>
  patterns.some((p) => p.length > 0 && ruleId.toUpperCase().startsWith(p.toUpperCase()));

export const isSelected = (id: string, options: Pick<RunOptions, 'ignoreRules' | 'onlyRules'>): boolean => {
  if (options.ignoreRules && matchesCheck(id, options.ignoreRules)) {
    return false;
  }
  const only = options.onlyRules ?? [];
  return only.length === 0 || matchesCheck(id, only);
};

/** Longest finding message; rules quote template values, which may be megabytes long. */
export const MAX_FINDING_MESSAGE = 1_000;

/** Keeps the start (what and where) and the end (the advice) of an over-long message, cutting the middle. */
export const boundFindingMessage = (message: string): string =>
  message.length <= MAX_FINDING_MESSAGE ? message : `${message.slice(0, 600)} … ${message.slice(-(MAX_FINDING_MESSAGE - 603))}`;

export const toFinding = (meta: RuleMeta, raw: RawFinding, options: RunOptions): Finding => ({
  ruleId: meta.id,
  severity: raw.severity ?? meta.severity,
  message: boundFindingMessage(raw.message),
  logicalId: logicalIdOf(raw.path),
  path: raw.path,
  location: (options.locator ?? noLocation)(raw.path),
  filename: options.filename,
});

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const runOne = (rule: Rule, view: TemplateView, ruleOptions: RuleOptions, options: RunOptions): Finding[] => {
  const findings: Finding[] = [];
  try {
    for (const raw of rule.check(view, ruleOptions)) {
      findings.push(toFinding(rule.meta, raw, options));
    }
  } catch (error: unknown) {
    // Findings yielded before the crash are kept; the crash itself becomes one more finding.
    findings.push(
      toFinding(
        RULE_CRASHED_META,
        { path: [], message: `Rule ${rule.meta.id} (${rule.meta.name}) crashed: ${describeError(error)}` },
        options,
      ),
    );
  }
  return findings;
};

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const UNKNOWN = Number.MAX_SAFE_INTEGER;

/** Stable order: file, line, column, rule id, then path (findings without a location last). */
export const compareFindings = (a: Finding, b: Finding): number =>
  compareText(a.filename ?? '', b.filename ?? '') ||
  (a.location?.line ?? UNKNOWN) - (b.location?.line ?? UNKNOWN) ||
  (a.location?.column ?? UNKNOWN) - (b.location?.column ?? UNKNOWN) ||
  compareText(a.ruleId, b.ruleId) ||
  compareText(pathString(a.path), pathString(b.path)) ||
  compareText(a.message, b.message);

export const runRules = (rules: readonly Rule[], view: TemplateView, template: JsonObject, options: RunOptions = {}): Finding[] => {
  const ruleOptions: RuleOptions = { ...DEFAULT_RULE_OPTIONS, ...options.ruleOptions };
  const findings = rules
    .filter((rule) => isSelected(rule.meta.id, options))
    .flatMap((rule) => {
      options.beforeRule?.();
      return runOne(rule, view, ruleOptions, options);
    })
    .filter((f) => isSelected(f.ruleId, options));
  return applySuppressions(findings, template, options).sort(compareFindings);
};

/** The findings no obeyed template entry switches off; each matched one is told to `onSuppressed`. */
const applySuppressions = (findings: readonly Finding[], template: JsonObject, options: RunOptions): Finding[] => {
  const suppressions = readSuppressions(template);
  const policy = options.templateSuppressions ?? 'honour';
  return findings.filter((finding) => {
    const by = suppressions.matching(finding.ruleId, finding.logicalId);
    if (by === undefined) {
      return true;
    }
    const honoured = policyHonours(policy, finding.ruleId, finding.severity);
    options.onSuppressed?.({ finding, by, honoured });
    return !honoured;
  });
};
