/** The whole FireLens rule set over one template: what the CLI, the hook and the macro call. */
import { buildTemplateView } from '../template/view';
import { catalog } from './catalog';
import { RULE_CRASHED_META, runRules, toFinding } from './engine';
import type { LintTemplate } from './types';

export const lintTemplate: LintTemplate = (template, options = {}) => {
  try {
    const view = buildTemplateView(template, { externalTaskDefinitions: options.externalTaskDefinitions });
    return runRules(catalog, view, template, options);
  } catch (error: unknown) {
    // Only a bug in the view builder gets here; never throw at callers (the hook must answer).
    const message = error instanceof Error ? error.message : String(error);
    return [toFinding(RULE_CRASHED_META, { path: [], message: `The template view could not be built: ${message}` }, options)];
  }
};
