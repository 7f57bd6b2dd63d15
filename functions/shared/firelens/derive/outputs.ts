import { type Json, type JsonObject, literalInteger } from '../../template/intrinsics';
import { DEFAULT_LOG_RETENTION_DAYS } from '../constants';
import { destinationOutput } from '../destinations';
import { generatedLogicalId } from '../logical-ids';
import type { DestinationSpec, GeneratedResource, RouteSpec } from '../types';
import type { RouterFacts } from './router-facts';
import type { Routed } from './selection';

/** The log groups the macro creates for CloudWatchLogs destinations without LogGroupName, by destination. */
export interface DestinationLogGroups {
  readonly ids: ReadonlyMap<DestinationSpec, string>;
  readonly resources: readonly GeneratedResource[];
}

/**
 * Containers that inherit the task's destination share one group; an override with its own CloudWatchLogs
 * destination gets its own (`<Task>FireLensLogGroup`, `<Task>FireLensLogGroup2`, …).
 */
export const destinationLogGroups = (logicalId: string, routed: readonly Routed[]): DestinationLogGroups => {
  const ids = new Map<DestinationSpec, string>();
  const resources: GeneratedResource[] = [];
  for (const { destination } of routed.map((r) => r.route)) {
    if (destination.kind === 'CloudWatchLogs' && destination.settings['LogGroupName'] === undefined && !ids.has(destination)) {
      const id = generatedLogicalId(logicalId, ids.size === 0 ? 'FireLensLogGroup' : `FireLensLogGroup${String(ids.size + 1)}`);
      ids.set(destination, id);
      const retention = literalInteger(destination.settings['RetentionInDays']) ?? DEFAULT_LOG_RETENTION_DAYS;
      resources.push({ logicalId: id, resource: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: retention } } });
    }
  }
  return { ids, resources };
};

/** One routed container's output: the plugin's options (as the router type wants them) and its secret options. */
export interface RouteOutput {
  readonly index: number;
  readonly route: RouteSpec;
  readonly pluginOptions: JsonObject;
  readonly secretOptions: Json | undefined;
}

export const routeOutputs = (routed: readonly Routed[], router: RouterFacts, logGroups: DestinationLogGroups): RouteOutput[] =>
  routed.map(({ index, name, route }) => {
    const output = destinationOutput(route.destination, { containerName: name, createdLogGroupId: logGroups.ids.get(route.destination) });
    return {
      index,
      route,
      pluginOptions: router.type === 'fluentd' ? fluentdOptions(output.options) : { ...output.options },
      secretOptions: output.secretOptions,
    };
  });

/** The `awsfirelens` Options of a routed container: the plugin's, then the route's buffer limit and patterns. */
export const routeLogOptions = ({ pluginOptions, route }: RouteOutput): JsonObject => {
  const options: JsonObject = { ...pluginOptions };
  if (route.bufferLimit !== undefined) {
    options['log-driver-buffer-limit'] = typeof route.bufferLimit === 'number' ? String(route.bufferLimit) : route.bufferLimit;
  }
  if (route.includePattern !== undefined) {
    options['include-pattern'] = route.includePattern;
  }
  if (route.excludePattern !== undefined) {
    options['exclude-pattern'] = route.excludePattern;
  }
  return options;
};

/** Fluentd picks its output plugin with `@type`, not Fluent Bit's `Name` (ECS developer guide, firelens-taskdef). */
const fluentdOptions = (options: JsonObject): JsonObject => {
  const { Name: name, ...rest } = options;
  return name === undefined ? rest : { '@type': name, ...rest };
};
