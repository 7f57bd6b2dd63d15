/** The whole FireLens rule set over one template: what the CLI, the hook and the macro call. */
import type { JsonObject } from '../template/intrinsics';
import { noLocation } from '../template/locator';
import { conditionsOnPath, MAX_SCENARIOS, planScenarios, type ScenarioPlan } from '../template/scenarios';
import { templateShapeProblems } from '../template/shape';
import { buildTemplateView } from '../template/view';
import { catalog } from './catalog';
import {
  compareFindings,
  isSelected,
  RULE_CONFIG_INVALID_META,
  RULE_CRASHED_META,
  runRules,
  SCENARIO_LIMIT_META,
  TEMPLATE_PARSE_ERROR_META,
  toFinding,
} from './engine';
import { mergeConfiguredRules, readTemplateRuleSettings } from './rule-options';
import { mergeScenarioFindings } from './scenario-findings';
import { taskDefinitionUncheckedRule } from './task-definition-unchecked';
import type { Finding, LintOptions, LintTemplate, Rule } from './types';

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The rules over one template as it is. */
const lintOne = (rules: readonly Rule[], template: JsonObject, options: LintOptions): Finding[] => {
  let view;
  try {
    view = buildTemplateView(template, {
      externalTaskDefinitions: options.externalTaskDefinitions,
      pseudoParameters: options.pseudoParameters,
    });
  } catch (error: unknown) {
    // Only a bug in the view builder gets here; never throw at callers (the hook must answer).
    return [toFinding(RULE_CRASHED_META, { path: [], message: `The template view could not be built: ${describeError(error)}` }, options)];
  }
  // Outside the try: rules are isolated one by one, and what `beforeRule` throws (a deadline) must stop the run.
  return runRules(rules, view, template, options);
};

const truncationFinding = (plan: ScenarioPlan, options: LintOptions): Finding[] =>
  plan.truncated === undefined
    ? []
    : [
        toFinding(
          SCENARIO_LIMIT_META,
          {
            path: ['Conditions'],
            message:
              `The template's Fn::If conditions and allowed parameter values give ${plan.truncated.combinations} combinations, ` +
              `more than the ${String(MAX_SCENARIOS)} scenarios the rules run over; ${String(plan.truncated.checked)} were checked ` +
              '(every condition true, every condition false, each condition flipped alone as far as the bound allows, each allowed value in turn): ' +
              'a finding that needs another combination is not reported',
          },
          options,
        ),
      ].filter((finding) => isSelected(finding.ruleId, options));

/**
 * The rules over every scenario of the template (each `Fn::If` branch, each allowed parameter value; see
 * `template/scenarios.ts`), findings at the paths the user wrote and merged. A template without any is
 * linted as it is: exactly the findings of one run, no copy made.
 */
export const runRulesOverScenarios = (rules: readonly Rule[], template: JsonObject, options: LintOptions = {}): Finding[] => {
  let plan;
  try {
    plan = planScenarios(template);
  } catch (error: unknown) {
    return [
      toFinding(
        RULE_CRASHED_META,
        { path: [], message: `The template's scenarios could not be resolved: ${describeError(error)}` },
        options,
      ),
    ];
  }
  if (plan === undefined) {
    return lintOne(rules, template, options);
  }
  const locator = options.locator ?? noLocation;
  const perScenario = plan.scenarios.map((scenario) =>
    lintOne(rules, scenario.template, { ...options, locator: (path) => locator(scenario.originalPath(path)) }).map((finding) => ({
      ...finding,
      path: scenario.originalPath(finding.path),
    })),
  );
  const preferred = (finding: Finding): string[] => conditionsOnPath(template, finding.path);
  return [...mergeScenarioFindings(plan.scenarios, perScenario, preferred), ...truncationFinding(plan, options)].sort(compareFindings);
};

/**
 * The template's own `configure_rules` under the caller's (the command line or the hook win, as in cfn-lint),
 * and a finding for each template setting that cannot be used (the rule then keeps its default).
 */
const withTemplateRuleSettings = (template: Parameters<LintTemplate>[0], options: LintOptions) => {
  const fromTemplate = readTemplateRuleSettings(template, catalog);
  const configureRules = mergeConfiguredRules(fromTemplate.configured, options.ruleOptions?.configureRules ?? {});
  return {
    options: { ...options, ruleOptions: { ...options.ruleOptions, configureRules } },
    problems: fromTemplate.problems
      .map((problem) => toFinding(RULE_CONFIG_INVALID_META, problem, options))
      .filter((finding) => isSelected(finding.ruleId, options)),
  };
};

export const lintTemplate: LintTemplate = (template, options = {}) => {
  // A Resources section CloudFormation cannot read is reported, never linted as "no findings".
  const shape = templateShapeProblems(template)
    .map((problem) => toFinding(TEMPLATE_PARSE_ERROR_META, problem, options))
    .filter((finding) => isSelected(finding.ruleId, options));
  const configured = withTemplateRuleSettings(template, options);
  const rules = [...catalog, taskDefinitionUncheckedRule];
  return [...shape, ...configured.problems, ...runRulesOverScenarios(rules, template, configured.options)].sort(compareFindings);
};
