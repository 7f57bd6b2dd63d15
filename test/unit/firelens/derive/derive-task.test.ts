import { deriveTask } from '../../../../functions/shared/firelens/derive/derive-task';
import { EC2_PROPERTIES, specAndTask, taskYaml } from '../helpers';

const derive = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return deriveTask(spec, task);
};

describe('deriveTask', () => {
  it('routes only the containers FireLens.Containers lists, with their own route when they override it', () => {
    // Act
    const { routed } = derive(
      taskYaml({
        containers: `        - {Name: app, Image: x}
        - {Name: worker, Image: y, FireLens: {Destination: {Firehose: {DeliveryStreamName: w}}}}
        - {Name: cron, Image: z}`,
        fireLens: '        Containers: [app, worker]\n        Destination: {CloudWatchLogs: {}}',
      }),
    );

    // Assert
    expect(routed.map((r) => [r.index, r.name, r.route.destination.kind])).toEqual([
      [0, 'app', 'CloudWatchLogs'],
      [1, 'worker', 'Firehose'],
    ]);
  });

  it('without a list, routes every container that has no LogConfiguration and does not opt out', () => {
    // Act
    const { routed } = derive(
      taskYaml({
        containers: `        - {Name: app, Image: x}
        - {Name: db, Image: y, LogConfiguration: {LogDriver: awslogs}}
        - {Name: cron, Image: z, FireLens: false}`,
      }),
    );

    // Assert
    expect(routed.map((r) => r.name)).toEqual(['app']);
  });

  it('reuses the first container with a FirelensConfiguration as the router, and never routes it', () => {
    // Act
    const { router, routed } = derive(
      taskYaml({
        containers:
          '        - {Name: app, Image: x}\n        - {Name: fb, Image: r, HealthCheck: {Command: [CMD, true]}, FirelensConfiguration: {Type: fluentbit}}',
      }),
    );

    // Assert
    expect(router).toMatchObject({ existingIndex: 1, name: 'fb', type: 'fluentbit', healthy: true, config: { kind: 'none' } });
    expect(routed.map((r) => r.name)).toEqual(['app']);
  });

  it('switches to the init image for an S3 config file on Fargate only', () => {
    // Arrange
    const fireLens = "        Router: {ConfigFile: 'arn:aws:s3:::bucket/extra.conf'}\n        Destination: {CloudWatchLogs: {}}";

    // Act
    const fargate = derive(taskYaml({ fireLens }));
    const ec2 = derive(taskYaml({ properties: EC2_PROPERTIES, fireLens }));

    // Assert
    expect([fargate.router.config.kind, ec2.router.config.kind]).toEqual(['init', 'options']);
  });

  it('notes the first routed StopTimeout it cannot read on EC2, and takes the longest literal one', () => {
    // Act
    const { stopTimeouts } = derive(
      taskYaml({
        properties: EC2_PROPERTIES,
        containers:
          '        - {Name: a, Image: x, StopTimeout: 45}\n        - {Name: b, Image: y, StopTimeout: !Ref S}\n        - {Name: c, Image: z, StopTimeout: 60}',
      }),
    );

    // Assert
    expect(stopTimeouts).toEqual({ cap: undefined, longest: 60, unknownAt: 1 });
  });

  it('lists each secrets list once per place it is written: the task’s Custom SecretOptions serve every container', () => {
    // Act
    const { secretLists } = derive(
      taskYaml({
        properties: `      RequiresCompatibilities: [FARGATE]
      ExecutionRoleArn: arn:aws:iam::123456789012:role/exec`,
        containers: '        - {Name: a, Image: x}\n        - {Name: b, Image: y}',
        fireLens:
          "        ExternalRolesGranted: true\n        Destination: {Custom: {Name: datadog, SecretOptions: [{Name: apikey, ValueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/k'}]}}",
      }),
    );

    // Assert
    expect(secretLists.map((l) => l.path.join('.'))).toEqual(['FireLens.Destination.Custom.SecretOptions']);
  });
});
