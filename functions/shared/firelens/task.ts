import type { Problem } from '../errors';
import { isObject, type JsonObject } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { readTaskDefinition, type TaskDefinitionView } from '../template/view';

/**
 * One task definition as the checks and the planners read it: the facts from the template view, and
 * the containers as written (intrinsic containers included, so indexes and messages match the template).
 */
export interface FireLensTask {
  readonly logicalId: string;
  /** ['Resources', logicalId, 'Properties'] */
  readonly base: TemplatePath;
  readonly properties: JsonObject;
  /** ContainerDefinitions as written when it is a literal list of objects; otherwise empty (validation refuses it). */
  readonly containers: readonly JsonObject[];
  readonly view: TaskDefinitionView;
  /** The template's Resources, to recognise same-template roles, log groups, streams and buckets. */
  readonly resources: JsonObject;
  /** The template's Parameters, to judge what a `Ref` to one of them may be (their Default and AllowedValues). */
  readonly parameters: JsonObject;
}

export const readFireLensTask = (
  logicalId: string,
  resource: JsonObject,
  resources: JsonObject,
  parameters: JsonObject = {},
): FireLensTask => {
  const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
  const written = properties['ContainerDefinitions'];
  return {
    logicalId,
    base: ['Resources', logicalId, 'Properties'],
    properties,
    containers: containersListed(properties) && Array.isArray(written) ? written.filter(isObject) : [],
    view: readTaskDefinition(logicalId, ['Resources', logicalId], properties, resources),
    resources,
    parameters,
  };
};

/** The expansion rewrites ContainerDefinitions in place, so it must be a literal list of container objects. */
export const containersListed = (properties: JsonObject): boolean => {
  const written = properties['ContainerDefinitions'];
  return Array.isArray(written) && written.every(isObject);
};

/** A problem at a path under the task's Properties. */
export const taskProblem = (task: FireLensTask, path: TemplatePath, message: string): Problem => ({
  logicalId: task.logicalId,
  path: [...task.base, ...path],
  message,
});
