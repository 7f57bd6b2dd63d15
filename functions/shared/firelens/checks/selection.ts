import type { Problem } from '../../errors';
import { isIntrinsic } from '../../template/intrinsics';
import type { DerivedTask } from '../derive/derive-task';
import { chooseContainers, type ContainerChoice } from '../derive/selection';
import { type FireLensTask, taskProblem } from '../task';
import type { FireLensSpec } from '../types';

/**
 * The container selection must be unambiguous: FireLens.Containers names real, non-router containers,
 * container-level settings that would have no effect are refused rather than silently ignored, and at
 * least one container logs through FireLens.
 */
export const checkSelection = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => [
  ...checkListedNames(spec, task, derived.router.existingIndex),
  ...chooseContainers(spec, task, derived.router.existingIndex).flatMap((choice) => checkChoice(task, choice)),
  ...(derived.routed.length === 0 && spec.containers === undefined
    ? [taskProblem(task, ['FireLens'], 'no container would log through FireLens: every container has its own LogConfiguration or opts out')]
    : []),
];

const checkListedNames = (spec: FireLensSpec, task: FireLensTask, routerIndex: number | undefined): Problem[] => {
  const names = task.view.containers.map((c) => c.name);
  return (spec.containers ?? []).flatMap((name, i) => {
    const index = names.indexOf(name);
    if (index < 0) {
      return [taskProblem(task, ['FireLens', 'Containers', i], `no container is named "${name}"`)];
    }
    return index === routerIndex
      ? [taskProblem(task, ['FireLens', 'Containers', i], `"${name}" is the log router; it cannot log through itself`)]
      : [];
  });
};

const checkChoice = (task: FireLensTask, choice: ContainerChoice): Problem[] => {
  const { index, label, override, listed } = choice;
  const hasSettings = override !== undefined && override !== false;
  if (choice.isRouter) {
    return hasSettings
      ? [
          taskProblem(
            task,
            ['ContainerDefinitions', index, 'FireLens'],
            `${label} is the log router and has FireLens settings; it cannot log through itself`,
          ),
        ]
      : [];
  }
  const problems = checkName(task, choice);
  if (listed === false && hasSettings) {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', index, 'FireLens'],
        `${label} has FireLens settings but is not in FireLens.Containers; add it there, or remove its FireLens`,
      ),
    );
  }
  if (listed === true && override === false) {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', index, 'FireLens'],
        `${label} is in FireLens.Containers but opts out with FireLens: false; remove one of the two`,
      ),
    );
  }
  if (choice.selected && task.containers[index]?.['LogConfiguration'] !== undefined) {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', index, 'LogConfiguration'],
        `${label} is selected for FireLens but has a LogConfiguration of its own; remove one of the two`,
      ),
    );
  }
  return problems;
};

/**
 * The log router's Name has its own check; every other container needs one for ECS, and for routing.
 * (A container written as an intrinsic function is refused by parse already.)
 */
const checkName = (task: FireLensTask, { index, name }: ContainerChoice): Problem[] => {
  const container = task.containers[index];
  const written = container?.['Name'];
  if (isIntrinsic(container) || name !== undefined || isIntrinsic(written)) {
    return [];
  }
  return [
    taskProblem(
      task,
      ['ContainerDefinitions', index, 'Name'],
      written === undefined
        ? 'is required: ECS refuses a container definition without a Name'
        : 'must be a string (or an intrinsic function that gives one)',
    ),
  ];
};
