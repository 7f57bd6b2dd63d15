import type { Problem } from '../errors';
import { checkRoles, checkSecrets, checkWildcardResources } from './checks/iam';
import { checkMemory } from './checks/memory';
import {
  checkRouterConfig,
  checkRouterCycle,
  checkRouterDependsOn,
  checkRouterPorts,
  checkRouterReuse,
  checkRouterStopTimeout,
} from './checks/router';
import { checkRoutes } from './checks/routes';
import { checkSelection } from './checks/selection';
import { checkForwardPort, checkPlatform } from './checks/task';
import { type DerivedTask, deriveTask } from './derive/derive-task';
import { containersListed, type FireLensTask, taskProblem } from './task';
import type { FireLensSpec } from './types';

/** A task's problems, and what was derived from it on the way: planning reuses it rather than derive it again. */
export interface ValidatedTask {
  readonly problems: Problem[];
  /** Undefined when the FireLens property has mistakes or the containers cannot be read (there are problems then). */
  readonly derived: DerivedTask | undefined;
}

/**
 * The macro's one validation stage, run before planning: every refusal of a task, all at once, in a
 * stable order. With no spec (the FireLens property has mistakes, reported by normalize) only the checks
 * that need none run, so the user still sees them. Planning may assume a task that passes is valid.
 */
export const validateTask = (spec: FireLensSpec | undefined, task: FireLensTask): ValidatedTask => {
  if (spec === undefined) {
    return { problems: [...checkPlatform(task), ...checkForwardPort(task)], derived: undefined };
  }
  if (!containersListed(task.properties)) {
    const problem = taskProblem(
      task,
      ['ContainerDefinitions'],
      'must be a literal list of container definitions for the FireLens expansion',
    );
    return { problems: [problem], derived: undefined };
  }
  const derived = deriveTask(spec, task);
  const problems = [
    ...checkRouterReuse(spec, task, derived),
    ...checkSelection(spec, task, derived),
    ...checkPlatform(task),
    ...checkForwardPort(task),
    ...checkMemory(spec, task, derived),
    ...checkRouterConfig(spec, task, derived),
    ...checkRoutes(task, derived),
    ...checkRouterStopTimeout(spec, task, derived),
    ...checkRouterCycle(task, derived),
    ...checkRouterDependsOn(spec, task, derived),
    ...checkRouterPorts(spec, task),
    ...checkSecrets(spec, task, derived),
    ...checkRoles(spec, task, derived),
    ...checkWildcardResources(spec, task, derived),
  ];
  return { problems, derived };
};
