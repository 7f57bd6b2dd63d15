import { HEALTHCHECK_CONFIG_FILE } from '../../../functions/shared/firelens/constants';
import { routerContainer } from '../../../functions/shared/firelens/router-container';
import type { RouterSpec } from '../../../functions/shared/firelens/types';

const ROUTER: RouterSpec = {
  type: 'fluentbit',
  name: 'log_router',
  image: '{{resolve:ssm:/aws/service/aws-for-fluent-bit/2.34.3}}',
  imageTag: '2.34.3',
  memoryReservation: 50,
  memory: undefined,
  cpu: undefined,
  enableEcsLogMetadata: true,
  configFile: undefined,
  logGroup: { kind: 'create', retentionInDays: 30 },
  environment: undefined,
  secrets: undefined,
  healthCheck: false,
  stopTimeout: undefined,
};

const S3_CONFIG = { type: 's3', value: 'arn:aws:s3:::bucket/extra.conf' } as const;

describe('routerContainer', () => {
  it('writes an essential router with its own awslogs, keys in a stable order', () => {
    // Act
    const container = routerContainer({ router: ROUTER, logGroup: { Ref: 'G' }, stopTimeout: 30, useInitForS3Config: false });

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
    const container = routerContainer({ router: ROUTER, logGroup: undefined, stopTimeout: 30, useInitForS3Config: false });

    // Assert
    expect(container['LogConfiguration']).toBeUndefined();
  });

  it('turns on the built-in health-check config and a curl health check', () => {
    // Act
    const container = routerContainer({
      router: { ...ROUTER, healthCheck: true },
      logGroup: undefined,
      stopTimeout: 30,
      useInitForS3Config: false,
    });

    // Assert
    expect(container['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: { 'enable-ecs-log-metadata': 'true', 'config-file-type': 'file', 'config-file-value': HEALTHCHECK_CONFIG_FILE },
    });
    expect(container['HealthCheck']).toMatchObject({ Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'] });
  });

  it('passes an S3 config file to FireLens on EC2', () => {
    // Act
    const container = routerContainer({
      router: { ...ROUTER, configFile: S3_CONFIG },
      logGroup: undefined,
      stopTimeout: 30,
      useInitForS3Config: false,
    });

    // Assert
    expect(container['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: { 'enable-ecs-log-metadata': 'true', 'config-file-type': 's3', 'config-file-value': 'arn:aws:s3:::bucket/extra.conf' },
    });
  });

  it('switches to the init image on Fargate, which reads the S3 file from an environment variable', () => {
    // Act
    const container = routerContainer({
      router: { ...ROUTER, configFile: S3_CONFIG, environment: [{ Name: 'LOG_LEVEL', Value: 'debug' }] },
      logGroup: undefined,
      stopTimeout: 30,
      useInitForS3Config: true,
    });

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
    const container = routerContainer({
      router: {
        ...ROUTER,
        memory: 256,
        memoryReservation: undefined,
        cpu: 64,
        secrets: [{ Name: 'K', ValueFrom: 'arn' }],
        enableEcsLogMetadata: false,
      },
      logGroup: undefined,
      stopTimeout: 45,
      useInitForS3Config: false,
    });

    // Assert
    expect(container).toMatchObject({ Cpu: 64, Memory: 256, Secrets: [{ Name: 'K', ValueFrom: 'arn' }], StopTimeout: 45 });
    expect(container['MemoryReservation']).toBeUndefined();
    expect(container['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'false' } });
  });
});
