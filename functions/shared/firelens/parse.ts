import type { Problem } from '../errors';
import { intrinsicName, isObject } from '../template/intrinsics';
import { isTransformEntry, templateShapeProblems } from '../template/shape';
import type { RawFireLensInput } from './types';

const FIRELENS_KEY = 'FireLens';

const TASK_DEFINITION = 'AWS::ECS::TaskDefinition';

/**
 * Stage 1: finds every AWS::ECS::TaskDefinition that carries a `FireLens` property (task level or
 * on a container). No defaults and no judgment, apart from shapes that make reading impossible: a
 * `Resources` that is not a mapping, a resource that is not an object with a Type, a container or
 * `Properties` written as an intrinsic function, a `FireLens` inside `Fn::ForEach` (which the macro
 * would otherwise leave unexpanded), a log router whose `FirelensConfiguration` is not a literal object.
 */
export const parseFireLensProperties = (
  fragment: Readonly<Record<string, unknown>>,
): { inputs: RawFireLensInput[]; problems: Problem[] } => {
  const inputs: RawFireLensInput[] = [];
  const problems: Problem[] = templateShapeProblems(fragment).map((p) => ({
    ...(p.path.length > 1 ? { logicalId: String(p.path[1]) } : {}),
    path: p.path,
    message: p.message,
  }));
  const resources = fragment['Resources'];
  const wrapper = intrinsicName(resources);
  if (!isObject(resources) || (wrapper !== undefined && !isTransformEntry(wrapper))) {
    return { inputs, problems };
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (logicalId.startsWith('Fn::ForEach::')) {
      problems.push(...forEachProblems(logicalId, resource));
      continue;
    }
    if (!isObject(resource) || resource['Type'] !== TASK_DEFINITION || !isObject(resource['Properties'])) {
      continue;
    }
    const properties = resource['Properties'];
    const wrapper = intrinsicName(properties);
    if (wrapper !== undefined) {
      if (containsFireLens(properties)) {
        problems.push({
          logicalId,
          path: ['Resources', logicalId, 'Properties'],
          message: `is an intrinsic function (${wrapper}) with a FireLens property inside, which the macro cannot expand: write Properties out and put ${wrapper} on the properties that differ`,
        });
      }
      continue;
    }
    const containerOverrides = new Map<number, unknown>();
    const containers = properties['ContainerDefinitions'];
    if (Array.isArray(containers)) {
      containers.forEach((container, index) => {
        if (isObject(container) && FIRELENS_KEY in container) {
          containerOverrides.set(index, container[FIRELENS_KEY]);
        }
      });
    }
    const path = ['Resources', logicalId, 'Properties', FIRELENS_KEY];
    if (FIRELENS_KEY in properties) {
      inputs.push({ logicalId, path, raw: properties[FIRELENS_KEY], containerOverrides });
      problems.push(...intrinsicContainerProblems(logicalId, containers), ...unreadableRouterProblems(logicalId, containers));
    } else if (containerOverrides.size > 0) {
      const [index] = containerOverrides.keys();
      problems.push({
        logicalId,
        path: ['Resources', logicalId, 'Properties', 'ContainerDefinitions', index ?? 0, FIRELENS_KEY],
        message: `a container-level FireLens needs a task-level FireLens property on ${logicalId} (it holds the router and the defaults)`,
      });
    }
  }
  return { inputs, problems };
};

/**
 * A container written as `Fn::If` cannot be routed: the macro would have to add LogConfiguration and
 * DependsOn beside the intrinsic, which breaks it. Each such container is named by its index.
 */
const intrinsicContainerProblems = (logicalId: string, containers: unknown): Problem[] =>
  Array.isArray(containers)
    ? containers.flatMap((container, index) => {
        const name = intrinsicName(container);
        return name === undefined
          ? []
          : [
              {
                logicalId,
                path: ['Resources', logicalId, 'Properties', 'ContainerDefinitions', index],
                message: `is an intrinsic function (${name}); the macro cannot route a container it cannot read: write the container out and put ${name} on the properties that differ`,
              },
            ];
      })
    : [];

/**
 * A container with a `FirelensConfiguration` is reused as the log router, and the macro reads its Type and
 * Options (fluentd or not, S3 config files). One it cannot read (`"x"`, an `Fn::If`, a list) is refused
 * rather than reused on guesses.
 */
const unreadableRouterProblems = (logicalId: string, containers: unknown): Problem[] =>
  Array.isArray(containers)
    ? containers.flatMap((container, index) => {
        const configuration = isObject(container) ? container['FirelensConfiguration'] : undefined;
        if (configuration === undefined || (isObject(configuration) && intrinsicName(configuration) === undefined)) {
          return [];
        }
        const name = intrinsicName(configuration);
        return [
          {
            logicalId,
            path: ['Resources', logicalId, 'Properties', 'ContainerDefinitions', index, 'FirelensConfiguration'],
            message:
              name === undefined
                ? 'must be an object ({Type: fluentbit or fluentd, Options}): the macro reuses this container as the log router and cannot read it'
                : `is an intrinsic function (${name}); the macro reuses this container as the log router and cannot read it: write FirelensConfiguration out and put ${name} on Type or Options`,
          },
        ];
      })
    : [];

const forEachProblems = (key: string, body: unknown): Problem[] =>
  containsFireLens(body)
    ? [
        {
          path: ['Resources', key],
          message:
            'holds a FireLens property, which the macro cannot expand inside Fn::ForEach: list AWS::LanguageExtensions before FireLensMacro in Transform, so the loop is expanded first',
        },
      ]
    : [];

/** Whether a `FireLens` key appears anywhere in the value. Iterative: a fragment may nest deeply. */
const containsFireLens = (value: unknown): boolean => {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (isObject(next) && FIRELENS_KEY in next) {
      return true;
    }
    if (Array.isArray(next) || isObject(next)) {
      for (const child of Object.values(next)) {
        stack.push(child);
      }
    }
  }
  return false;
};
