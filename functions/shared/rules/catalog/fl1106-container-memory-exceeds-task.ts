import { pathString } from '../../template/locator';
import { type MemoryScenario, reservedMiB, taskMemory } from '../../template/task-memory';
import type { TaskDefinitionView } from '../../template/view';
import { defineRule } from '../define-rule';
import { containerLabel } from '../helpers';
import type { RawFinding } from '../types';

const TASK_MEMORY_DOCS =
  'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory';

const when = (scenario: MemoryScenario): string => (scenario.label === '' ? '' : ` (${scenario.label})`);

/** What ECS refuses in one scenario: a container's hard limit above the task's, or reservations adding up to more. */
const overcommits = (task: TaskDefinitionView, scenario: MemoryScenario): RawFinding[] => {
  const taskMiB = scenario.taskMiB;
  if (taskMiB === undefined) {
    return [];
  }
  const hard = scenario.containers.flatMap(({ container, hardMiB }) =>
    hardMiB !== undefined && hardMiB > taskMiB
      ? [
          {
            path: [...container.path, 'Memory'],
            message: `Memory ${String(hardMiB)} MiB of container ${containerLabel(container)} is more than the task memory ${String(taskMiB)} MiB of ${task.logicalId}${when(scenario)}`,
          },
        ]
      : [],
  );
  const reserved = scenario.containers.reduce((sum, c) => sum + reservedMiB(c), 0);
  const parts = scenario.containers
    .filter((c) => reservedMiB(c) > 0)
    .map((c) => `${containerLabel(c.container)} ${String(reservedMiB(c))}`);
  const total =
    reserved > taskMiB
      ? [
          {
            path: [...task.path, 'Properties', 'Memory'],
            message: `Containers of ${task.logicalId} reserve ${String(reserved)} MiB (${parts.join(', ')}; MemoryReservation, else Memory), more than the task memory ${String(taskMiB)} MiB${when(scenario)}`,
          },
        ]
      : [];
  return [...hard, ...total];
};

export const fl1106ContainerMemoryExceedsTask = defineRule({
  meta: {
    id: 'FL1106',
    name: 'container-memory-exceeds-task',
    severity: 'error',
    summary: "Checks that no container's Memory, and not the containers' reservations together, exceed the task memory",
    description:
      'ECS counts a container with its MemoryReservation, else its Memory; together they must fit in the task memory, and no hard Memory may exceed it (RegisterTaskDefinition refuses both). Conditions (Fn::If) are judged per branch.',
    docsUrl: TASK_MEMORY_DOCS,
    tags: ['memory'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      const seen = new Set<string>();
      for (const scenario of taskMemory(task).scenarios) {
        for (const finding of overcommits(task, scenario)) {
          // One finding per place: the first branch that breaks it.
          const key = pathString(finding.path);
          if (!seen.has(key)) {
            seen.add(key);
            yield finding;
          }
        }
      }
    }
  },
});
