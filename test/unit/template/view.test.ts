import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { buildTemplateView, parseMemory } from '../../../functions/shared/template/view';

describe('parseMemory', () => {
  it.each([
    ['512', 512],
    [512, 512],
    ['1GB', 1024],
    ['1 GB', 1024],
    ['2 gb', 2048],
    [{ Ref: 'Memory' }, undefined],
    ['lots', undefined],
  ])('reads %p as %p MiB', (value, expected) => {
    expect(parseMemory(value)).toBe(expected);
  });
});

describe('buildTemplateView', () => {
  const template: JsonObject = {
    Resources: {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          Memory: '1 GB',
          ContainerDefinitions: [
            { Name: 'log_router', Image: 'x', FirelensConfiguration: { Type: 'fluentbit' }, Essential: 'false', StopTimeout: '60' },
            { Name: 'app', Image: 'y', LogConfiguration: { LogDriver: 'awsfirelens' }, PortMappings: [{ ContainerPort: '24224' }] },
          ],
        },
      },
      Fargate: { Type: 'AWS::ECS::TaskDefinition', Properties: { RequiresCompatibilities: ['FARGATE'] } },
      Group: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { SecurityGroupIngress: [{ IpProtocol: 'TCP', FromPort: 1, ToPort: 2, CidrIp: '0.0.0.0/0' }] },
      },
      Extra: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: { GroupId: { 'Fn::GetAtt': ['Group', 'GroupId'] }, IpProtocol: '-1', CidrIpv6: '::/0' },
      },
      Service: {
        Type: 'AWS::ECS::Service',
        Properties: {
          TaskDefinition: 'arn:aws:ecs:us-east-1:1:task-definition/ext:1',
          NetworkConfiguration: {
            AwsvpcConfiguration: { SecurityGroups: [{ 'Fn::If': ['C', { Ref: 'Group' }, { Ref: 'AWS::NoValue' }] }] },
          },
        },
      },
    },
  };

  it('defaults EC2 tasks to bridge mode and Fargate tasks to awsvpc, the only mode Fargate allows', () => {
    const view = buildTemplateView(template);
    expect(view.taskDefinitionsById.get('Task')?.networkMode).toBe('bridge');
    expect(view.taskDefinitionsById.get('Fargate')?.networkMode).toBe('awsvpc');
    expect(view.taskDefinitionsById.get('Fargate')?.networkModeExplicit).toBe(false);
    expect(view.taskDefinitionsById.get('Fargate')?.isFargate).toBe(true);
  });

  it.each([['fargate'], ['Fargate'], [' FARGATE ']])('reads RequiresCompatibilities [%p] as Fargate', (launchType) => {
    // Arrange
    const task = { Type: 'AWS::ECS::TaskDefinition', Properties: { RequiresCompatibilities: [launchType] } };
    const service = { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: { Ref: 'Task' }, LaunchType: launchType } };

    // Act
    const view = buildTemplateView({ Resources: { Task: task, Service: service } });

    // Assert
    expect(view.taskDefinitionsById.get('Task')?.isFargate).toBe(true);
    expect(view.taskDefinitionsById.get('Task')?.networkMode).toBe('awsvpc');
    expect(view.services[0]?.launchType).toBe('FARGATE');
  });

  it('reads containers with stringified numbers and booleans, as hook payloads carry them', () => {
    const task = buildTemplateView(template).taskDefinitionsById.get('Task');
    expect(task?.memory).toBe(1024);
    expect(task?.routers.map((r) => [r.name, r.essential, r.stopTimeout])).toEqual([['log_router', false, 60]]);
    expect(task?.fireLensContainers.map((c) => [c.name, c.portMappings[0]?.containerPort, c.path])).toEqual([
      ['app', 24224, ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1]],
    ]);
  });

  it('merges standalone ingress into its group and indexes services by group through Fn::If', () => {
    const view = buildTemplateView(template);
    expect(view.securityGroupsById.get('Group')?.ingress.map((r) => [r.protocol, r.path.join('.')])).toEqual([
      ['tcp', 'Resources.Group.Properties.SecurityGroupIngress.0'],
      ['-1', 'Resources.Extra.Properties'],
    ]);
    expect(view.servicesBySecurityGroup.get('Group')?.map((s) => s.logicalId)).toEqual(['Service']);
  });

  it('records which settings are present even when their values are intrinsics', () => {
    // Arrange
    const view = buildTemplateView({
      Resources: {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ExecutionRoleArn: { 'Fn::ImportValue': 'Role' },
            ContainerDefinitions: [
              { Name: 'r', Image: { Ref: 'RouterImage' }, Memory: { Ref: 'M' }, StopTimeout: { Ref: 'S' }, FirelensConfiguration: {} },
              { Name: 'app', DependsOn: { Ref: 'D' }, LogConfiguration: { Ref: 'L' }, MemoryReservation: 64 },
            ],
          },
        },
      },
    });
    const task = view.taskDefinitionsById.get('Task');
    const [router, app] = task?.containers ?? [];

    // Assert
    expect(task?.executionRolePresent).toBe(true);
    expect([router?.imageRef, router?.memory, router?.memoryPresent, router?.stopTimeout, router?.stopTimeoutPresent]).toEqual([
      'RouterImage',
      undefined,
      true,
      undefined,
      true,
    ]);
    expect([router?.memoryReservationPresent, router?.dependsOnUnknown, router?.logConfigurationPresent]).toEqual([false, false, false]);
    expect([app?.memoryReservationPresent, app?.dependsOnUnknown, app?.logConfigurationPresent, app?.logDriver]).toEqual([
      true,
      true,
      true,
      undefined,
    ]);
  });

  it('reads the SecretOptions names and the task-role actions of an awsfirelens output', () => {
    // Arrange
    const logConfiguration = (secretOptions: unknown): JsonObject => ({
      Name: 'app',
      LogConfiguration: {
        LogDriver: 'awsfirelens',
        Options: { Name: 'kinesis_firehose', region: 'eu-west-1', delivery_stream: 'logs' },
        SecretOptions: secretOptions as JsonObject,
      },
    });
    const view = buildTemplateView({
      Resources: {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [logConfiguration([{ Name: 'role_arn', ValueFrom: 'x' }]), logConfiguration({ Ref: 'List' })],
          },
        },
      },
    });
    const [listed, unreadable] = view.taskDefinitionsById.get('Task')?.containers ?? [];

    // Assert
    expect(listed?.secretOptionNames).toEqual(new Set(['role_arn']));
    expect(unreadable?.secretOptionNames).toBeUndefined();
    expect(unreadable?.outputActions).toEqual(['firehose:PutRecordBatch']);
  });

  it('resolves a service literal task definition ARN through externalTaskDefinitions', () => {
    const external: JsonObject = {
      NetworkMode: 'awsvpc',
      ContainerDefinitions: [{ Name: 'r', FirelensConfiguration: { Type: 'fluentbit' } }],
    };
    const view = buildTemplateView(template, {
      externalTaskDefinitions: new Map([['arn:aws:ecs:us-east-1:1:task-definition/ext:1', external]]),
    });
    const task = view.services[0]?.taskDefinition;
    expect([task?.external, task?.usesFireLens, task?.networkMode]).toEqual([true, true, 'awsvpc']);
    expect(buildTemplateView(template).services[0]?.taskDefinition).toBeUndefined();
  });
});
