import type { Problem } from '../../errors';
import { literalInteger } from '../../template/intrinsics';
import type { ContainerView } from '../../template/view';
import { mappedPortKeys } from '../../template/view-network';
import { DEFAULT_ROUTER_MEMORY_RESERVATION, FLUENT_FORWARD_PORT, UNBOUNDED_BUFFER_BUDGET_MIB } from '../constants';
import type { DerivedTask } from '../derive/derive-task';
import { type FireLensTask, taskProblem } from '../task';
import type { FireLensSpec } from '../types';

const MIB = 1_048_576;

/** FireLens is not supported for Windows containers on Fargate (ECS developer guide, using_firelens). */
export const checkPlatform = (task: FireLensTask): Problem[] =>
  task.view.isFargate && task.view.operatingSystemFamily?.toUpperCase().startsWith('WINDOWS') === true
    ? [taskProblem(task, ['RuntimePlatform', 'OperatingSystemFamily'], 'FireLens is not supported for Windows containers on Fargate')]
    : [];

/**
 * The router's forward input listens on 24224; a port mapping on it, or a port range that includes it,
 * exposes the log stream to the network.
 */
export const checkForwardPort = (task: FireLensTask): Problem[] =>
  task.view.containers.flatMap((container) =>
    container.portMappings.flatMap((mapping) =>
      mappedPortKeys(mapping, FLUENT_FORWARD_PORT).map((key) => ({
        logicalId: task.logicalId,
        path: [...mapping.path, key],
        message: `port ${String(FLUENT_FORWARD_PORT)} is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
      })),
    ),
  );

/**
 * The task's memory must exceed the containers' memory plus every buffer limit; without any memory
 * set, the buffers together must stay under 512 MiB (ECS developer guide, firelens-docker-buffer-limit).
 * Any value the macro cannot read (an intrinsic) makes the sum unknown, and the check stays silent.
 */
export const checkMemory = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const bufferMiB = routedBufferMiB(derived);
  const containers = task.view.containers.map(containerMemoryMiB);
  if (bufferMiB === undefined || bufferMiB === 0 || containers.some((mib) => mib === undefined)) {
    return [];
  }
  const written = containers.reduce<number>((sum, mib) => sum + (mib ?? 0), 0);
  const routerMiB =
    task.view.routers.length > 0
      ? 0
      : (literalInteger(spec.router.memory ?? spec.router.memoryReservation ?? DEFAULT_ROUTER_MEMORY_RESERVATION) ?? 0);
  const containersMiB = written + routerMiB;
  const taskMiB = task.view.memory;
  if (taskMiB !== undefined) {
    return taskMiB > containersMiB + bufferMiB
      ? []
      : [
          taskProblem(
            task,
            ['Memory'],
            `task memory (${String(taskMiB)} MiB) must exceed the containers' memory (${String(containersMiB)} MiB, the log router included) plus the FireLens buffer limits (${String(bufferMiB)} MiB)`,
          ),
        ];
  }
  const anyContainerMemory = containers.some((mib) => mib !== undefined && mib > 0);
  if (!task.view.memoryPresent && !anyContainerMemory && bufferMiB >= UNBOUNDED_BUFFER_BUDGET_MIB) {
    return [
      {
        logicalId: task.logicalId,
        path: [...spec.path, 'BufferLimit'],
        message: `with no task or container memory set, the buffer limits together (${String(bufferMiB)} MiB) must stay under ${String(UNBOUNDED_BUFFER_BUDGET_MIB)} MiB`,
      },
    ];
  }
  return [];
};

/** The routed containers' buffer limits together, rounded up to MiB; undefined when one is an intrinsic. */
const routedBufferMiB = (derived: DerivedTask): number | undefined => {
  let bytes = 0;
  for (const { route } of derived.routed) {
    if (route.bufferLimit !== undefined) {
      const limit = literalInteger(route.bufferLimit);
      if (limit === undefined) {
        return undefined;
      }
      bytes += limit;
    }
  }
  return Math.ceil(bytes / MIB);
};

/**
 * A container's memory in MiB: its hard limit, else its reservation, 0 when neither is written; undefined
 * when the one that counts is an intrinsic (the view reads it as undefined, and says whether it is written).
 */
const containerMemoryMiB = (container: ContainerView): number | undefined => {
  if (container.memoryPresent) {
    return container.memory;
  }
  if (container.memoryReservationPresent) {
    return container.memoryReservation;
  }
  return 0;
};
