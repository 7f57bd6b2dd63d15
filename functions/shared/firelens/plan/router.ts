import type { JsonObject } from '../../template/intrinsics';
import { DEFAULT_ROUTER_STOP_TIMEOUT } from '../constants';
import type { DerivedTask } from '../derive/derive-task';
import { flushSecondsNeeded } from '../derive/router-config';
import { routerStopTimeout } from '../derive/stop-timeout';
import { routerContainer } from '../router-container';
import type { FireLensSpec, GeneratedResource } from '../types';

/** The containers with the log router in place, and the router's own log group when the macro creates it. */
export interface RouterPlan {
  readonly containers: readonly JsonObject[];
  readonly resources: readonly GeneratedResource[];
}

/**
 * A new router goes first, with a StopTimeout that covers the routed containers' and the Grace its shipped
 * config files set. A router the user wrote
 * is kept as written, except that one without a StopTimeout gets one when the routed containers need more
 * than ECS's default 30 s.
 */
export const planRouter = (spec: FireLensSpec, derived: DerivedTask, containers: readonly JsonObject[]): RouterPlan => {
  const { router, routerLogGroup, stopTimeouts } = derived;
  const resources = routerLogGroup.resource === undefined ? [] : [routerLogGroup.resource];
  if (router.existingIndex === undefined) {
    const stopTimeout = routerStopTimeout(spec.router.stopTimeout, stopTimeouts, flushSecondsNeeded(spec.router)?.seconds);
    const added = routerContainer({ router: spec.router, logGroup: routerLogGroup.value, stopTimeout, config: router.config });
    return { containers: [added, ...containers], resources };
  }
  const index = router.existingIndex;
  const existing = containers[index];
  const stopTimeout = routerStopTimeout(undefined, stopTimeouts);
  if (existing === undefined || existing['StopTimeout'] !== undefined || stopTimeout <= DEFAULT_ROUTER_STOP_TIMEOUT) {
    return { containers, resources };
  }
  return { containers: containers.map((c, i) => (i === index ? { ...existing, StopTimeout: stopTimeout } : c)), resources };
};
