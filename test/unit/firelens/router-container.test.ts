import { HEALTHCHECK_CONFIG_FILE } from '../../../functions/shared/firelens/constants';
import { configDelivery } from '../../../functions/shared/firelens/derive/router-config';
import { routerContainer } from '../../../functions/shared/firelens/router-container';
import type { RouterSpec } from '../../../functions/shared/firelens/types';
import type { Json, JsonObject } from '../../../functions/shared/template/intrinsics';

const HEALTH_CHECK = {
  Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'],
  Interval: 10,
  Timeout: 5,
  Retries: 3,
  StartPeriod: 10,
};

const ROUTER: RouterSpec = {
  type: 'fluentbit',
  name: 'log_router',
  image: '{{resolve:ssm:/aws/service/aws-for-fluent-bit/2.34.3}}',
  imageTag: '2.34.3',
  memoryReservation: 50,
  memory: undefined,
  cpu: undefined,
  enableEcsLogMetadata: true,
  configFiles: [],
  configFilesListed: false,
  presets: [],
  logGroup: { kind: 'create', retentionInDays: 30 },
  environment: undefined,
  secrets: undefined,
  healthCheck: undefined,
  stopTimeout: undefined,
  essential: true,
  user: undefined,
  dependsOn: undefined,
  mountPoints: undefined,
  portMappings: undefined,
  readonlyRootFilesystem: undefined,
};

/** The container for a router spec, with the config delivery derive/router-config.ts picks for it. */
const build = (router: RouterSpec, options: { logGroup?: Json; stopTimeout?: number; fargate?: boolean } = {}): JsonObject =>
  routerContainer({
    router,
    logGroup: options.logGroup,
    stopTimeout: options.stopTimeout ?? 30,
    config: configDelivery(router, options.fargate ?? false),
  });

const S3_CONFIG = { type: 's3', value: 'arn:aws:s3:::bucket/extra.conf', source: ['ConfigFile'] } as const;

