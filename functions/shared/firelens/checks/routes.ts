import type { Problem } from '../../errors';
import { secretOptionNames, validateOutputOptions } from '../../fluentbit/outputs';
import type { JsonObject } from '../../template/intrinsics';
import { mergeDependsOn } from '../derive/depends-on';
import type { DerivedTask } from '../derive/derive-task';
import type { RouteOutput } from '../derive/outputs';
import { overriddenPluginName } from '../destinations';
import { type FireLensTask, taskProblem } from '../task';

/** Each routed container's output: a plugin the short form allows, options Fluent Bit accepts, a DependsOn the macro can extend. */
export const checkRoutes = (task: FireLensTask, derived: DerivedTask): Problem[] =>
  derived.outputs.flatMap((output) => [
    ...checkDestination(task, derived, output),
    ...checkOptions(task, derived, output),
    ...checkDependsOn(task, derived, output),
  ]);

const checkDestination = (task: FireLensTask, derived: DerivedTask, { route }: RouteOutput): Problem[] => {
  const { kind } = route.destination;
  const problems: Problem[] = [];
  if (overriddenPluginName(route.destination)) {
    problems.push(
      taskProblem(
        task,
        ['FireLens', 'Destination', kind, 'Options', 'Name'],
        `cannot change the plugin of a ${kind} destination; use Custom for another plugin`,
      ),
    );
  }
  if (derived.router.type === 'fluentd' && kind !== 'Custom') {
    problems.push(
      taskProblem(
        task,
        ['FireLens', 'Destination', kind],
        'short destinations configure Fluent Bit outputs; with a fluentd router use Custom (its Name becomes the Fluentd @type)',
      ),
    );
  }
  return problems;
};

/** Fluent Bit's catalogue judges the options; Fluentd outputs are not in it. */
const checkOptions = (task: FireLensTask, derived: DerivedTask, { index, pluginOptions, secretOptions }: RouteOutput): Problem[] => {
  if (derived.router.type === 'fluentd') {
    return [];
  }
  const secretNames = secretOptionNames(secretOptions);
  return validateOutputOptions(withSecretOptionNames(pluginOptions, secretNames)).flatMap((issue) =>
    // A SecretOptions list the macro cannot read may set any option (it is refused elsewhere unless granted).
    secretNames === undefined && issue.key === undefined
      ? []
      : [
          taskProblem(
            task,
            ['ContainerDefinitions', index, 'LogConfiguration', 'Options', ...(issue.key === undefined ? [] : [issue.key])],
            issue.message,
          ),
        ],
  );
};

const checkDependsOn = (task: FireLensTask, derived: DerivedTask, { index }: RouteOutput): Problem[] => {
  const merged = mergeDependsOn(task.containers[index]?.['DependsOn'], derived.router.name, derived.router.healthy ? 'HEALTHY' : 'START');
  return typeof merged === 'string' ? [taskProblem(task, ['ContainerDefinitions', index, 'DependsOn'], merged)] : [];
};

/** Secret options are plugin options too (their values arrive at run time): count them as present. */
const withSecretOptionNames = (options: JsonObject, names: ReadonlySet<string> | undefined): JsonObject => ({
  ...options,
  ...Object.fromEntries([...(names ?? [])].map((name) => [name, { Ref: 'AWS::NoValue' }])),
});
