import type { FireLensTask } from '../task';
import type { FireLensSpec, GeneratedResource } from '../types';
import { type DestinationLogGroups, destinationLogGroups, type RouteOutput, routeOutputs } from './outputs';
import { type RoleNeeds, roleNeeds } from './role-needs';
import { readRouterFacts, type RouterFacts, type RouterLogGroup, routerLogGroup } from './router-facts';
import { type SecretList, secretLists } from './secret-lists';
import { type Routed, routedContainers } from './selection';
import { type RoutedStopTimeouts, routedStopTimeouts } from './stop-timeout';

/**
 * What both the validation stage and the planners read from a spec and its task: which router, which
 * containers are routed and how, the created log groups, the outputs, the secrets and the role needs.
 * Computed by one function so the checks judge exactly what the planners will write.
 */
export interface DerivedTask {
  readonly router: RouterFacts;
  readonly routed: readonly Routed[];
  readonly destinationLogGroups: DestinationLogGroups;
  readonly routerLogGroup: RouterLogGroup;
  readonly outputs: readonly RouteOutput[];
  readonly secretLists: readonly SecretList[];
  readonly stopTimeouts: RoutedStopTimeouts;
  /** The log groups the macro creates, destination groups first (the order they are emitted in). */
  readonly logGroups: readonly GeneratedResource[];
  readonly roleNeeds: RoleNeeds;
}

export const deriveTask = (spec: FireLensSpec, task: FireLensTask): DerivedTask => {
  const router = readRouterFacts(spec, task);
  const routed = routedContainers(spec, task, router.existingIndex);
  const destinationGroups = destinationLogGroups(spec.logicalId, routed);
  const routerGroup = routerLogGroup(spec, task, router);
  const outputs = routeOutputs(routed, router, destinationGroups);
  const secrets = secretLists(spec, task, router, outputs);
  const logGroups = [...destinationGroups.resources, ...(routerGroup.resource === undefined ? [] : [routerGroup.resource])];
  return {
    router,
    routed,
    destinationLogGroups: destinationGroups,
    routerLogGroup: routerGroup,
    outputs,
    secretLists: secrets,
    stopTimeouts: routedStopTimeouts(task, routed),
    logGroups,
    roleNeeds: roleNeeds(spec, task, { router, outputs, routerLogGroup: routerGroup, secretLists: secrets, generated: logGroups }),
  };
};
