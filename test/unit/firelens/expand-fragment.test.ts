import { formatProblems } from '../../../functions/shared/errors';
import { expandFragment, expandTemplate } from '../../../functions/shared/firelens';
import { AWS_FOR_FLUENT_BIT_VERSION } from '../../../functions/shared/firelens/constants';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';

/** Expands a YAML template and returns the result (the failure text when it fails). */
const expand = (yaml: string): { fragment?: JsonObject; error?: string } => {
  const result = expandTemplate(loadTemplate(yaml).template);
  return result.ok ? { fragment: result.fragment } : { error: formatProblems(result.problems) };
};

const task = (fragment: JsonObject | undefined, id = 'Task'): JsonObject =>
  (fragment?.['Resources'] as Record<string, JsonObject>)[id] ?? {};
const props = (fragment: JsonObject | undefined, id = 'Task'): JsonObject => task(fragment, id)['Properties'] as JsonObject;
const containers = (fragment: JsonObject | undefined, id = 'Task'): JsonObject[] =>
  props(fragment, id)['ContainerDefinitions'] as JsonObject[];
const container = (fragment: JsonObject | undefined, name: string, id = 'Task'): JsonObject =>
  containers(fragment, id).find((c) => c['Name'] === name) ?? {};

/** A Fargate task with one app container; `fireLens` is YAML indented for the FireLens key. */
const fargate = (fireLens: string, extraContainer = ''): string => `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27
${extraContainer}
      FireLens:
${fireLens}
`;

const CLOUDWATCH = `        Destination:
          CloudWatchLogs: {}`;

