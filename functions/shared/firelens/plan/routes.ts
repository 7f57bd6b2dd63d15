import type { JsonObject } from '../../template/intrinsics';
import { mergeDependsOn } from '../derive/depends-on';
import type { DerivedTask } from '../derive/derive-task';
import { routeLogOptions, type RouteOutput } from '../derive/outputs';
import type { FireLensTask } from '../task';
import type { GeneratedResource } from '../types';

/** The task's containers with their routes applied, and the destination log groups the routes need. */
export interface RoutesPlan {
  /** The containers as written, each without FireLens; routed ones log through FireLens and wait for the router. */
  readonly containers: readonly JsonObject[];
  readonly resources: readonly GeneratedResource[];
}

export const planRoutes = (task: FireLensTask, derived: DerivedTask): RoutesPlan => {
  const routed = new Map(derived.outputs.map((output) => [output.index, output]));
  const containers = task.containers.map((container, index) => {
    const output = routed.get(index);
    return output === undefined ? withoutFireLens(container) : routedContainer(withoutFireLens(container), output, derived);
  });
  return { containers, resources: derived.destinationLogGroups.resources };
};

/** The container property is the macro's input, never ECS's. */
const withoutFireLens = (container: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(container).filter(([key]) => key !== 'FireLens'));

/** LogConfiguration goes last (a routed container has none), DependsOn keeps its place when it has one. */
const routedContainer = (container: JsonObject, output: RouteOutput, derived: DerivedTask): JsonObject => {
  const logConfiguration: JsonObject = { LogDriver: 'awsfirelens', Options: routeLogOptions(output) };
  if (output.secretOptions !== undefined) {
    logConfiguration['SecretOptions'] = output.secretOptions;
  }
  const dependsOn = mergeDependsOn(container['DependsOn'], derived.router.name, derived.router.healthy ? 'HEALTHY' : 'START');
  if (typeof dependsOn === 'string') {
    throw new Error(`planRoutes: validation let a DependsOn the macro cannot extend through (${dependsOn})`);
  }
  return { ...container, LogConfiguration: logConfiguration, DependsOn: dependsOn };
};
