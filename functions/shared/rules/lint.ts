/** The whole FireLens rule set over one template: what the CLI, the hook and the macro call. */
import { templateShapeProblems } from '../template/shape';
import { buildTemplateView } from '../template/view';
import { catalog } from './catalog';
import { compareFindings, isSelected, RULE_CRASHED_META, runRules, TEMPLATE_PARSE_ERROR_META, toFinding } from './engine';
import { taskDefinitionUncheckedRule } from './task-definition-unchecked';
import type { LintTemplate } from './types';

export const lintTemplate: LintTemplate = (template, options = {}) => {
  // A Resources section CloudFormation cannot read is reported, never linted as "no findings".
  const shape = templateShapeProblems(template)
    .map((problem) => toFinding(TEMPLATE_PARSE_ERROR_META, problem, options))
    .filter((finding) => isSelected(finding.ruleId, options));
  let view;
  try {
    view = buildTemplateView(template, {
      externalTaskDefinitions: options.externalTaskDefinitions,
      pseudoParameters: options.pseudoParameters,
    });
  } catch (error: unknown) {
    // Only a bug in the view builder gets here; never throw at callers (the hook must answer).
    const message = error instanceof Error ? error.message : String(error);
    return [...shape, toFinding(RULE_CRASHED_META, { path: [], message: `The template view could not be built: ${message}` }, options)];
  }
  // Outside the try: rules are isolated one by one, and what `beforeRule` throws (a deadline) must stop the run.
  return [...shape, ...runRules([...catalog, taskDefinitionUncheckedRule], view, template, options)].sort(compareFindings);
};
