import type { Json } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import type { FireLensTask } from '../task';
import type { FireLensSpec } from '../types';
import type { RouteOutput } from './outputs';
import type { RouterFacts } from './router-facts';

/** A secrets list the execution role must read, with the path (under Properties) where the user wrote it. */
export interface SecretList {
  readonly path: TemplatePath;
  readonly value: Json;
}

/**
 * Every secrets list the execution role reads, once per place the user wrote it (a task-level SecretOptions
 * serves every routed container that inherits it).
 */
export const secretLists = (spec: FireLensSpec, task: FireLensTask, router: RouterFacts, outputs: readonly RouteOutput[]): SecretList[] => {
  const lists = new Map<string, SecretList>();
  if (router.existingIndex === undefined && spec.router.secrets !== undefined) {
    lists.set('router', { path: ['FireLens', 'Router', 'Secrets'], value: spec.router.secrets });
  }
  for (const { index, route, secretOptions } of outputs) {
    if (secretOptions !== undefined) {
      // A container override with a destination of its own wrote its own list; an inherited one is the task's.
      const own = route.destination !== spec.route.destination;
      const path = [...(own ? ['ContainerDefinitions', index] : []), 'FireLens', 'Destination', 'Custom', 'SecretOptions'];
      lists.set(path.join('.'), { path, value: secretOptions });
    }
  }
  // ECS reads every container's `Secrets` with the execution role. A role the macro creates is the task's
  // only one, so it must read the apps' own secrets too (a role the user gave already does).
  if (task.properties['ExecutionRoleArn'] === undefined) {
    task.containers.forEach((container, index) => {
      if (container['Secrets'] !== undefined) {
        lists.set(`container ${String(index)}`, { path: ['ContainerDefinitions', index, 'Secrets'], value: container['Secrets'] });
      }
    });
  }
  return [...lists.values()];
};
