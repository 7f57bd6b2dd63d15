/**
 * The macro's memory refusals, counted as the rules FL1103/FL1106 count (template/task-memory.ts), with the
 * log router the macro adds included and the buffers the FireLens property sets:
 * - overcommit: a container's hard Memory above the task's, or the reservations (MemoryReservation, else
 *   Memory) adding up to more than the task memory — ECS refuses the task definition
 *   (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory);
 * - buffers: the task memory must exceed the containers plus every buffer, a buffer taking up to
 *   log lines × AverageLogLineBytes (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-docker-buffer-limit.html).
 * Conditions (Fn::If) are judged per branch; a value that is another intrinsic leaves its branch unjudged here
 * (the deploy-time rules and ECS itself still see the resolved values).
 */
import type { Problem } from '../../errors';
import { literalInteger } from '../../template/intrinsics';
import {
  type ContainerMemory,
  DEFAULT_AVERAGE_LOG_LINE_BYTES,
  type MemoryScenario,
  MIB,
  reservedMiB,
  shownMiB,
  taskMemory,
  UNBOUNDED_BUFFER_MIB,
} from '../../template/task-memory';
import type { DerivedTask } from '../derive/derive-task';
import { type FireLensTask, taskProblem } from '../task';
import type { FireLensSpec } from '../types';

interface Buffers {
  readonly lines: number;
  readonly mib: number;
  /** `4096 log lines at 2048 bytes each` */
  readonly shown: string;
}

/** The routed containers' buffers; undefined when none is set or one is not a literal. */
const routedBuffers = (derived: DerivedTask): Buffers | undefined => {
  let lines = 0;
  let bytes = 0;
  const lineSizes = new Set<number>();
  for (const { route } of derived.routed) {
    if (route.bufferLimit === undefined) {
      continue;
    }
    const limit = literalInteger(route.bufferLimit);
    if (limit === undefined) {
      return undefined;
    }
    // Never below the size the rules and the hook count at by default: they see only the line count, and what
    // the macro accepts they must accept too (a smaller AverageLogLineBytes still sizes BufferMemory's lines).
    const lineBytes = Math.max(route.averageLogLineBytes, DEFAULT_AVERAGE_LOG_LINE_BYTES);
    lines += limit;
    bytes += limit * lineBytes;
    lineSizes.add(lineBytes);
  }
  const size = lineSizes.size === 1 ? `${String([...lineSizes][0])} bytes each` : 'the AverageLogLineBytes of each container';
  return lineSizes.size === 0 ? undefined : { lines, mib: bytes / MIB, shown: `${String(lines)} log lines at ${size}` };
};

/** The router the macro adds, as one more container; undefined when its memory is an intrinsic. */
const addedRouter = (spec: FireLensSpec, task: FireLensTask): Omit<ContainerMemory, 'container'> | undefined => {
  if (task.view.routers.length > 0) {
    return { hardMiB: undefined, softMiB: undefined, bufferLines: undefined };
  }
  const hard = spec.router.memory === undefined ? undefined : literalInteger(spec.router.memory);
  const soft = spec.router.memoryReservation === undefined ? undefined : literalInteger(spec.router.memoryReservation);
  const unreadable =
    (spec.router.memory !== undefined && hard === undefined) || (spec.router.memoryReservation !== undefined && soft === undefined);
  return unreadable ? undefined : { hardMiB: hard, softMiB: soft, bufferLines: undefined };
};

const when = (scenario: MemoryScenario): string => (scenario.label === '' ? '' : ` (${scenario.label})`);

/** Problems of one scenario: hard limits above the task, reservations above it, or no room left for the buffers. */
const scenarioProblems = (
  spec: FireLensSpec,
  task: FireLensTask,
  scenario: MemoryScenario & { taskMiB: number },
  router: Omit<ContainerMemory, 'container'>,
  buffers: Buffers | undefined,
): Problem[] => {
  const { taskMiB } = scenario;
  const hard = scenario.containers.flatMap(({ container, hardMiB }) =>
    hardMiB !== undefined && hardMiB > taskMiB
      ? [
          taskProblem(
            task,
            ['ContainerDefinitions', container.index, 'Memory'],
            `${String(hardMiB)} MiB is more than the task memory (${String(taskMiB)} MiB)${when(scenario)}`,
          ),
        ]
      : [],
  );
  if (router.hardMiB !== undefined && router.hardMiB > taskMiB) {
    hard.push({
      logicalId: task.logicalId,
      path: [...spec.path, 'Router', 'Memory'],
      message: `${String(router.hardMiB)} MiB is more than the task memory (${String(taskMiB)} MiB)${when(scenario)}`,
    });
  }
  const reserved = scenario.containers.reduce((sum, c) => sum + reservedMiB(c), reservedMiB(router));
  if (reserved > taskMiB) {
    const message = `the containers reserve ${String(reserved)} MiB (MemoryReservation, else Memory, the log router included), more than the task memory (${String(taskMiB)} MiB)${when(scenario)}`;
    return [...hard, taskProblem(task, ['Memory'], message)];
  }
  if (buffers !== undefined && taskMiB <= reserved + buffers.mib) {
    const message = `task memory (${String(taskMiB)} MiB) must exceed the containers' memory (${String(reserved)} MiB, the log router included) plus the FireLens buffers (${shownMiB(buffers.mib)} MiB: ${buffers.shown})${when(scenario)}; raise Memory, or lower BufferLimit / BufferMemory`;
    return [...hard, taskProblem(task, ['Memory'], message)];
  }
  return hard;
};

/** Every memory refusal of the task, the first branch that breaks each place only. */
export const checkMemory = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const router = addedRouter(spec, task);
  const buffers = routedBuffers(derived);
  if (router === undefined) {
    return [];
  }
  const { scenarios } = taskMemory(task.view);
  const problems = new Map<string, Problem>();
  for (const scenario of scenarios) {
    const found =
      scenario.taskMiB === undefined
        ? unboundedBuffers(spec, scenario, buffers)
        : scenarioProblems(spec, task, { ...scenario, taskMiB: scenario.taskMiB }, router, buffers);
    for (const problem of found) {
      const key = problem.path.join('\u0000');
      if (!problems.has(key)) {
        problems.set(key, problem);
      }
    }
  }
  return [...problems.values()];
};

/** Without task or container memory nothing bounds the buffers; this project refuses 512 MiB or more of them. */
const unboundedBuffers = (spec: FireLensSpec, scenario: MemoryScenario, buffers: Buffers | undefined): Problem[] => {
  // The router's own reservation bounds only the router, not the application containers' buffers.
  const anyMemory = scenario.containers.some((c) => reservedMiB(c) > 0);
  if (anyMemory || buffers === undefined || buffers.mib < UNBOUNDED_BUFFER_MIB) {
    return [];
  }
  return [
    {
      logicalId: spec.logicalId,
      path: [...spec.path, spec.route.bufferMemoryMiB === undefined ? 'BufferLimit' : 'BufferMemory'],
      message: `with no task or container memory set, the buffers together (${shownMiB(buffers.mib)} MiB: ${buffers.shown}) must stay under ${String(UNBOUNDED_BUFFER_MIB)} MiB`,
    },
  ];
};
