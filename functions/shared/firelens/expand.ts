import type { JsonObject } from '../template/intrinsics';
import type { DerivedTask } from './derive/derive-task';
import { planIam } from './plan/iam';
import { planRouter } from './plan/router';
import { planRoutes } from './plan/routes';
import type { FireLensTask } from './task';
import type { ExpansionPlan, FireLensSpec, PlanSources } from './types';

/**
 * Stage 3: from a spec, its task and what validation derived from them, everything emit needs, as data.
 * Mutates nothing. The task has passed validation (validate-task.ts), so planning refuses nothing: it only writes.
 */
export const planExpansion = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): ExpansionPlan => {
  const routes = planRoutes(task, derived);
  const router = planRouter(spec, derived, routes.containers);
  const iam = planIam(spec, task, derived);
  return {
    logicalId: spec.logicalId,
    properties: { ...taskProperties(task.properties, router.containers), ...iam.properties },
    dependsOn: iam.dependsOn,
    // Destination log groups, then the router's, then the roles: the order emit writes them in.
    resources: [...routes.resources, ...router.resources, ...iam.resources],
    routedContainers: derived.routed.map((r) => (typeof r.name === 'string' ? r.name : JSON.stringify(r.name))),
    sources: planSources(spec, task, derived),
  };
};

/** The task's Properties in their order, FireLens removed and the containers replaced. */
const taskProperties = (properties: JsonObject, containers: readonly JsonObject[]): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key !== 'FireLens') {
      out[key] = key === 'ContainerDefinitions' ? [...containers] : value;
    }
  }
  return out;
};

/** Where the plan's containers and routes came from, for the source map (types.ts, PlanSources). */
const planSources = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): PlanSources => {
  const written = task.containers.map((_, i) => i);
  return {
    fireLens: spec.path,
    containers: derived.router.existingIndex === undefined ? [undefined, ...written] : written,
    routes: new Map(
      derived.routed.map(({ index }) => {
        const override = spec.containerRoutes.get(index);
        return [
          index,
          override === undefined || override === false ? spec.path : [...task.base, 'ContainerDefinitions', index, 'FireLens'],
        ];
      }),
    ),
  };
};
