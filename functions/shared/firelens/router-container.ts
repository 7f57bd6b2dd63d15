import type { Json, JsonObject } from '../template/intrinsics';
import { HEALTHCHECK_CONFIG_FILE } from './constants';
import { defaultRouterImage } from './normalize';
import type { RouterSpec } from './types';

export interface RouterContainerInput {
  readonly router: RouterSpec;
  /** Where the router's own awslogs go (a Ref to the created group, or the user's group), if anywhere. */
  readonly logGroup: Json | undefined;
  readonly stopTimeout: number;
  /** On Fargate an S3 config file is loaded by the init image instead of config-file-type s3. */
  readonly useInitForS3Config: boolean;
}

const HEALTH_CHECK: JsonObject = {
  // The built-in config turns on Fluent Bit's HTTP server on 2020; the image ships curl
  // (amazon-ecs-firelens-examples, examples/fluent-bit/health-check).
  Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'],
  Interval: 10,
  Timeout: 5,
  Retries: 3,
  StartPeriod: 10,
};

/** The log-router container definition the macro adds, keys in a stable, readable order. */
export const routerContainer = ({ router, logGroup, stopTimeout, useInitForS3Config }: RouterContainerInput): JsonObject => {
  const container: JsonObject = {
    Name: router.name,
    Image: useInitForS3Config ? defaultRouterImage(`init-${router.imageTag ?? ''}`) : router.image,
    Essential: true,
  };
  if (router.cpu !== undefined) {
    container['Cpu'] = router.cpu;
  }
  if (router.memory !== undefined) {
    container['Memory'] = router.memory;
  }
  if (router.memoryReservation !== undefined) {
    container['MemoryReservation'] = router.memoryReservation;
  }
  container['FirelensConfiguration'] = { Type: router.type, Options: firelensOptions(router, useInitForS3Config) };
  if (logGroup !== undefined) {
    container['LogConfiguration'] = {
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': logGroup, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'firelens' },
    };
  }
  const environment = routerEnvironment(router, useInitForS3Config);
  if (environment !== undefined) {
    container['Environment'] = environment;
  }
  if (router.secrets !== undefined) {
    container['Secrets'] = router.secrets;
  }
  if (router.healthCheck) {
    container['HealthCheck'] = HEALTH_CHECK;
  }
  container['StopTimeout'] = stopTimeout;
  return container;
};

const firelensOptions = (router: RouterSpec, useInitForS3Config: boolean): JsonObject => {
  const options: JsonObject = { 'enable-ecs-log-metadata': router.enableEcsLogMetadata ? 'true' : 'false' };
  if (router.configFile !== undefined && !useInitForS3Config) {
    options['config-file-type'] = router.configFile.type;
    options['config-file-value'] = router.configFile.value;
  } else if (router.healthCheck) {
    options['config-file-type'] = 'file';
    options['config-file-value'] = HEALTHCHECK_CONFIG_FILE;
  }
  return options;
};

/** The init image reads `aws_fluent_bit_init_s3_<n>` variables and includes each object (aws-for-fluent-bit init). */
const routerEnvironment = (router: RouterSpec, useInitForS3Config: boolean): Json | undefined => {
  if (!useInitForS3Config || router.configFile === undefined) {
    return router.environment;
  }
  const own = Array.isArray(router.environment) ? router.environment : [];
  return [...own, { Name: 'aws_fluent_bit_init_s3_1', Value: router.configFile.value }];
};