describe('expandFragment: the router', () => {
  it('adds one essential fluentbit router pinned to a version through its SSM parameter', () => {
    // Act
    const { fragment } = expand(fargate(CLOUDWATCH));

    // Assert
    const router = containers(fragment)[0] ?? {};
    expect(router).toMatchObject({
      Name: 'log_router',
      Image: `{{resolve:ssm:/aws/service/aws-for-fluent-bit/${AWS_FOR_FLUENT_BIT_VERSION}}}`,
      Essential: true,
      MemoryReservation: 50,
      FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
      StopTimeout: 30,
    });
    expect(containers(fragment).filter((c) => c['FirelensConfiguration'] !== undefined)).toHaveLength(1);
  });

  it('honours ImageTag, Name, MemoryReservation and EnableEcsLogMetadata', () => {
    const { fragment } = expand(
      fargate(`        Router:
          ImageTag: 2.32.5
          Name: fluentbit
          MemoryReservation: 100
          EnableEcsLogMetadata: false
${CLOUDWATCH}`),
    );

    expect(container(fragment, 'fluentbit')).toMatchObject({
      Image: '{{resolve:ssm:/aws/service/aws-for-fluent-bit/2.32.5}}',
      MemoryReservation: 100,
      FirelensConfiguration: { Options: { 'enable-ecs-log-metadata': 'false' } },
    });
    expect(container(fragment, 'app')['DependsOn']).toEqual([{ ContainerName: 'fluentbit', Condition: 'START' }]);
  });

  it('gives the router its own log group with a retention, and none with LogGroup: false', () => {
    const created = expand(fargate(CLOUDWATCH)).fragment;
    const none = expand(fargate(`        Router:\n          LogGroup: false\n${CLOUDWATCH}`)).fragment;

    expect(container(created, 'log_router')['LogConfiguration']).toEqual({
      LogDriver: 'awslogs',
      Options: {
        'awslogs-group': { Ref: 'TaskFireLensRouterLogGroup' },
        'awslogs-region': { Ref: 'AWS::Region' },
        'awslogs-stream-prefix': 'firelens',
      },
    });
    expect(task(created, 'TaskFireLensRouterLogGroup')).toEqual({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    expect(container(none, 'log_router')['LogConfiguration']).toBeUndefined();
    expect(task(none, 'TaskFireLensRouterLogGroup')).toEqual({});
  });

  it('adds a health check and makes routed containers wait for HEALTHY', () => {
    const { fragment } = expand(fargate(`        Router:\n          HealthCheck: true\n${CLOUDWATCH}`));

    const router = container(fragment, 'log_router');
    expect(router['HealthCheck']).toMatchObject({ Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'] });
    expect(router['FirelensConfiguration']).toEqual({
      Type: 'fluentbit',
      Options: {
        'enable-ecs-log-metadata': 'true',
        'config-file-type': 'file',
        'config-file-value': '/fluent-bit/configs/output-metrics-healthcheck.conf',
      },
    });
    expect(container(fragment, 'app')['DependsOn']).toEqual([{ ContainerName: 'log_router', Condition: 'HEALTHY' }]);
  });

  it('keeps the router StopTimeout at least as long as any routed container', () => {
    const { fragment } = expand(fargate(CLOUDWATCH, '          StopTimeout: 90'));

    expect(container(fragment, 'log_router')['StopTimeout']).toBe(90);
  });

  it('refuses a router StopTimeout shorter than a routed container', () => {
    const { error } = expand(fargate(`        Router:\n          StopTimeout: 10\n${CLOUDWATCH}`, '          StopTimeout: 60'));

    expect(error).toContain('Task.Properties.FireLens.Router.StopTimeout: is 10s, shorter than a routed container');
  });

  it('reuses a router the user already wrote instead of adding a second', () => {
    const { fragment } = expand(
      fargate(
        CLOUDWATCH,
        `        - Name: my_router
          Image: public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.5
          FirelensConfiguration:
            Type: fluentbit`,
      ),
    );

    expect(containers(fragment).map((c) => c['Name'])).toEqual(['app', 'my_router']);
    expect(container(fragment, 'app')['DependsOn']).toEqual([{ ContainerName: 'my_router', Condition: 'START' }]);
  });

  it('refuses a second router', () => {
    const twoRouters = fargate(
      CLOUDWATCH,
      `        - Name: r1
          Image: x
          FirelensConfiguration: {Type: fluentbit}
        - Name: r2
          Image: x
          FirelensConfiguration: {Type: fluentbit}`,
    );

    expect(expand(twoRouters).error).toContain(
      'Task.Properties.ContainerDefinitions[2].FirelensConfiguration: a task may have only one log router',
    );
  });
});

describe('expandFragment: routed containers', () => {
  it('routes every container without a LogConfiguration, with the buffer limit as a string option', () => {
    const { fragment } = expand(fargate(`${CLOUDWATCH}\n        BufferLimit: 65536`));

    expect(container(fragment, 'app')['LogConfiguration']).toEqual({
      LogDriver: 'awsfirelens',
      Options: {
        Name: 'cloudwatch_logs',
        region: { Ref: 'AWS::Region' },
        log_group_name: { Ref: 'TaskFireLensLogGroup' },
        log_stream_prefix: 'app/',
        'log-driver-buffer-limit': '65536',
      },
    });
  });

  it.each([
    ['BufferMemory: 64', '32768'],
    ['BufferMemory: 64\n        AverageLogLineBytes: 512', '131072'],
    ['BufferMemory: 1\n        AverageLogLineBytes: 1000', '1048'],
  ])('turns %s (MiB of average lines) into the log line count ECS reads', (buffer, lines) => {
    const { fragment, error } = expand(fargate(`${CLOUDWATCH}\n        ${buffer}`));

    expect(error).toBeUndefined();
    expect(container(fragment, 'app')['LogConfiguration']).toMatchObject({ Options: { 'log-driver-buffer-limit': lines } });
  });

  it("recomputes the task's BufferMemory with a container's own AverageLogLineBytes", () => {
    const { fragment } = expand(
      fargate(
        `${CLOUDWATCH}\n        BufferMemory: 16`,
        `        - Name: audit\n          Image: x\n          FireLens: {AverageLogLineBytes: 256}`,
      ),
    );

    expect(container(fragment, 'app')['LogConfiguration']).toMatchObject({ Options: { 'log-driver-buffer-limit': '8192' } });
    expect(container(fragment, 'audit')['LogConfiguration']).toMatchObject({ Options: { 'log-driver-buffer-limit': '65536' } });
  });

  it('leaves containers with their own LogConfiguration and opted-out containers alone', () => {
    const { fragment } = expand(
      fargate(
        CLOUDWATCH,
        `        - Name: own
          Image: x
          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: g, awslogs-region: eu-west-1, awslogs-stream-prefix: own}}
        - Name: quiet
          Image: x
          FireLens: false`,
      ),
    );

    expect(container(fragment, 'own')['LogConfiguration']).toEqual({
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': 'g', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'own' },
    });
    expect(container(fragment, 'quiet')).toEqual({ Name: 'quiet', Image: 'x' });
  });

  it("merges the router dependency into a container's own DependsOn", () => {
    const { fragment } = expand(
      fargate(
        CLOUDWATCH,
        `          DependsOn:
            - ContainerName: init
              Condition: SUCCESS
        - Name: init
          Image: x
          Essential: false
          FireLens: false`,
      ),
    );

    expect(container(fragment, 'app')['DependsOn']).toEqual([
      { ContainerName: 'init', Condition: 'SUCCESS' },
      { ContainerName: 'log_router', Condition: 'START' },
    ]);
  });

  it('applies a per-container override on top of the task defaults', () => {
    const { fragment } = expand(
      fargate(
        `${CLOUDWATCH}\n        BufferLimit: 4096`,
        `        - Name: audit
          Image: x
          FireLens:
            Destination:
              Firehose: {DeliveryStreamName: audit-stream}
            ExcludePattern: ^DEBUG`,
      ),
    );

    expect(container(fragment, 'audit')['LogConfiguration']).toEqual({
      LogDriver: 'awsfirelens',
      Options: {
        Name: 'kinesis_firehose',
        region: { Ref: 'AWS::Region' },
        delivery_stream: 'audit-stream',
        'log-driver-buffer-limit': '4096',
        'exclude-pattern': '^DEBUG',
      },
    });
  });

  it('removes every FireLens key from the output', () => {
    const { fragment } = expand(fargate(CLOUDWATCH, '          FireLens: {BufferLimit: 1024}'));

    expect(JSON.stringify(fragment)).not.toContain('"FireLens"');
  });
});

describe('expandFragment: IAM', () => {
  it('creates a task role scoped to the Firehose stream, trusting ECS tasks of this account only', () => {
    const { fragment } = expand(fargate(`        Destination:\n          Firehose: {DeliveryStreamName: app-logs}`));

    expect(props(fragment)['TaskRoleArn']).toEqual({ 'Fn::GetAtt': ['TaskFireLensTaskRole', 'Arn'] });
    const role = task(fragment, 'TaskFireLensTaskRole')['Properties'] as JsonObject;
    expect(role['AssumeRolePolicyDocument']).toMatchObject({
      Statement: [
        {
          Principal: { Service: 'ecs-tasks.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
      ],
    });
    expect(role['Policies']).toEqual([
      {
        PolicyName: 'firelens-task',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['firehose:PutRecordBatch'],
              Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/app-logs' }],
            },
          ],
        },
      },
    ]);
  });

  it('attaches a policy to a task role defined in the same template and waits for it', () => {
    const yaml = `${fargate(`        Destination:\n          Firehose: {DeliveryStreamName: app-logs}`)}
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
`.replace('      NetworkMode: awsvpc', '      NetworkMode: awsvpc\n      TaskRoleArn: !GetAtt AppRole.Arn');

    const { fragment } = expand(yaml);

    expect(props(fragment)['TaskRoleArn']).toEqual({ 'Fn::GetAtt': ['AppRole', 'Arn'] });
    expect(task(fragment)['DependsOn']).toEqual(['TaskFireLensTaskPolicy']);
    expect(task(fragment, 'TaskFireLensTaskPolicy')).toMatchObject({
      Type: 'AWS::IAM::Policy',
      Properties: { Roles: [{ Ref: 'AppRole' }] },
    });
    expect(task(fragment, 'TaskFireLensTaskRole')).toEqual({});
  });

  it('refuses a role from outside the template, listing what it lacks, unless ExternalRolesGranted', () => {
    const external = fargate(`        Destination:\n          Firehose: {DeliveryStreamName: app-logs}`).replace(
      '      NetworkMode: awsvpc',
      '      NetworkMode: awsvpc\n      TaskRoleArn: arn:aws:iam::111122223333:role/app',
    );

    expect(expand(external).error).toContain(
      'Task.Properties.TaskRoleArn: names a role outside this template, which the macro cannot extend; it needs: firehose:PutRecordBatch on',
    );
    const granted = expand(external.replace('        Destination:', '        ExternalRolesGranted: true\n        Destination:'));
    expect(props(granted.fragment)['TaskRoleArn']).toBe('arn:aws:iam::111122223333:role/app');
  });

  it('gives the execution role S3 read of an S3 config file on EC2', () => {
    const yaml = fargate(`        Router:\n          ConfigFile: arn:aws:s3:::cfg-bucket/fluent/extra.conf\n${CLOUDWATCH}`).replace(
      'RequiresCompatibilities: [FARGATE]',
      'RequiresCompatibilities: [EC2]',
    );

    const { fragment } = expand(yaml);

    const statements = (
      ((task(fragment, 'TaskFireLensExecutionRole')['Properties'] as JsonObject)['Policies'] as JsonObject[])[0]?.[
        'PolicyDocument'
      ] as JsonObject
    )['Statement'];
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::cfg-bucket/fluent/extra.conf'] },
        { Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: ['arn:aws:s3:::cfg-bucket'] },
      ]),
    );
    expect(container(fragment, 'log_router')['FirelensConfiguration']).toMatchObject({
      Options: { 'config-file-type': 's3', 'config-file-value': 'arn:aws:s3:::cfg-bucket/fluent/extra.conf' },
    });
  });

  it('switches to the init image on Fargate for an S3 config file and gives the task role the read', () => {
    const { fragment } = expand(fargate(`        Router:\n          ConfigFile: arn:aws:s3:::cfg-bucket/extra.conf\n${CLOUDWATCH}`));

    const router = container(fragment, 'log_router');
    expect(router['Image']).toBe(`{{resolve:ssm:/aws/service/aws-for-fluent-bit/init-${AWS_FOR_FLUENT_BIT_VERSION}}}`);
    expect(router['Environment']).toEqual([{ Name: 'aws_fluent_bit_init_s3_1', Value: 'arn:aws:s3:::cfg-bucket/extra.conf' }]);
    expect(router['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } });
    expect(JSON.stringify(task(fragment, 'TaskFireLensTaskRole'))).toContain('"s3:GetObject"');
  });
});

describe('expandFragment: refusals', () => {
  it('lists every problem at once with logical id and path', () => {
    const { error } = expand(
      fargate(`        Router:
          MemoryReservaton: 50
        Destination: {}
        BufferLimit: -1`),
    );

    expect(error).toBe(
      'FireLens: 3 problems: ' +
        'Task.Properties.FireLens.Router.MemoryReservaton: unknown property (did you mean "MemoryReservation"?); allowed: Type, Image, ImageTag, Name, MemoryReservation, Memory, Cpu, EnableEcsLogMetadata, ConfigFile, ConfigFileType, ConfigFiles, ConfigFilesType, Presets, LogGroup, LogRetentionInDays, Environment, Secrets, HealthCheck, StopTimeout, Essential, User, DependsOn, MountPoints, PortMappings, ReadonlyRootFilesystem; ' +
        'Task.Properties.FireLens.Destination: needs exactly one of CloudWatchLogs, Firehose, KinesisStreams, S3, OpenSearch, Custom; ' +
        'Task.Properties.FireLens.BufferLimit: must be an integer from 0 to 536870911, not -1',
    );
  });

  it('refuses a buffer limit of 536870912 or more', () => {
    expect(expand(fargate(`${CLOUDWATCH}\n        BufferLimit: 536870912`)).error).toContain(
      'BufferLimit: must be an integer from 0 to 536870911',
    );
  });

  it('refuses buffers that do not fit in the task memory, counting log lines × AverageLogLineBytes', () => {
    const { error } = expand(fargate(`${CLOUDWATCH}\n        BufferLimit: 131072`, '          Memory: 256'));

    expect(error).toContain(
      "Task.Properties.Memory: task memory (512 MiB) must exceed the containers' memory (306 MiB, the log router included) plus the FireLens buffers (256 MiB: 131072 log lines at 2048 bytes each)",
    );
  });

  it('counts lines larger than 2048 bytes at their AverageLogLineBytes', () => {
    const { error } = expand(
      fargate(`${CLOUDWATCH}\n        BufferLimit: 32768\n        AverageLogLineBytes: 8192`, '          Memory: 256'),
    );

    expect(error).toContain('plus the FireLens buffers (256 MiB: 32768 log lines at 8192 bytes each)');
  });

  it('counts smaller lines at 2048 bytes, the size lint and the hook count them at (they see only lines)', () => {
    const { error } = expand(
      fargate(`${CLOUDWATCH}\n        BufferLimit: 131072\n        AverageLogLineBytes: 512`, '          Memory: 256'),
    );

    expect(error).toContain('plus the FireLens buffers (256 MiB: 131072 log lines at 2048 bytes each)');
  });

  it('refuses BufferLimit and BufferMemory together, naming both paths', () => {
    const { error } = expand(fargate(`${CLOUDWATCH}\n        BufferLimit: 4096\n        BufferMemory: 8`));

    expect(error).toContain(
      'Task.Properties.FireLens.BufferMemory: cannot be set together with BufferLimit (Task.Properties.FireLens.BufferLimit); use one of BufferLimit, BufferMemory',
    );
  });

  it('refuses a BufferMemory whose line count ECS would not accept', () => {
    const { error } = expand(fargate(`${CLOUDWATCH}\n        BufferMemory: 1024\n        AverageLogLineBytes: 1`));

    expect(error).toContain(
      'Task.Properties.FireLens.BufferMemory: 1024 MiB of 1-byte log lines is 1073741824 lines; ECS allows at most 536870911 (log-driver-buffer-limit)',
    );
  });

  it('refuses containers whose reservations add up to more than the task memory, without any buffer', () => {
    const { error } = expand(fargate(CLOUDWATCH, '          MemoryReservation: 480'));

    expect(error).toContain(
      'Task.Properties.Memory: the containers reserve 530 MiB (MemoryReservation, else Memory, the log router included), more than the task memory (512 MiB)',
    );
  });

  it("refuses a container's hard Memory above the task memory, at that container", () => {
    const { error } = expand(fargate(CLOUDWATCH, '          Memory: 1024\n          MemoryReservation: 128'));

    expect(error).toContain('Task.Properties.ContainerDefinitions[0].Memory: 1024 MiB is more than the task memory (512 MiB)');
  });

  it('judges Memory under Fn::If per branch, naming the branch that does not fit', () => {
    const yaml = `Conditions:\n  Big: !Equals [a, b]\n${fargate(CLOUDWATCH, '          Memory: !If [Big, 1536, 1024]')}`.replace(
      "Memory: '512'",
      "Memory: !If [Big, '2048', '512']",
    );

    expect(expand(yaml).error).toContain(
      'Task.Properties.ContainerDefinitions[0].Memory: 1024 MiB is more than the task memory (512 MiB) (when Big is false)',
    );
  });

  it('refuses buffers of 512 MiB or more when no memory is set anywhere', () => {
    const yaml = fargate(`${CLOUDWATCH}\n        BufferLimit: 150000`, `        - Name: second\n          Image: x`)
      .replace("      Memory: '512'\n", '')
      .replace("      Cpu: '256'\n", '');

    expect(expand(yaml).error).toContain(
      'Task.Properties.FireLens.BufferLimit: with no task or container memory set, the buffers together (585.94 MiB: 300000 log lines at 2048 bytes each) must stay under 512 MiB',
    );
  });

  it('refuses an S3 config file on Fargate with a custom router image', () => {
    const { error } = expand(
      fargate(`        Router:\n          Image: my/fluent-bit:1\n          ConfigFile: arn:aws:s3:::b/k.conf\n${CLOUDWATCH}`),
    );

    expect(error).toContain('Task.Properties.FireLens.Router.ConfigFile: Fargate cannot load config files from S3');
  });

  it('refuses FireLens on a Fargate Windows task', () => {
    const yaml = fargate(CLOUDWATCH).replace(
      '      NetworkMode: awsvpc',
      '      NetworkMode: awsvpc\n      RuntimePlatform: {OperatingSystemFamily: WINDOWS_SERVER_2022_CORE}',
    );

    expect(expand(yaml).error).toContain(
      'Task.Properties.RuntimePlatform.OperatingSystemFamily: FireLens is not supported for Windows containers on Fargate',
    );
  });

  it('refuses a port mapping on 24224', () => {
    const { error } = expand(fargate(CLOUDWATCH, '          PortMappings: [{ContainerPort: 8080, HostPort: 24224}]'));

    expect(error).toContain("Task.Properties.ContainerDefinitions[0].PortMappings[0].HostPort: port 24224 is FireLens's forward input");
  });

  it('refuses a ConfigFile that is an intrinsic without ConfigFileType', () => {
    const { error } = expand(fargate(`        Router:\n          ConfigFile: !Ref ConfigPath\n${CLOUDWATCH}`));

    expect(error).toContain(
      'Task.Properties.FireLens.Router.ConfigFile: is an intrinsic function, so its type cannot be inferred: set ConfigFileType to file or s3',
    );
  });

  it('refuses fluentd without an image', () => {
    expect(expand(fargate(`        Router:\n          Type: fluentd\n${CLOUDWATCH}`)).error).toContain(
      'Task.Properties.FireLens.Router.Image: is required when Type is fluentd',
    );
  });

  it('refuses to overwrite an existing logical id', () => {
    const yaml = `${fargate(CLOUDWATCH)}
  TaskFireLensLogGroup:
    Type: AWS::Logs::LogGroup
`;

    expect(expand(yaml).error).toContain('TaskFireLensLogGroup: the macro needs the logical id TaskFireLensLogGroup');
  });

  it('refuses a container-level FireLens without a task-level one', () => {
    const yaml = fargate(CLOUDWATCH, '          FireLens: {BufferLimit: 1}').replace(`      FireLens:\n${CLOUDWATCH}`, '');

    expect(expand(yaml).error).toContain(
      'Task.Properties.ContainerDefinitions[0].FireLens: a container-level FireLens needs a task-level FireLens property on Task',
    );
  });
});

describe('expandFragment: what it must not change', () => {
  it('returns a template without FireLens deep-equal to the input', () => {
    const { template } = loadTemplate(
      'Conditions:\n  C: !Equals [a, b]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: C\n    Properties: {DelaySeconds: !If [C, 1, 2]}\n',
    );

    const result = expandFragment(template);

    expect(result).toEqual({ ok: true, fragment: template, expanded: [] });
  });

  it('carries the task Condition onto every generated resource and keeps other resources, outputs and intrinsics', () => {
    const yaml = `Conditions:
  Enabled: !Equals [!Ref Env, prod]
Parameters:
  Env: {Type: String}
${fargate(CLOUDWATCH).replace('Resources:\n', 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {QueueName: !Sub "${Env}-q"}\n').replace('    Type: AWS::ECS::TaskDefinition', '    Type: AWS::ECS::TaskDefinition\n    Condition: Enabled')}
Outputs:
  Q: {Value: !GetAtt Queue.Arn}
`;

    const { fragment } = expand(yaml);

    for (const id of ['TaskFireLensLogGroup', 'TaskFireLensRouterLogGroup', 'TaskFireLensExecutionRole']) {
      expect(task(fragment, id)['Condition']).toBe('Enabled');
    }
    expect(task(fragment, 'Queue')).toEqual({ Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Env}-q' } } });
    expect(fragment?.['Outputs']).toEqual({ Q: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } } });
  });

  it('keeps other transforms listed after removing its own', () => {
    const { template } = loadTemplate(`Transform: [FireLensMacro, AWS::Serverless-2016-10-31]\n${fargate(CLOUDWATCH)}`);

    const result = expandTemplate(template);

    expect(result.ok && result.fragment['Transform']).toBe('AWS::Serverless-2016-10-31');
  });
});
