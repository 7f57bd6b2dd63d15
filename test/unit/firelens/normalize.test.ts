import { AWS_FOR_FLUENT_BIT_VERSION } from '../../../functions/shared/firelens/constants';
import { normalizeFireLens } from '../../../functions/shared/firelens/normalize';
import type { RawFireLensInput } from '../../../functions/shared/firelens/types';

const PATH = ['Resources', 'Task', 'Properties', 'FireLens'];

const input = (raw: unknown, containerOverrides: ReadonlyMap<number, unknown> = new Map()): RawFireLensInput => ({
  logicalId: 'Task',
  path: PATH,
  raw,
  containerOverrides,
});

const CLOUDWATCH = { CloudWatchLogs: {} };

describe('normalizeFireLens', () => {
  it('applies the router defaults: AWS for Fluent Bit pinned through SSM, 50 MiB, metadata on, a 30-day log group', () => {
    // Act
    const { spec, problems } = normalizeFireLens(input({ Destination: CLOUDWATCH }));

    // Assert
    expect(problems).toEqual([]);
    expect(spec?.router).toEqual({
      type: 'fluentbit',
      name: 'log_router',
      image: `{{resolve:ssm:/aws/service/aws-for-fluent-bit/${AWS_FOR_FLUENT_BIT_VERSION}}}`,
      imageTag: AWS_FOR_FLUENT_BIT_VERSION,
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
    });
    expect(spec?.routerWritten).toBe(false);
    expect(spec?.route.destination).toEqual({ kind: 'CloudWatchLogs', settings: {} });
  });

  it('records that the user wrote FireLens.Router, so planning never reads the raw property again', () => {
    // Act
    const { spec } = normalizeFireLens(input({ Router: { Name: 'fb' }, Destination: CLOUDWATCH }));

    // Assert
    expect(spec?.routerWritten).toBe(true);
    expect(spec?.router.name).toBe('fb');
  });

  it('turns integers written as strings into numbers and drops the default reservation when Memory is set', () => {
    // Act
    const { spec } = normalizeFireLens(input({ Router: { Memory: '128', Cpu: '64' }, BufferLimit: '1048576', Destination: CLOUDWATCH }));

    // Assert
    expect([spec?.router.memory, spec?.router.cpu, spec?.router.memoryReservation, spec?.route.bufferLimit]).toEqual([
      128,
      64,
      undefined,
      1048576,
    ]);
  });

  it('infers the config file type from a literal S3 object ARN', () => {
    // Act
    const { spec } = normalizeFireLens(input({ Router: { ConfigFile: 'arn:aws:s3:::bucket/extra.conf' }, Destination: CLOUDWATCH }));

    // Assert
    expect(spec?.router.configFiles).toEqual([{ type: 's3', value: 'arn:aws:s3:::bucket/extra.conf', source: ['ConfigFile'] }]);
  });

  it('turns router ports and health-check seconds written as numeric strings into numbers, as ECS wants', () => {
    // Act
    const { spec } = normalizeFireLens(
      input({
        Router: { PortMappings: [{ ContainerPort: '2020', HostPort: '0', Protocol: 'tcp' }], HealthCheck: { Retries: '5' } },
        Destination: CLOUDWATCH,
      }),
    );

    // Assert
    expect(spec?.router.portMappings).toEqual([{ ContainerPort: 2020, HostPort: 0, Protocol: 'tcp' }]);
    expect(spec?.router.healthCheck).toMatchObject({ Retries: 5, Interval: 10 });
  });

  it('lets a container override inherit the task destination, and reads FireLens: false as an opt-out', () => {
    // Act
    const { spec } = normalizeFireLens(
      input(
        { Destination: CLOUDWATCH, BufferLimit: 1024 },
        new Map<number, unknown>([
          [1, { IncludePattern: 'x' }],
          [2, false],
        ]),
      ),
    );

    // Assert
    const override = spec?.containerRoutes.get(1);
    expect(override).toMatchObject({ destination: { kind: 'CloudWatchLogs' }, bufferLimit: 1024, includePattern: 'x' });
    expect(spec?.containerRoutes.get(2)).toBe(false);
  });

  it('collects every router problem at once and returns no spec', () => {
    // Act
    const { spec, problems } = normalizeFireLens(
      input({ Router: { Type: 'fluentd', ImageTag: 'stable', ConfigFile: { Ref: 'ConfigObjectArn' } }, Destination: CLOUDWATCH }),
    );

    // Assert
    expect(spec).toBeUndefined();
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      [`${PATH.join('.')}.Router.Image`, 'is required when Type is fluentd (the default image is AWS for Fluent Bit)'],
      [`${PATH.join('.')}.Router.ConfigFile`, 'is an intrinsic function, so its type cannot be inferred: set ConfigFileType to file or s3'],
    ]);
  });

  it('reports a container override’s schema problem at the container', () => {
    // Act
    const { problems } = normalizeFireLens(input({ Destination: CLOUDWATCH }, new Map<number, unknown>([[0, { BufferLimit: 'lots' }]])));

    // Assert
    expect(problems.map((p) => p.path.join('.'))).toEqual(['Resources.Task.Properties.ContainerDefinitions.0.FireLens.BufferLimit']);
  });
});
