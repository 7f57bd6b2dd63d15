/**
 * Conditional FireLens: `FireLens: !If [Cond, {…}, !Ref AWS::NoValue]` (or the branches the other way round).
 * The task is expanded as if FireLens were on; then every task property the expansion changed becomes
 * `Fn::If [Cond, <with FireLens>, <as written, without it>]`, and the generated resources (roles, log groups)
 * carry a condition that holds exactly when the task exists with FireLens on. The rules see both branches
 * (scenario linting), CloudFormation deploys one.
 */
import type { Problem } from '../errors';
import { canonicalJson } from '../fluentbit/iam';
import { ifParts, isNoValue, isObject, type Json, type JsonObject } from '../template/intrinsics';
import { generatedLogicalId } from './logical-ids';
import type { ExpansionPlan } from './types';

const FIRELENS_KEY = 'FireLens';
const NO_VALUE: Json = { Ref: 'AWS::NoValue' };

export interface ConditionalTask {
  readonly condition: string;
  /** The FireLens object is the `Fn::If`'s second branch: FireLens is on when the condition is false. */
  readonly negated: boolean;
  /** The task's Properties with FireLens off: the property and every container's `FireLens` key removed. */
  readonly off: JsonObject;
}

/** `{Fn::If: [name, A, B]}` with one branch `AWS::NoValue` and the other an object: the condition and the object. */
const conditionalFireLens = (value: unknown): { condition: string; negated: boolean; fireLens: JsonObject } | undefined => {
  const parts = ifParts(value);
  if (parts === undefined) {
    return undefined;
  }
  const {
    condition,
    branches: [whenTrue, whenFalse],
  } = parts;
  if (isObject(whenTrue) && !isNoValue(whenTrue) && isNoValue(whenFalse)) {
    return { condition, negated: false, fireLens: whenTrue };
  }
  if (isObject(whenFalse) && !isNoValue(whenFalse) && isNoValue(whenTrue)) {
    return { condition, negated: true, fireLens: whenFalse };
  }
  return undefined;
};

const withoutFireLens = (properties: JsonObject): JsonObject => {
  const { [FIRELENS_KEY]: _removed, ...rest } = properties;
  const containers = rest['ContainerDefinitions'];
  if (!Array.isArray(containers)) {
    return rest;
  }
  const plain = containers.map((container) => {
    if (!isObject(container) || !(FIRELENS_KEY in container)) {
      return container;
    }
    const { [FIRELENS_KEY]: _override, ...others } = container;
    return others;
  });
  return { ...rest, ContainerDefinitions: plain };
};

/** The fragment with each conditional FireLens written as its object, and what to put back after the expansion. */
export const unwrapConditionalFireLens = (fragment: JsonObject): { fragment: JsonObject; tasks: Map<string, ConditionalTask> } => {
  const tasks = new Map<string, ConditionalTask>();
  const resources = fragment['Resources'];
  if (!isObject(resources)) {
    return { fragment, tasks };
  }
  const rewritten: JsonObject = {};
  for (const [id, resource] of Object.entries(resources)) {
    // Only task definitions: a FireLens key of any other resource is not the macro's and stays as written.
    const properties = isObject(resource) && resource['Type'] === 'AWS::ECS::TaskDefinition' ? resource['Properties'] : undefined;
    const found = isObject(properties) ? conditionalFireLens(properties[FIRELENS_KEY]) : undefined;
    if (found === undefined || !isObject(resource) || !isObject(properties)) {
      rewritten[id] = resource;
      continue;
    }
    tasks.set(id, { condition: found.condition, negated: found.negated, off: withoutFireLens(properties) });
    rewritten[id] = { ...resource, Properties: { ...properties, [FIRELENS_KEY]: found.fireLens } };
  }
  return tasks.size === 0 ? { fragment, tasks } : { fragment: { ...fragment, Resources: rewritten }, tasks };
};

