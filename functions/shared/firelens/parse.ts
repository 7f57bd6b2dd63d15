import type { Problem } from '../errors';
import { isObject } from '../template/intrinsics';
import type { RawFireLensInput } from './types';

export const FIRELENS_KEY = 'FireLens';

/**
 * Stage 1: finds every AWS::ECS::TaskDefinition that carries a `FireLens` property (task level or
 * on a container). No defaults and no judgment, apart from shapes that make reading impossible.
 */
export const parseFireLensProperties = (fragment: Readonly<Record<string, unknown>>): { inputs: RawFireLensInput[]; problems: Problem[] } => {
  const inputs: RawFireLensInput[] = [];
  const problems: Problem[] = [];
  const resources = fragment['Resources'];
  if (!isObject(resources)) {
    return { inputs, problems };
  }
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource['Type'] !== 'AWS::ECS::TaskDefinition' || !isObject(resource['Properties'])) {
      continue;
    }
    const properties = resource['Properties'];
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
