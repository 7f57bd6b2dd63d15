import type { Problem } from '../errors';
import { isObject, type JsonObject } from '../template/intrinsics';
import { checkTaskWithoutSpec } from './checks';
import { emitExpansion } from './emit';
import { planExpansion } from './expand';
import { normalizeFireLens } from './normalize';
import { parseFireLensProperties } from './parse';
import { readTaskFacts } from './task-facts';
import type { ExpansionPlan } from './types';

export type ExpansionResult =
  | { readonly ok: true; readonly fragment: JsonObject; readonly expanded: readonly ExpansionPlan[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The macro: every task definition's `FireLens` property expanded (parse → normalize → expand → emit).
 * Returns every problem of every task at once, and never a partial template. A fragment without any
 * FireLens property is returned as it came.
 */
export const expandFragment = (fragment: JsonObject): ExpansionResult => {
  const { inputs, problems } = parseFireLensProperties(fragment);
  if (inputs.length === 0 && problems.length === 0) {
    return { ok: true, fragment, expanded: [] };
  }
  const resources = isObject(fragment['Resources']) ? fragment['Resources'] : {};
  const plans: ExpansionPlan[] = [];
  for (const input of inputs) {
    const normalized = normalizeFireLens(input);
    problems.push(...normalized.problems);
    const resource = resources[input.logicalId];
    if (!isObject(resource)) {
      continue;
    }
    if (normalized.spec === undefined) {
      problems.push(...checkResourceWithoutSpec(input.logicalId, resource));
      continue;
    }
    const { plan, problems: planProblems } = planExpansion(normalized.spec, resource, { resources });
    problems.push(...planProblems);
    if (plan) {
      plans.push(plan);
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const emitted = emitExpansion(fragment, plans);
  return emitted.fragment === undefined
    ? { ok: false, problems: emitted.problems }
    : { ok: true, fragment: emitted.fragment, expanded: plans };
};

const checkResourceWithoutSpec = (logicalId: string, resource: JsonObject): Problem[] => {
  const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
  const containers = Array.isArray(properties['ContainerDefinitions']) ? properties['ContainerDefinitions'].filter(isObject) : [];
  return checkTaskWithoutSpec({ containers, facts: readTaskFacts(properties), base: ['Resources', logicalId, 'Properties'], logicalId });
};
