import { deriveTask } from '../../../../functions/shared/firelens/derive/derive-task';
import { planRoutes } from '../../../../functions/shared/firelens/plan/routes';
import { containerNamed, specAndTask, taskYaml } from '../helpers';

const plan = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return planRoutes(task, deriveTask(spec, task));
};

describe('planRoutes', () => {
  it('sends a routed container to the cloudwatch_logs plugin with a log group it creates, after the router starts', () => {
    // Act
    const { containers, resources } = plan(taskYaml({}));

    // Assert
    expect(containerNamed(containers, 'app')).toEqual({
      Name: 'app',
      Image: 'public.ecr.aws/docker/library/nginx:1.27',
      LogConfiguration: {
        LogDriver: 'awsfirelens',
        Options: {
          Name: 'cloudwatch_logs',
          region: { Ref: 'AWS::Region' },
          log_group_name: { Ref: 'TaskFireLensLogGroup' },
          log_stream_prefix: 'app/',
        },
      },
      DependsOn: [{ ContainerName: 'log_router', Condition: 'START' }],
    });
    expect(resources).toEqual([
      { logicalId: 'TaskFireLensLogGroup', resource: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } } },
    ]);
  });

  it('creates one log group per CloudWatchLogs destination: shared when inherited, its own for an override', () => {
    // Act
    const { containers, resources } = plan(
      taskYaml({
        containers: `        - {Name: app, Image: x}
        - {Name: worker, Image: y}
        - Name: audit
          Image: z
          FireLens: {Destination: {CloudWatchLogs: {RetentionInDays: 365}}}`,
      }),
    );

    // Assert
    expect(resources.map((r) => [r.logicalId, r.resource['Properties']])).toEqual([
      ['TaskFireLensLogGroup', { RetentionInDays: 30 }],
      ['TaskFireLensLogGroup2', { RetentionInDays: 365 }],
    ]);
    const groupOf = (name: string) =>
      (containerNamed(containers, name)['LogConfiguration'] as { Options: Record<string, unknown> }).Options['log_group_name'];
    expect([groupOf('app'), groupOf('worker'), groupOf('audit')]).toEqual([
      { Ref: 'TaskFireLensLogGroup' },
      { Ref: 'TaskFireLensLogGroup' },
      { Ref: 'TaskFireLensLogGroup2' },
    ]);
  });

  it('adds the buffer limit as a string and the include/exclude patterns to the options', () => {
    // Act
    const { containers } = plan(
      taskYaml({
        fireLens:
          "        BufferLimit: 2097152\n        IncludePattern: '^ERROR'\n        ExcludePattern: health\n        Destination: {Firehose: {DeliveryStreamName: logs}}",
      }),
    );

    // Assert
    expect(containerNamed(containers, 'app')['LogConfiguration']).toEqual({
      LogDriver: 'awsfirelens',
      Options: {
        Name: 'kinesis_firehose',
        region: { Ref: 'AWS::Region' },
        delivery_stream: 'logs',
        'log-driver-buffer-limit': '2097152',
        'include-pattern': '^ERROR',
        'exclude-pattern': 'health',
      },
    });
  });

  it('removes FireLens from every container, leaving an opted-out one otherwise untouched', () => {
    // Act
    const { containers } = plan(
      taskYaml({ containers: '        - {Name: app, Image: x}\n        - {Name: sidecar, Image: y, FireLens: false}' }),
    );

    // Assert
    expect(containerNamed(containers, 'sidecar')).toEqual({ Name: 'sidecar', Image: 'y' });
  });

  it('keeps the container’s own DependsOn entries and waits for HEALTHY when the router has a health check', () => {
    // Act
    const { containers } = plan(
      taskYaml({
        containers:
          '        - {Name: app, Image: x, DependsOn: [{ContainerName: db, Condition: START}]}\n        - {Name: db, Image: y, LogConfiguration: {LogDriver: awslogs}}',
        fireLens: '        Router: {HealthCheck: true}\n        Destination: {CloudWatchLogs: {LogGroupName: app}}',
      }),
    );

    // Assert
    expect(containerNamed(containers, 'app')['DependsOn']).toEqual([
      { ContainerName: 'db', Condition: 'START' },
      { ContainerName: 'log_router', Condition: 'HEALTHY' },
    ]);
    expect(containerNamed(containers, 'db')['LogConfiguration']).toEqual({ LogDriver: 'awslogs' });
  });

  it('writes a fluentd router’s Custom destination with @type instead of Name', () => {
    // Act
    const { containers } = plan(
      taskYaml({
        fireLens:
          "        Router: {Type: fluentd, Image: fluent/fluentd}\n        Destination: {Custom: {Name: forward, Options: {host: 'logs.internal'}}}",
      }),
    );

    // Assert
    expect((containerNamed(containers, 'app')['LogConfiguration'] as { Options: unknown }).Options).toEqual({
      '@type': 'forward',
      host: 'logs.internal',
    });
  });
});
