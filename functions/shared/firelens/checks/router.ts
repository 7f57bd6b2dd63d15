import type { Problem } from '../../errors';
import { isIntrinsic, isObject, literalInteger } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import { FLUENT_FORWARD_PORT, MAX_FARGATE_STOP_TIMEOUT } from '../constants';
import type { DerivedTask } from '../derive/derive-task';
import { type ConfigDelivery, flushSecondsNeeded, initVariables } from '../derive/router-config';
import type { RoutedStopTimeouts } from '../derive/stop-timeout';
import { SHUTDOWN_MARGIN_SECONDS } from '../presets';
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

/** Fargate cannot load a config file from S3: the reused router must not ask for it; a new one may need the init image. */
export const checkRouterConfig = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const { router } = derived;
  const options = router.existingConfiguration['Options'];
  if (router.existingIndex !== undefined && task.view.isFargate && isObject(options) && options['config-file-type'] === 's3') {
    return [
      taskProblem(
        task,
        ['ContainerDefinitions', router.existingIndex, 'FirelensConfiguration', 'Options', 'config-file-type'],
        'Fargate cannot load config files from S3 (config-file-type s3): use a file in the router image, or the init image with aws_fluent_bit_init_s3_1',
      ),
    ];
  }
  return router.config.kind === 'init' ? checkInitImage(spec, task, router.config) : [];
};

/** The init image is known only for the default image; it adds variables to the environment and writes under /init. */
const checkInitImage = (spec: FireLensSpec, task: FireLensTask, config: Extract<ConfigDelivery, { kind: 'init' }>): Problem[] => {
  const problems: Problem[] = [];
  const at = (key: string | number, ...rest: (string | number)[]): TemplatePath => ['FireLens', 'Router', key, ...rest];
  if (spec.router.imageTag === undefined) {
    problems.push(
      taskProblem(
        task,
        at(config.cause.key),
        `${config.cause.why}: that needs AWS for Fluent Bit's init image, which the macro picks only for the default image; remove Image (ImageTag chooses the version)${config.cause.key === 'ConfigFile' ? ', or use a file path in your image' : ''}`,
      ),
    );
  }
  const environment = spec.router.environment;
  if (isIntrinsic(environment)) {
    problems.push(
      taskProblem(
        task,
        at('Environment'),
        "must be a literal list here: the macro adds the init image's aws_fluent_bit_init_* variables to it",
      ),
    );
  }
  const generated = new Set(initVariables(config.files).map((v) => v['Name']));
  (Array.isArray(environment) ? environment : []).forEach((variable, i) => {
    const name = isObject(variable) ? variable['Name'] : undefined;
    if (typeof name === 'string' && generated.has(name)) {
      problems.push(
        taskProblem(
          task,
          at('Environment', i, 'Name'),
          `${name} is the variable the macro sets for a config file: list the file in ConfigFiles instead`,
        ),
      );
    }
  });
  if (spec.router.readonlyRootFilesystem === true) {
    problems.push(
      taskProblem(
        task,
        at('ReadonlyRootFilesystem'),
        `cannot be true with the init image (needed because ${config.cause.why}): its init process writes /init/fluent-bit-init.conf and /init/invoke_fluent_bit.sh before starting Fluent Bit, and fails on a read-only root file system`,
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
    const path = ['FireLens', 'Router', 'StopTimeout'];
    return [...compareStopTimeout(task, spec.router.stopTimeout, path, derived.stopTimeouts), ...checkGraceFits(spec, task, path)];
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

/** An explicit StopTimeout must let Fluent Bit use the Grace its presets/health-check config set, and shut down. */
const checkGraceFits = (spec: FireLensSpec, task: FireLensTask, path: TemplatePath): Problem[] => {
  const explicit = spec.router.stopTimeout;
  const needed = flushSecondsNeeded(spec.router);
  if (explicit === undefined || needed === undefined || explicit >= needed.seconds) {
    return [];
  }
  const [key, index] = needed.source;
  const what =
    key === 'Presets' && index !== undefined ? `the preset ${String(spec.router.presets[Number(index)])}` : 'the health-check config';
  return [
    taskProblem(
      task,
      path,
      `is ${String(explicit)}s, but ${what} sets Fluent Bit's Grace to ${String(needed.seconds - SHUTDOWN_MARGIN_SECONDS)}s: give the router at least ${String(needed.seconds)}s (Grace + ${String(SHUTDOWN_MARGIN_SECONDS)}s to shut down), or ECS kills it while it still flushes`,
    ),
  ];
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

/**
 * The new router's own DependsOn (e.g. an App Mesh envoy) must name containers of the task, and never one
 * that logs through the router: that one waits for the router, so neither could start.
 */
export const checkRouterDependsOn = (spec: FireLensSpec, task: FireLensTask, derived: DerivedTask): Problem[] => {
  const dependsOn = spec.router.dependsOn;
  if (derived.router.existingIndex !== undefined || !Array.isArray(dependsOn)) {
    return [];
  }
  const names = new Set(task.containers.map((c) => c['Name']));
  const routedNames = new Set(derived.routed.map((r) => r.name));
  return dependsOn.flatMap((dependency, i) => {
    const name = isObject(dependency) ? dependency['ContainerName'] : undefined;
    const path = ['FireLens', 'Router', 'DependsOn', i, 'ContainerName'];
    if (typeof name !== 'string') {
      return [];
    }
    if (!names.has(name)) {
      return [taskProblem(task, path, `"${name}" is not a container of this task`)];
    }
    return routedNames.has(name)
      ? [taskProblem(task, path, `"${name}" logs through the log router, which would then wait for it: a start-order cycle`)]
      : [];
  });
};

/** FireLens's forward input listens on 24224 in the router; publishing it lets anything on the network write logs. */
export const checkRouterPorts = (spec: FireLensSpec, task: FireLensTask): Problem[] => {
  const mappings = spec.router.portMappings;
  if (!Array.isArray(mappings)) {
    return [];
  }
  return mappings.flatMap((mapping, i) =>
    (['ContainerPort', 'HostPort'] as const).flatMap((key) =>
      isObject(mapping) && literalInteger(mapping[key]) === FLUENT_FORWARD_PORT
        ? [
            taskProblem(
              task,
              ['FireLens', 'Router', 'PortMappings', i, key],
              `port ${String(FLUENT_FORWARD_PORT)} is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
            ),
          ]
        : [],
    ),
  );
};
