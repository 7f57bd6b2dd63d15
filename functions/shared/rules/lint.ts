/** The whole FireLens rule set over one template: what the CLI, the hook and the macro call. */
import { templateShapeProblems } from '../template/shape';
import { buildTemplateView } from '../template/view';
import { catalog } from './catalog';
import {
  compareFindings,
  isSelected,
  RULE_CONFIG_INVALID_META,
  RULE_CRASHED_META,
  runRules,
  TEMPLATE_PARSE_ERROR_META,
  toFinding,
} from './engine';
import { mergeConfiguredRules, readTemplateRuleSettings } from './rule-options';
import type { LintOptions, LintTemplate } from './types';

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
  let view;
  try {
    view = buildTemplateView(template, { externalTaskDefinitions: options.externalTaskDefinitions });
  } catch (error: unknown) {
    // Only a bug in the view builder gets here; never throw at callers (the hook must answer).
    const message = error instanceof Error ? error.message : String(error);
    return [...shape, toFinding(RULE_CRASHED_META, { path: [], message: `The template view could not be built: ${message}` }, options)];
  }
  const configured = withTemplateRuleSettings(template, options);
  // Outside the try: rules are isolated one by one, and what `beforeRule` throws (a deadline) must stop the run.
  return [...shape, ...configured.problems, ...runRules(catalog, view, template, configured.options)].sort(compareFindings);
};