/** `Fn::If` on each property the expansion changed; with FireLens on in the branch the user wrote it in. */
const conditionalProperties = (on: JsonObject, task: ConditionalTask): JsonObject => {
  const out: JsonObject = {};
  for (const key of new Set([...Object.keys(on), ...Object.keys(task.off)])) {
    const withIt = on[key] ?? NO_VALUE;
    const without = task.off[key] ?? NO_VALUE;
    if (canonicalJson(withIt) === canonicalJson(without)) {
      out[key] = withIt;
      continue;
    }
    out[key] = { 'Fn::If': task.negated ? [task.condition, without, withIt] : [task.condition, withIt, without] };
  }
  return out;
};

/**
 * The condition the generated resources carry: the user's when it says "FireLens on" alone, else one the
 * macro adds (`<Task>FireLensEnabled`): the negation, and/or together with the task's own Condition.
 */
const generatedCondition = (
  taskId: string,
  task: ConditionalTask,
  taskCondition: Json | undefined,
): { name: string; definition?: Json } => {
  const on: Json = task.negated ? { 'Fn::Not': [{ Condition: task.condition }] } : { Condition: task.condition };
  if (typeof taskCondition !== 'string' && !task.negated) {
    return { name: task.condition };
  }
  const definition = typeof taskCondition === 'string' ? { 'Fn::And': [{ Condition: taskCondition }, on] } : on;
  return { name: generatedLogicalId(taskId, 'FireLensEnabled'), definition };
};

/**
 * The expanded task with its properties under the condition, attributes in their order. Its DependsOn stays as
 * written: a dependency on a resource whose condition is false fails the deploy.
 */
const conditionalTask = (expanded: JsonObject, written: JsonObject, task: ConditionalTask): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(expanded)) {
    if (key === 'DependsOn') {
      if (written['DependsOn'] !== undefined) {
        out[key] = written['DependsOn'];
      }
      continue;
    }
    out[key] = key === 'Properties' ? conditionalProperties(value as JsonObject, task) : value;
  }
  return out;
};

/** Puts the conditions back on the expanded fragment (see the module comment). */
export const rewrapConditionalFireLens = (
  fragment: JsonObject,
  plans: readonly ExpansionPlan[],
  tasks: ReadonlyMap<string, ConditionalTask>,
  original: JsonObject,
): { fragment: JsonObject; problems: Problem[] } => {
  const resources = { ...(fragment['Resources'] as JsonObject) };
  const originalResources = original['Resources'] as JsonObject;
  const conditions: JsonObject = isObject(fragment['Conditions']) ? { ...fragment['Conditions'] } : {};
  const problems: Problem[] = [];
  for (const plan of plans) {
    const task = tasks.get(plan.logicalId);
    const resource = resources[plan.logicalId];
    const written = originalResources[plan.logicalId];
    if (task === undefined || !isObject(resource) || !isObject(written)) {
      continue;
    }
    if (!isObject(original['Conditions']) || !Object.hasOwn(original['Conditions'], task.condition)) {
      problems.push({
        logicalId: plan.logicalId,
        path: ['Resources', plan.logicalId, 'Properties', FIRELENS_KEY, 'Fn::If', 0],
        message: `FireLens is under Fn::If on the condition ${task.condition}, which the template's Conditions do not define; CloudFormation would refuse the template`,
      });
      continue;
    }
    const condition = generatedCondition(plan.logicalId, task, resource['Condition']);
    if (condition.definition !== undefined) {
      if (Object.hasOwn(conditions, condition.name) || Object.hasOwn(resources, condition.name)) {
        problems.push({
          logicalId: plan.logicalId,
          path: ['Conditions', condition.name],
          message: `the macro needs the condition name ${condition.name} for the resources it generates under a conditional FireLens, but the template already uses it; rename it`,
        });
        continue;
      }
      conditions[condition.name] = condition.definition;
    }
    resources[plan.logicalId] = conditionalTask(resource, written, task);
    for (const { logicalId } of plan.resources) {
      const generated = resources[logicalId];
      if (isObject(generated)) {
        const { Type: type, Condition: _taskCondition, ...rest } = generated;
        resources[logicalId] = { Type: type ?? null, Condition: condition.name, ...rest };
      }
    }
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fragment)) {
    out[key] = key === 'Resources' ? resources : value;
  }
  if (Object.keys(conditions).length > 0) {
    out['Conditions'] = conditions;
  }
  return { fragment: out, problems };
};
