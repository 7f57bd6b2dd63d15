import { DEFAULT_MACRO_NAME } from '../firelens/transform';
import type { JsonObject } from '../template/intrinsics';
import type { Locator, SourceRange, TemplatePath } from '../template/locator';
import type { PseudoParameters } from '../template/task-definition-reference';
import type { TemplateView } from '../template/view';
import type { SuppressedFinding, SuppressionPolicy } from './suppressions';

export type Severity = 'error' | 'warning' | 'informational';

/** Plain data about a rule: feeds the docs table, `--list-rules` and the catalogue meta-tests. */
export interface RuleMeta {
  /** `FL1001`: FL0xxx template/engine problems, FL1xxx FireLens configuration, FL9xxx custom. */
  readonly id: string;
  /** Kebab-case slug, also the rule file's name after the id (`fl1001-router-missing.ts`). */
  readonly name: string;
  readonly severity: Severity;
  /** One line, "Checks that …" form, no trailing period. */
  readonly summary: string;
  readonly description?: string;
  /** The ECS developer guide section the rule enforces. */
  readonly docsUrl: string;
  readonly tags: readonly string[];
  /** Settings users may change per rule (`--configure-rule ID:key=value`, cfn-lint's `configure_rules`). */
  readonly options?: Readonly<Record<string, RuleOptionSpec>>;
}

/** One setting of a rule: an integer with its bounds and the default the rule uses when nobody sets it. */
export interface RuleOptionSpec {
  readonly description: string;
  readonly default: number;
  readonly minimum: number;
  readonly maximum: number;
}

/** Rule id → option key → value, as cfn-lint's `configure_rules` (`{ FL1103: { 'average-log-line-bytes': 512 } }`). */
export type ConfiguredRules = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Options every rule can read; each has a default so rules never read raw configuration. */
export interface RuleOptions {
  /** Flag every security group that opens 24224, not only those attached to a FireLens task. */
  readonly strictPort24224: boolean;
  /** The Transform name that runs the FireLens macro (`--macro-name`, the hook's MacroName). */
  readonly macroName: string;
  /** Per-rule settings; a rule reads its own through `ruleOption`, which falls back to the default in its meta. */
  readonly configureRules: ConfiguredRules;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { strictPort24224: false, macroName: DEFAULT_MACRO_NAME, configureRules: {} };

/** What a rule yields: where, and what is wrong. The engine adds id, severity and location. */
export interface RawFinding {
  readonly path: TemplatePath;
  readonly message: string;
  /**
   * Only for what a rule could not check (a role from a parameter, content included at deploy):
   * `informational`, so the gap is reported and never taken as fine, without failing the template.
   */
  readonly severity?: 'informational';
}

export interface Rule {
  readonly meta: RuleMeta;
  check(view: TemplateView, options: RuleOptions): Iterable<RawFinding>;
}

/** A finding as users see it. `location` is absent when the template had no source text. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Logical id of the resource the path is in, when it is in one. */
  readonly logicalId: string | undefined;
  readonly path: TemplatePath;
  readonly location: SourceRange | undefined;
  /** Filename given to lintTemplate, for formatters. */
  readonly filename: string | undefined;
}

export interface LintOptions {
  readonly filename?: string;
  readonly locator?: Locator;
  /** Rule ids to skip for this run (CLI `--ignore-checks`, hook configuration). */
  readonly ignoreRules?: readonly string[];
  /** Only these rule ids run (empty/undefined: all). */
  readonly onlyRules?: readonly string[];
  readonly ruleOptions?: Partial<RuleOptions>;
  /**
   * Called before each rule runs, outside the rule's isolation: what it throws (the hook's deadline) stops
   * the run instead of becoming an FL0001 finding.
   */
  readonly beforeRule?: () => void;
  /**
   * Task definitions that services reference from outside the template (the hook looks them up with
   * ECS DescribeTaskDefinition), keyed by the service's literal `TaskDefinition` value (ARN or
   * family:revision), in CloudFormation's PascalCase property form.
   */
  readonly externalTaskDefinitions?: ReadonlyMap<string, JsonObject>;
  /** Region, account and partition of the deploy (the hook's request): resolves `Fn::Sub` task definition ARNs. */
  readonly pseudoParameters?: PseudoParameters;
  /** Which `ignore_checks` entries of the template are obeyed: all (`honour`, the default) or the hook's allow list. */
  readonly templateSuppressions?: SuppressionPolicy;
  /** Told of every finding a template `ignore_checks` entry matched, obeyed or not. */
  readonly onSuppressed?: (suppressed: SuppressedFinding) => void;
}

/** The whole rule set over one template. Pure; never throws for a bad template. */
export type LintTemplate = (template: JsonObject, options?: LintOptions) => Finding[];
