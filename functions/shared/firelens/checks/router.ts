import type { Problem } from '../../errors';
import { isIntrinsic, isObject, literalInteger } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import { MAX_FARGATE_STOP_TIMEOUT } from '../constants';
import type { DerivedTask } from '../derive/derive-task';
import type { RoutedStopTimeouts } from '../derive/stop-timeout';
import { type FireLensTask, taskProblem } from '../task';
import type { FireLensSpec } from '../types';

/** A reused router must be the only one, named by a literal, and not configured twice; a new one needs a free name. */
export const checkRouterReuse = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const { router } = derived;
  const problems: Problem[] = [];
  const second = task.view.routers[1];
  if (second !== undefined) {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', second.index, 'FirelensConfiguration'],
        'a task may have only one log router (FirelensConfiguration)',
      ),
    );
  }
  if (router.existingIndex === undefined) {
    if (task.containers.some((c) => c['Name'] === router.name)) {
      problems.push(
        taskProblem(task, ['FireLens', 'Router', 'Name'], `a container is already named "${router.name}"; choose another router name`),
      );
    }
    return problems;
  }
  if (task.view.routers[0]?.name === undefined) {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', router.existingIndex, 'Name'],
        'must be a literal string: the routed containers get a DependsOn on the log router by its name',
      ),
    );
  }
  if (spec.routerWritten) {
    problems.push(
      taskProblem(
        task,
        ['FireLens', 'Router'],
        `the task already has a log router ("${router.name}"); remove FireLens.Router, or remove that container's FirelensConfiguration`,
      ),
    );
  }
  return problems;
};

/** Fargate cannot load a config file from S3: the reused router must not ask for it, and a new one needs the init image. */
export const checkRouterConfig = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const { router } = derived;
  const problems: Problem[] = [];
  const options = router.existingConfiguration['Options'];
  if (router.existingIndex !== undefined && task.view.isFargate && isObject(options) && options['config-file-type'] === 's3') {
    problems.push(
      taskProblem(
        task,
        ['ContainerDefinitions', router.existingIndex, 'FirelensConfiguration', 'Options', 'config-file-type'],
        'Fargate cannot load config files from S3 (config-file-type s3): use a file in the router image, or the init image with aws_fluent_bit_init_s3_1',
      ),
    );
  }
  if (router.useInitForS3Config && spec.router.imageTag === undefined) {
    problems.push(
      taskProblem(
        task,
        ['FireLens', 'Router', 'ConfigFile'],
        'Fargate cannot load config files from S3 (config-file-type s3). With the default image the macro switches to the init image; with your own Image, use a file path in the image',
      ),
    );
  }
  if (router.useInitForS3Config && isIntrinsic(spec.router.environment)) {
    problems.push(
      taskProblem(
        task,
        ['FireLens', 'Router', 'Environment'],
        'must be a literal list here: the macro adds aws_fluent_bit_init_s3_1 to it',
      ),
    );
  }
  return problems;
};

/**
 * The router's StopTimeout must cover the routed containers' (their last logs flush through it) and stay
 * within Fargate's cap. An intrinsic StopTimeout on a router the user wrote is their explicit choice: there
 * is nothing to compare (taking it as 120 s wrongly refused EC2 templates).
 */
export const checkRouterStopTimeout = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const index = derived.router.existingIndex;
  if (index === undefined) {
    return compareStopTimeout(task, spec.router.stopTimeout, ['FireLens', 'Router', 'StopTimeout'], derived.stopTimeouts);
  }
  const declared = task.containers[index]?.['StopTimeout'];
  const path = ['ContainerDefinitions', index, 'StopTimeout'];
  if (isIntrinsic(declared)) {
    return [];
  }
  const seconds = literalInteger(declared);
  if (declared !== undefined && seconds === undefined) {
    return [taskProblem(task, path, 'must be an integer number of seconds (ECS refuses anything else)')];
  }
  return compareStopTimeout(task, seconds, path, derived.stopTimeouts);
};

const compareStopTimeout = (task: FireLensTask, explicit: number | undefined, path: TemplatePath, needs: RoutedStopTimeouts): Problem[] => {
  if (explicit === undefined) {
    return needs.unknownAt === undefined ? [] : [unknownStopTimeoutProblem(task, needs.unknownAt)];
  }
  const problems: Problem[] = [];
  if (explicit < needs.longest) {
    problems.push(
      taskProblem(
        task,
        path,
        `is ${String(explicit)}s, shorter than a routed container's StopTimeout (${String(needs.longest)}s): its last logs would be lost`,
      ),
    );
  }
  if (needs.cap !== undefined && explicit > needs.cap) {
    problems.push(taskProblem(task, path, `is ${String(explicit)}s; Fargate allows at most ${String(MAX_FARGATE_STOP_TIMEOUT)}s`));
  }
  return problems;
};

const unknownStopTimeoutProblem = (task: FireLensTask, index: number): Problem => {
  const what = isIntrinsic(task.containers[index]?.['StopTimeout']) ? 'is an intrinsic function' : 'is not an integer';
  return taskProblem(
    task,
    ['ContainerDefinitions', index, 'StopTimeout'],
    `${what}, so the macro cannot make the log router's StopTimeout at least as long (EC2 has no upper limit to fall back on): give the log router an explicit StopTimeout`,
  );
};

/** A reused router that waits for a container logging through it could never start. */
export const checkRouterCycle = (task: FireLensTask, derived: DerivedTask): Problem[] => {
  const index = derived.router.existingIndex;
  const dependsOn = index === undefined ? undefined : task.containers[index]?.['DependsOn'];
  if (index === undefined || !Array.isArray(dependsOn)) {
    return [];
  }
  const routedNames = new Set(derived.routed.map((r) => r.name));
  const cycle = dependsOn.find((d) => isObject(d) && typeof d['ContainerName'] === 'string' && routedNames.has(d['ContainerName']));
  return cycle === undefined
    ? []
    : [
        taskProblem(
          task,
          ['ContainerDefinitions', index, 'DependsOn'],
          'the log router depends on a container that logs through it: a start-order cycle',
        ),
      ];
};
