/**
 * A task's memory arithmetic, shared by the rules (FL1103, FL1104, FL1106) and the macro's refusal, so both
 * count the same way. Values under `Fn::If` are reasoned over every assignment of the conditions they name
 * (a task whose Memory and container Memory follow the same condition is judged per branch, not by mixing
 * the largest container with the smallest task); a value no branch makes literal (a `Ref` to a parameter)
 * makes its scenarios unchecked, never fine.
 *
 * ECS facts (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html,
 * container definition `memory` / `memoryReservation`): a container reserves its `memoryReservation` when
 * set, otherwise its `memory`; the reservations of all containers must fit in the task memory, and no
 * container's hard `memory` may exceed it (RegisterTaskDefinition: "The 'memory' setting for container …
 * is greater than for the task"). `log-driver-buffer-limit` counts log lines; the buffer takes at most
 * lines × line size (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-docker-buffer-limit.html).
 */
import { isIntrinsic, isNoValue, isObject, type Json, literalInteger } from './intrinsics';
import type { ContainerView, TaskDefinitionView } from './view';
import { parseMemory } from './view';

export const MIB = 1_048_576;
export const BUFFER_LIMIT_OPTION = 'log-driver-buffer-limit';
/** The ECS guide: 0 ≤ log-driver-buffer-limit < 536870912 log lines (firelens-docker-buffer-limit); the largest allowed. */
export const MAX_BUFFER_LIMIT_LINES = 536_870_911;
/** The ECS guide's example line size (2 KiB lines, a limit of 4096 uses at most 8 MiB). */
export const DEFAULT_AVERAGE_LOG_LINE_BYTES = 2048;
/**
 * This project's threshold (not an ECS limit): buffers this large with no task or container memory to bound
 * them can starve an instance. FL1104 warns at it and the macro refuses it.
 */
export const UNBOUNDED_BUFFER_MIB = 512;
/** Beyond this many conditions the 2^n scenarios are not enumerated; the task is then unchecked. */
const MAX_CONDITIONS = 8;

export interface ContainerMemory {
  readonly container: ContainerView;
  /** `Memory` (hard limit, MiB), undefined when not set. */
  readonly hardMiB: number | undefined;
  /** `MemoryReservation` (soft limit, MiB), undefined when not set. */
  readonly softMiB: number | undefined;
  /** `log-driver-buffer-limit` of an awsfirelens container, in log lines; undefined when not set. */
  readonly bufferLines: number | undefined;
}

/** The task under one assignment of its conditions, every value literal. */
export interface MemoryScenario {
  /** `''` when no `Fn::If` is involved, else `when IsProd is true` (for messages). */
  readonly label: string;
  readonly taskMiB: number | undefined;
  readonly containers: readonly ContainerMemory[];
}

export interface TaskMemory {
  readonly scenarios: readonly MemoryScenario[];
  /** True when some scenario has a value that cannot be read (an intrinsic other than Fn::If). */
  readonly unchecked: boolean;
}

type Resolved = { readonly known: true; readonly value: Json | undefined } | { readonly known: false };

/** The value under one assignment: `Fn::If` picks its branch, `AWS::NoValue` is absence, other intrinsics are unknown. */
const resolve = (value: Json | undefined, assignment: ReadonlyMap<string, boolean>): Resolved => {
  if (isObject(value) && Object.keys(value).length === 1 && Array.isArray(value['Fn::If'])) {
    const [condition, whenTrue, whenFalse] = value['Fn::If'];
    return typeof condition === 'string'
      ? resolve(assignment.get(condition) === true ? whenTrue : whenFalse, assignment)
      : { known: false };
  }
  if (isNoValue(value)) {
    return { known: true, value: undefined };
  }
  return isIntrinsic(value) ? { known: false } : { known: true, value };
};

const conditionsIn = (value: Json | undefined, into: Set<string>): void => {
  if (isObject(value) && Array.isArray(value['Fn::If'])) {
    const [condition, ...branches] = value['Fn::If'];
    if (typeof condition === 'string') {
      into.add(condition);
    }
    branches.forEach((branch) => {
      conditionsIn(branch, into);
    });
  }
};

