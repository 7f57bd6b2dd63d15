import type { Problem } from '../errors';
import { isObject, type Json, type JsonObject } from '../template/intrinsics';
import type { ExpansionPlan } from './types';

/**
 * Stage 4: applies the plans to a copy of the fragment. Each task definition gets its new Properties;
 * generated resources are placed right after their task definition, so diffs stay readable. An id that
 * already exists is never overwritten (a clear error instead).
 */
export const emitExpansion = (
  fragment: JsonObject,
  plans: readonly ExpansionPlan[],
): { fragment: JsonObject | undefined; problems: Problem[] } => {
  const resources = isObject(fragment['Resources']) ? fragment['Resources'] : {};
  const problems: Problem[] = [];
  const byTask = new Map(plans.map((p) => [p.logicalId, p]));
  const taken = new Set(Object.keys(resources));
  for (const plan of plans) {
    for (const { logicalId } of plan.resources) {
      if (taken.has(logicalId)) {
        problems.push({
          logicalId: plan.logicalId,
          path: ['Resources', logicalId],
          message: `the macro needs the logical id ${logicalId} for a resource it generates for ${plan.logicalId}, but the template already uses it; rename that resource`,
        });
      }
      taken.add(logicalId);
    }
  }
  if (problems.length > 0) {
    return { fragment: undefined, problems };
  }
  const newResources: JsonObject = {};
  for (const [id, resource] of Object.entries(resources)) {
    const plan = byTask.get(id);
    if (plan === undefined || !isObject(resource)) {
      newResources[id] = resource;
      continue;
    }
    newResources[id] = rewriteTask(resource, plan);
    for (const generated of plan.resources) {
      newResources[generated.logicalId] = withTaskCondition(generated.resource, resource['Condition']);
    }
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fragment)) {
    out[key] = key === 'Resources' ? newResources : value;
  }
  return { fragment: out, problems };
};

/** A generated resource exists exactly when its task definition does: it carries the task's Condition. */
const withTaskCondition = (generated: JsonObject, condition: Json | undefined): JsonObject =>
  condition === undefined ? generated : { Type: generated['Type'] ?? null, Condition: condition, ...generated };

const rewriteTask = (resource: JsonObject, plan: ExpansionPlan): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    out[key] = key === 'Properties' ? plan.properties : value;
  }
  if (plan.dependsOn.length > 0) {
    out['DependsOn'] = mergeResourceDependsOn(resource['DependsOn'], plan.dependsOn);
  }
  return out;
};

const mergeResourceDependsOn = (current: Json | undefined, added: readonly string[]): Json => {
  const list = current === undefined ? [] : Array.isArray(current) ? current : [current];
  return [...list, ...added.filter((id) => !list.includes(id))];
};
