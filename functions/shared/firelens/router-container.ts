import type { Json, JsonObject } from '../template/intrinsics';
import { type ConfigDelivery, initVariables } from './derive/router-config';
import { defaultRouterImage } from './normalize';
import type { RouterSpec } from './types';

export interface RouterContainerInput {
  readonly router: RouterSpec;
  /** Where the router's own awslogs go (a Ref to the created group, or the user's group), if anywhere. */
  readonly logGroup: Json | undefined;
  readonly stopTimeout: number;
  /** How the router gets its extra config files (derive/router-config.ts). */
  readonly config: ConfigDelivery;
}

/** The log-router container definition the macro adds, keys in a stable, readable order. */
export const routerContainer = ({ router, logGroup, stopTimeout, config }: RouterContainerInput): JsonObject => {
  const container: JsonObject = {
    Name: router.name,
    // The init- tag of the same version is the image with the init process (aws-for-fluent-bit README, "Using the init tag").
    Image: config.kind === 'init' ? defaultRouterImage(`init-${router.imageTag ?? ''}`) : router.image,
    Essential: router.essential,
  };
  setDefined(container, {
    User: router.user,
    Cpu: router.cpu,
    Memory: router.memory,
    MemoryReservation: router.memoryReservation,
  });
  container['FirelensConfiguration'] = { Type: router.type, Options: firelensOptions(router, config) };
  if (logGroup !== undefined) {
    container['LogConfiguration'] = {
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': logGroup, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'firelens' },
    };
  }
  setDefined(container, {
    Environment: routerEnvironment(router, config),
    Secrets: router.secrets,
    MountPoints: router.mountPoints,
    PortMappings: router.portMappings,
    ReadonlyRootFilesystem: router.readonlyRootFilesystem,
    DependsOn: router.dependsOn,
    HealthCheck: router.healthCheck,
  });
  container['StopTimeout'] = stopTimeout;
  return container;
};

/** Copies the entries that are set, in their order. */
const setDefined = (container: JsonObject, entries: Readonly<Record<string, Json | undefined>>): void => {
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) {
      container[key] = value;
    }
  }
};

const firelensOptions = (router: RouterSpec, config: ConfigDelivery): JsonObject => {
  const options: JsonObject = { 'enable-ecs-log-metadata': router.enableEcsLogMetadata ? 'true' : 'false' };
  if (config.kind === 'options') {
    options['config-file-type'] = config.file.type;
    options['config-file-value'] = config.file.value;
  }
  return options;
};

/** The user's variables, then the init image's (checks/router.ts refuses an intrinsic list or a name taken). */
const routerEnvironment = (router: RouterSpec, config: ConfigDelivery): Json | undefined => {
  if (config.kind !== 'init') {
    return router.environment;
  }
  const own = Array.isArray(router.environment) ? router.environment : [];
  return [...own, ...initVariables(config.files)];
};
