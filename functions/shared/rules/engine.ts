/**
 * runRules(): every rule over one view, each isolated (a crash becomes an FL0001 finding), findings
 * enriched with id, severity, logical id and source location, suppressions applied, then sorted.
 */
import type { JsonObject } from '../template/intrinsics';
import { type Locator, noLocation, pathString, type TemplatePath } from '../template/locator';
import type { TemplateView } from '../template/view';
import { matchesCheck, readSuppressions } from './suppressions';
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

/** The template's `Metadata.firelens-lint.config.configure_rules` names a rule, option or value lint cannot use. */
export const RULE_CONFIG_INVALID_META: RuleMeta = {
  id: 'FL0003',
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
}

/** `['Resources', 'Task', …]` → 'Task'. */
export const logicalIdOf = (path: TemplatePath): string | undefined =>
  path[0] === 'Resources' && typeof path[1] === 'string' ? path[1] : undefined;

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
const boundFindingMessage = (message: string): string =>
  message.length <= MAX_FINDING_MESSAGE ? message : `${message.slice(0, 600)} … ${message.slice(-(MAX_FINDING_MESSAGE - 603))}`;

export const toFinding = (meta: RuleMeta, raw: RawFinding, options: RunOptions): Finding => ({
  ruleId: meta.id,
  severity: meta.severity,
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
  const suppressions = readSuppressions(template);
  const findings = rules
    .filter((rule) => isSelected(rule.meta.id, options))
    .flatMap((rule) => {
      options.beforeRule?.();
      return runOne(rule, view, ruleOptions, options);
    })
    .filter((f) => isSelected(f.ruleId, options) && !suppressions.isSuppressed(f.ruleId, f.logicalId));
  return findings.sort(compareFindings);
};
