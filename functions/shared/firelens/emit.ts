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
  const byTask = new Map(plans.map((p) => [p.logicalId, p]));
  const problems = idCollisions(fragment, plans);
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

/**
 * Template sections whose keys share one namespace with resource logical ids: CloudFormation wants every logical
 * name unique within the template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html),
 * and a generated resource named like a Parameter would make `Ref: WebFireLensTaskRole` mean something else.
 */
const ID_SECTIONS = [
  ['Resources', 'resource'],
  ['Parameters', 'parameter'],
  ['Conditions', 'condition'],
  ['Mappings', 'mapping'],
  ['Outputs', 'output'],
] as const;

/** Every generated id the template already uses (in any section) or that two plans both want. */
const idCollisions = (fragment: JsonObject, plans: readonly ExpansionPlan[]): Problem[] => {
  const taken = new Map<string, { section: string; kind: string }>();
  for (const [section, kind] of ID_SECTIONS) {
    const entries = fragment[section];
    for (const id of isObject(entries) ? Object.keys(entries) : []) {
      if (!taken.has(id)) {
        taken.set(id, { section, kind });
      }
    }
  }
  const problems: Problem[] = [];
  for (const plan of plans) {
    for (const { logicalId } of plan.resources) {
      const user = taken.get(logicalId);
      if (user !== undefined) {
        problems.push({
          logicalId: plan.logicalId,
          path: [user.section, logicalId],
          message: `the macro needs the logical id ${logicalId} for a resource it generates for ${plan.logicalId}, but the template already uses it${user.kind === 'resource' ? '' : ` as a ${user.kind} name`}; rename that ${user.kind}`,
        });
      }
      taken.set(logicalId, { section: 'Resources', kind: 'resource' });
    }
  }
  return problems;
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