const writtenValues = (task: TaskDefinitionView): (Json | undefined)[] => [
  task.memoryWritten,
  ...task.containers.flatMap((c) => [c.memoryWritten, c.memoryReservationWritten, c.logOptions?.[BUFFER_LIMIT_OPTION]]),
];

/** A number under the assignment; `'unknown'` when it cannot be read. */
const numberUnder = (
  value: Json | undefined,
  assignment: ReadonlyMap<string, boolean>,
  read: (v: unknown) => number | undefined,
): number | undefined | 'unknown' => {
  const resolved = resolve(value, assignment);
  if (!resolved.known) {
    return 'unknown';
  }
  return resolved.value === undefined ? undefined : (read(resolved.value) ?? 'unknown');
};

const scenarioUnder = (task: TaskDefinitionView, assignment: ReadonlyMap<string, boolean>): MemoryScenario | undefined => {
  const taskMiB = numberUnder(task.memoryWritten, assignment, parseMemory);
  const containers = task.containers.map((container) => ({
    container,
    hardMiB: numberUnder(container.memoryWritten, assignment, literalInteger),
    softMiB: numberUnder(container.memoryReservationWritten, assignment, literalInteger),
    bufferLines: container.usesFireLens ? numberUnder(container.logOptions?.[BUFFER_LIMIT_OPTION], assignment, literalInteger) : undefined,
  }));
  const values = [taskMiB, ...containers.flatMap((c) => [c.hardMiB, c.softMiB, c.bufferLines])];
  if (values.includes('unknown')) {
    return undefined;
  }
  const label = [...assignment].map(([name, on]) => `${name} is ${String(on)}`).join(', ');
  return {
    label: label === '' ? '' : `when ${label}`,
    taskMiB: taskMiB as number | undefined,
    containers: containers as ContainerMemory[],
  };
};

/** Every scenario of the task's memory values: one per assignment of the conditions its values name. */
export const taskMemory = (task: TaskDefinitionView): TaskMemory => {
  const names = new Set<string>();
  writtenValues(task).forEach((value) => {
    conditionsIn(value, names);
  });
  if (names.size > MAX_CONDITIONS) {
    return { scenarios: [], unchecked: true };
  }
  const conditions = [...names].sort();
  const scenarios: MemoryScenario[] = [];
  let unchecked = false;
  for (let bits = 0; bits < 2 ** conditions.length; bits += 1) {
    const assignment = new Map(conditions.map((name, i) => [name, (bits & (1 << i)) === 0]));
    const scenario = scenarioUnder(task, assignment);
    if (scenario === undefined) {
      unchecked = true;
    } else {
      scenarios.push(scenario);
    }
  }
  return { scenarios, unchecked };
};

/** What ECS subtracts for a container: its reservation when set, otherwise its hard limit. */
export const reservedMiB = (c: Pick<ContainerMemory, 'hardMiB' | 'softMiB'>): number => c.softMiB ?? c.hardMiB ?? 0;

/** Buffer memory of `lines` log lines at `averageLineBytes` each, in MiB. */
export const bufferMiB = (lines: number, averageLineBytes: number): number => (lines * averageLineBytes) / MIB;

/** The buffers of a scenario's awsfirelens containers: their lines together, and whether any sets one. */
export const scenarioBufferLines = (scenario: MemoryScenario): { lines: number; any: boolean } => {
  const limits = scenario.containers.flatMap((c) => (c.bufferLines === undefined || c.bufferLines < 0 ? [] : [c.bufferLines]));
  return { lines: limits.reduce((sum, n) => sum + n, 0), any: limits.length > 0 };
};

/** `1.5` → `1.5`, `8` → `8`, `0.0001` → `0.01` (never shows a real buffer as 0). */
export const shownMiB = (mib: number): string =>
  Number.isInteger(mib) ? String(mib) : String(Math.max(0.01, Math.round(mib * 100) / 100));
