import type { Problem } from '../errors';
import { isObject, type JsonObject, literalInteger } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { DEFAULT_ROUTER_MEMORY_RESERVATION, FLUENT_FORWARD_PORT, UNBOUNDED_BUFFER_BUDGET_MIB } from './constants';
import { containerMemoryMiB, type TaskFacts } from './task-facts';
import type { FireLensSpec } from './types';

export interface TaskCheckInput {
  readonly spec: FireLensSpec;
  readonly containers: readonly JsonObject[];
  readonly facts: TaskFacts;
  readonly routedIndexes: readonly number[];
  readonly base: TemplatePath;
  readonly logicalId: string;
}

const MIB = 1_048_576;

/** What the ECS developer guide forbids for FireLens tasks, refused before anything is emitted. */
export const checkTask = (input: TaskCheckInput): Problem[] => [...checkTaskWithoutSpec(input), ...checkMemory(input)];

/** The checks that need no valid FireLens property, so they still run (and report) when it has mistakes. */
export const checkTaskWithoutSpec = (input: Omit<TaskCheckInput, 'spec' | 'routedIndexes'>): Problem[] => [
  ...checkPlatform(input),
  ...checkForwardPort(input),
];

/** FireLens is not supported for Windows containers on Fargate (ECS developer guide, using_firelens). */
const checkPlatform = ({ facts, base, logicalId }: Omit<TaskCheckInput, 'spec' | 'routedIndexes'>): Problem[] =>
  facts.isFargate && facts.isWindows
    ? [
        {
          logicalId,
          path: [...base, 'RuntimePlatform', 'OperatingSystemFamily'],
          message: 'FireLens is not supported for Windows containers on Fargate',
        },
      ]
    : [];

/** The router's forward input listens on 24224; a port mapping on it exposes the log stream to the network. */
const checkForwardPort = ({ containers, base, logicalId }: Omit<TaskCheckInput, 'spec' | 'routedIndexes'>): Problem[] =>
  containers.flatMap((container, index) => {
    const mappings = container['PortMappings'];
    if (!Array.isArray(mappings)) {
      return [];
    }
    return mappings.flatMap((mapping, m) =>
      ['ContainerPort', 'HostPort'].flatMap((key) =>
        isObject(mapping) && literalInteger(mapping[key]) === FLUENT_FORWARD_PORT
          ? [
              {
                logicalId,
                path: [...base, 'ContainerDefinitions', index, 'PortMappings', m, key],
                message: `port ${String(FLUENT_FORWARD_PORT)} is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
              },
            ]
          : [],
      ),
    );
  });

/**
 * The task's memory must exceed the containers' memory plus every buffer limit; without any memory
 * set, the buffers together must stay under 512 MiB (ECS developer guide, firelens-docker-buffer-limit).
 */
const checkMemory = ({ spec, containers, facts, routedIndexes, base, logicalId }: TaskCheckInput): Problem[] => {
  let bufferBytes = 0;
  for (const index of routedIndexes) {
    const route = spec.containerRoutes.get(index) || spec.route;
    if (route.bufferLimit !== undefined) {
      const bytes = literalInteger(route.bufferLimit);
      if (bytes === undefined) {
        return [];
      }
      bufferBytes += bytes;
    }
  }
  if (bufferBytes === 0) {
    return [];
  }
  const bufferMiB = Math.ceil(bufferBytes / MIB);
  let containersMiB = 0;
  let anyContainerMemory = false;
  for (const container of containers) {
    const { mib, known } = containerMemoryMiB(container);
    if (!known) {
      return [];
    }
    containersMiB += mib;
    anyContainerMemory ||= mib > 0;
  }
  const hasRouter = containers.some((c) => c['FirelensConfiguration'] !== undefined);
  if (!hasRouter) {
    const routerMiB = literalInteger(spec.router.memory ?? spec.router.memoryReservation ?? DEFAULT_ROUTER_MEMORY_RESERVATION);
    containersMiB += routerMiB ?? 0;
  }
  if (facts.memoryMiB !== undefined) {
    return facts.memoryMiB > containersMiB + bufferMiB
      ? []
      : [
          {
            logicalId,
            path: [...base, 'Memory'],
            message: `task memory (${String(facts.memoryMiB)} MiB) must exceed the containers' memory (${String(containersMiB)} MiB, the log router included) plus the FireLens buffer limits (${String(bufferMiB)} MiB)`,
          },
        ];
  }
  if (!facts.memorySet && !anyContainerMemory && bufferMiB >= UNBOUNDED_BUFFER_BUDGET_MIB) {
    return [
      {
        logicalId,
        path: [...spec.path, 'BufferLimit'],
        message: `with no task or container memory set, the buffer limits together (${String(bufferMiB)} MiB) must stay under ${String(UNBOUNDED_BUFFER_BUDGET_MIB)} MiB`,
      },
    ];
  }
  return [];
};