describe('routerContainer', () => {
  it('writes an essential router with its own awslogs, keys in a stable order', () => {
    // Act
    const container = build(ROUTER, { logGroup: { Ref: 'G' } });

    // Assert
    expect(container).toEqual({
      Name: 'log_router',
      Image: '{{resolve:ssm:/aws/service/aws-for-fluent-bit/2.34.3}}',
      Essential: true,
      MemoryReservation: 50,
      FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: 'G' }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'firelens' },
      },
      StopTimeout: 30,
    });
    expect(Object.keys(container)).toEqual([
      'Name',
      'Image',
      'Essential',
      'MemoryReservation',
      'FirelensConfiguration',
      'LogConfiguration',
      'StopTimeout',
    ]);
  });

  it('writes no LogConfiguration when the router logs nowhere', () => {
    // Act
    const container = build(ROUTER);

    // Assert
    expect(container['LogConfiguration']).toBeUndefined();
  });

  it('turns on the built-in health-check config and a curl health check', () => {
    // Act
    const container = build({ ...ROUTER, healthCheck: HEALTH_CHECK });

    // Assert
    expect(container['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: { 'enable-ecs-log-metadata': 'true', 'config-file-type': 'file', 'config-file-value': HEALTHCHECK_CONFIG_FILE },
    });
    expect(container['HealthCheck']).toMatchObject({ Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'] });
  });

  it('passes an S3 config file to FireLens on EC2', () => {
    // Act
    const container = build({ ...ROUTER, configFiles: [S3_CONFIG] });

    // Assert
    expect(container['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: { 'enable-ecs-log-metadata': 'true', 'config-file-type': 's3', 'config-file-value': 'arn:aws:s3:::bucket/extra.conf' },
    });
  });

  it('switches to the init image on Fargate, which reads the S3 file from an environment variable', () => {
    // Act
    const container = build(
      { ...ROUTER, configFiles: [S3_CONFIG], environment: [{ Name: 'LOG_LEVEL', Value: 'debug' }] },
      { fargate: true },
    );

    // Assert
    expect(container['Image']).toBe('{{resolve:ssm:/aws/service/aws-for-fluent-bit/init-2.34.3}}');
    expect(container['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } });
    expect(container['Environment']).toEqual([
      { Name: 'LOG_LEVEL', Value: 'debug' },
      { Name: 'aws_fluent_bit_init_s3_1', Value: 'arn:aws:s3:::bucket/extra.conf' },
    ]);
  });

  it('writes Memory, Cpu and Secrets as given and turns ECS log metadata off when asked', () => {
    // Act
    const container = build(
      {
        ...ROUTER,
        memory: 256,
        memoryReservation: undefined,
        cpu: 64,
        secrets: [{ Name: 'K', ValueFrom: 'arn' }],
        enableEcsLogMetadata: false,
      },
      { stopTimeout: 45 },
    );

    // Assert
    expect(container).toMatchObject({ Cpu: 64, Memory: 256, Secrets: [{ Name: 'K', ValueFrom: 'arn' }], StopTimeout: 45 });
    expect(container['MemoryReservation']).toBeUndefined();
    expect(container['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'false' } });
  });
  it('loads several config files through the init image, numbering files and S3 objects separately', () => {
    // Arrange
    const router: RouterSpec = {
      ...ROUTER,
      presets: ['parse-json'],
      healthCheck: HEALTH_CHECK,
      configFiles: [
        { type: 'file', value: '/extra/filters.conf', source: ['ConfigFiles', 0] },
        { ...S3_CONFIG, source: ['ConfigFiles', 1] },
      ],
      configFilesListed: true,
    };

    // Act
    const container = build(router);

    // Assert: EC2 too: config-file-type takes one file only.
    expect(container['Image']).toBe('{{resolve:ssm:/aws/service/aws-for-fluent-bit/init-2.34.3}}');
    expect(container['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } });
    expect(container['Environment']).toEqual([
      { Name: 'aws_fluent_bit_init_file_1', Value: '/fluent-bit/configs/parse-json.conf' },
      { Name: 'aws_fluent_bit_init_file_2', Value: HEALTHCHECK_CONFIG_FILE },
      { Name: 'aws_fluent_bit_init_file_3', Value: '/extra/filters.conf' },
      { Name: 'aws_fluent_bit_init_s3_1', Value: 'arn:aws:s3:::bucket/extra.conf' },
    ]);
    expect(container['HealthCheck']).toEqual(HEALTH_CHECK);
  });

  it('passes one preset as the FirelensConfiguration config file, without the init image', () => {
    // Act
    const container = build({ ...ROUTER, presets: ['minimize-log-loss'] }, { fargate: true });

    // Assert
    expect(container['Image']).toBe(ROUTER.image);
    expect(container['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: {
        'enable-ecs-log-metadata': 'true',
        'config-file-type': 'file',
        'config-file-value': '/fluent-bit/configs/minimize-log-loss.conf',
      },
    });
    expect(container['Environment']).toBeUndefined();
  });

  it('writes the router settings passed through, in a stable order', () => {
    // Arrange
    const router: RouterSpec = {
      ...ROUTER,
      essential: false,
      user: '1000',
      dependsOn: [{ ContainerName: 'envoy', Condition: 'HEALTHY' }],
      mountPoints: [{ SourceVolume: 'buffers', ContainerPath: '/var/fluent-bit' }],
      portMappings: [{ ContainerPort: 2020 }],
      readonlyRootFilesystem: true,
    };

    // Act
    const container = build(router);

    // Assert
    expect(container).toMatchObject({
      Essential: false,
      User: '1000',
      DependsOn: [{ ContainerName: 'envoy', Condition: 'HEALTHY' }],
      MountPoints: [{ SourceVolume: 'buffers', ContainerPath: '/var/fluent-bit' }],
      PortMappings: [{ ContainerPort: 2020 }],
      ReadonlyRootFilesystem: true,
    });
    expect(Object.keys(container)).toEqual([
      'Name',
      'Image',
      'Essential',
      'User',
      'MemoryReservation',
      'FirelensConfiguration',
      'MountPoints',
      'PortMappings',
      'ReadonlyRootFilesystem',
      'DependsOn',
      'StopTimeout',
    ]);
  });
});
