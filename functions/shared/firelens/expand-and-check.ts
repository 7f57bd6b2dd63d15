import type { Problem } from '../errors';
import { lintTemplate } from '../rules/lint';
import type { JsonObject } from '../template/intrinsics';
import { expandFragment, type ExpansionResult } from './index';

/**
 * What the macro runs: the expansion, then the FireLens rules over its output. Error findings fail the
 * transform, so a template that expands is one the hook accepts; warnings do not. Rules switched off in
 * the template's Metadata stay off here too.
 */
export const expandAndCheck = (fragment: JsonObject): ExpansionResult => {
  const result = expandFragment(fragment);
  if (!result.ok) {
    return result;
  }
  const errors = lintTemplate(result.fragment).filter((f) => f.severity === 'error');
  if (errors.length === 0) {
    return result;
  }
  const problems: Problem[] = errors.map((f) => ({ logicalId: f.logicalId, path: f.path, message: `${f.message} [${f.ruleId}]` }));
  return { ok: false, problems };
};
