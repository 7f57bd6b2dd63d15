/**
 * Deterministic generator of realistic CloudFormation templates for the benchmarks: ECS services whose
 * task definitions use the `FireLens` property (CloudWatch Logs, Firehose, S3, Datadog), services with a
 * log router written by hand, plain `awslogs` services, security groups with inline and standalone
 * ingress rules, IAM roles, and unrelated resources (buckets, queues, topics, tables, functions, alarms).
 *
 * `resources` counts the template as CloudFormation sees it after the macro (the 500-resource limit
 * applies there): every block knows how many resources the expansion adds to it. The same seed always
 * yields the same template.
 */
import type { Json, JsonObject } from '../functions/shared/template/intrinsics';

/** mulberry32: small, fast, good enough to vary a template; never used for anything secret. */
const seededRandom = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

interface Rng {
  readonly next: () => number;
  readonly int: (min: number, max: number) => number;
  readonly pick: <T>(items: readonly T[]) => T;
}

const rngOf = (seed: number): Rng => {
  const next = seededRandom(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) {
        throw new Error('pick from an empty list');
      }
      return item;
    },
  };
};

const ref = (id: string): JsonObject => ({ Ref: id });
const getAtt = (id: string, attribute: string): JsonObject => ({ 'Fn::GetAtt': [id, attribute] });
const sub = (text: string): JsonObject => ({ 'Fn::Sub': text });

const TEAMS = ['orders', 'billing', 'search', 'catalog', 'payments', 'identity', 'shipping', 'inventory', 'reviews', 'pricing'] as const;
const IMAGES = [
  'public.ecr.aws/nginx/nginx:1.27',
  'public.ecr.aws/docker/library/node:20-alpine',
  'public.ecr.aws/docker/library/python:3.12-slim',
  'public.ecr.aws/docker/library/httpd:2.4',
  'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
] as const;
const ROUTER_IMAGE = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2.20241008';

/** What a block adds: its resources (as written) and how many more the macro generates for them. */
interface Block {
  readonly resources: Readonly<Record<string, JsonObject>>;
  readonly generated: number;
}

interface BlockContext {
  readonly rng: Rng;
  /** Unique suffix of this block's logical ids and names. */
  readonly n: number;
  readonly team: string;
}

const environment = (ctx: BlockContext, count: number): JsonObject[] =>
  Array.from({ length: count }, (_, i) => ({
    Name: `${ctx.team.toUpperCase()}_SETTING_${String(i)}`,
    Value: `https://${ctx.team}-${String(i)}.internal.example.com/v1/${String(ctx.rng.int(1000, 999_999))}?region=us-east-1`,
  }));

const appContainer = (ctx: BlockContext, name: string, port: number): JsonObject => ({
  Name: name,
  Image: ctx.rng.pick(IMAGES),
  Essential: true,
  Cpu: 128,
  MemoryReservation: ctx.rng.pick([128, 256, 384]),
  PortMappings: [{ ContainerPort: port, Protocol: 'tcp' }],
  // 50 to 80 variables, in a fixed rotation so every 48-resource cycle weighs the same.
  Environment: environment(ctx, 50 + ((ctx.n * 7 + name.length) % 31)),
  Secrets: [{ Name: 'DB_PASSWORD', ValueFrom: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${ctx.team}/db-${String(ctx.n)}` }],
  HealthCheck: {
    Command: ['CMD-SHELL', `curl -fs http://localhost:${String(port)}/health || exit 1`],
    Interval: 30,
    Timeout: 5,
    Retries: 3,
    StartPeriod: 10,
  },
  Ulimits: [{ Name: 'nofile', SoftLimit: 65_536, HardLimit: 65_536 }],
  DockerLabels: { 'com.example.team': ctx.team, 'com.example.block': String(ctx.n) },
});

const sidecar = (ctx: BlockContext): JsonObject => ({
  Name: 'otel-collector',
  Image: 'public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0',
  Essential: false,
  MemoryReservation: 64,
  Command: ['--config=/etc/ecs/ecs-default-config.yaml'],
  Environment: environment(ctx, 12),
});

const fargateTask = (ctx: BlockContext, containers: JsonObject[], extra: JsonObject = {}): JsonObject => ({
  Type: 'AWS::ECS::TaskDefinition',
  Properties: {
    Family: `${ctx.team}-${String(ctx.n)}`,
    RequiresCompatibilities: ['FARGATE'],
    NetworkMode: 'awsvpc',
    Cpu: '1024',
    Memory: '2048',
    RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    ContainerDefinitions: containers,
    Tags: [
      { Key: 'team', Value: ctx.team },
      { Key: 'cost-center', Value: `cc-${String(ctx.rng.int(100, 999))}` },
    ],
    ...extra,
  },
});

const securityGroup = (ctx: BlockContext, port: number): JsonObject => ({
  Type: 'AWS::EC2::SecurityGroup',
  Properties: {
    GroupDescription: `${ctx.team} service ${String(ctx.n)}`,
    VpcId: ref('VpcId'),
    SecurityGroupIngress: [
      {
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        SourceSecurityGroupId: ref('LoadBalancerSecurityGroup'),
        Description: 'from the load balancer',
      },
      { IpProtocol: 'tcp', FromPort: 9090, ToPort: 9091, CidrIp: '10.0.0.0/16', Description: 'metrics scrape' },
    ],
    SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }],
    Tags: [{ Key: 'team', Value: ctx.team }],
  },
});

const ingress = (groupId: string, port: number): JsonObject => ({
  Type: 'AWS::EC2::SecurityGroupIngress',
  Properties: {
    GroupId: getAtt(groupId, 'GroupId'),
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    CidrIp: '10.1.0.0/16',
    Description: 'from the peered VPC',
  },
});

const service = (ctx: BlockContext, taskId: string, groupId: string | undefined, port: number): JsonObject => ({
  Type: 'AWS::ECS::Service',
  Properties: {
    Cluster: ref('Cluster'),
    TaskDefinition: ref(taskId),
    DesiredCount: ctx.rng.int(2, 6),
    ...(groupId === undefined
      ? { LaunchType: 'EC2' }
      : {
          LaunchType: 'FARGATE',
          PlatformVersion: '1.4.0',
          NetworkConfiguration: {
            AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', SecurityGroups: [ref(groupId)], Subnets: ref('SubnetIds') },
          },
        }),
    DeploymentConfiguration: {
      MaximumPercent: 200,
      MinimumHealthyPercent: 100,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    },
    LoadBalancers: [
      {
        ContainerName: 'app',
        ContainerPort: port,
        TargetGroupArn: `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${ctx.team}-${String(ctx.n)}/0123456789abcdef`,
      },
    ],
    PropagateTags: 'SERVICE',
  },
});

/** The application's own permissions: what a task role of a real service carries besides logging. */
const appStatements = (ctx: BlockContext): JsonObject[] => {
  const name = `${ctx.team}-${String(ctx.n)}`;
  return [
    {
      Sid: 'Queue',
      Effect: 'Allow',
      Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes'],
      Resource: `arn:aws:sqs:us-east-1:123456789012:${name}`,
    },
    {
      Sid: 'Table',
      Effect: 'Allow',
      Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:BatchGetItem'],
      Resource: [`arn:aws:dynamodb:us-east-1:123456789012:table/${name}`, `arn:aws:dynamodb:us-east-1:123456789012:table/${name}/index/*`],
    },
    {
      Sid: 'Objects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::example-${name}/*`,
      Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
    },
    { Sid: 'Events', Effect: 'Allow', Action: 'events:PutEvents', Resource: `arn:aws:events:us-east-1:123456789012:event-bus/${ctx.team}` },
    {
      Sid: 'Params',
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParametersByPath'],
      Resource: `arn:aws:ssm:us-east-1:123456789012:parameter/${ctx.team}/${String(ctx.n)}/*`,
    },
  ];
};

const trustEcsTasks = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** Fargate service, CloudWatch Logs through the macro: it adds 2 log groups and 2 roles. */
const fireLensCloudWatchService = (ctx: BlockContext): Block => {
  const id = `Api${String(ctx.n)}`;
  const port = 8080;
  const task = fargateTask(ctx, [appContainer(ctx, 'app', port), appContainer(ctx, 'worker', 8090), sidecar(ctx)]);
  const properties = task['Properties'] as JsonObject;
  properties['FireLens'] = { Destination: { CloudWatchLogs: { RetentionInDays: ctx.rng.pick([7, 14, 30, 90]) } }, BufferLimit: 16_384 };
  return {
    resources: {
      [`${id}Task`]: task,
      [`${id}SecurityGroup`]: securityGroup(ctx, port),
      [`${id}PeerIngress`]: ingress(`${id}SecurityGroup`, port),
      [`${id}Service`]: service(ctx, `${id}Task`, `${id}SecurityGroup`, port),
    },
    generated: 4,
  };
};

/** Fargate service whose task role is in the template, Firehose stream in the template: policy, router log group, execution role. */
const fireLensFirehoseService = (ctx: BlockContext): Block => {
  const id = `Events${String(ctx.n)}`;
  const port = 9000;
  const task = fargateTask(ctx, [appContainer(ctx, 'app', port)], { TaskRoleArn: getAtt(`${id}TaskRole`, 'Arn') });
  (task['Properties'] as JsonObject)['FireLens'] = { Destination: { Firehose: { DeliveryStreamName: ref(`${id}Stream`) } } };
  return {
    resources: {
      [`${id}TaskRole`]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trustEcsTasks,
          Policies: [
            {
              PolicyName: 'app',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: appStatements(ctx),
              },
            },
          ],
        },
      },
      [`${id}StreamRole`]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' }, Action: 'sts:AssumeRole' }],
          },
          Policies: [
            {
              PolicyName: 'delivery',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['s3:PutObject', 's3:GetBucketLocation'],
                    Resource: ['arn:aws:s3:::example-logs', 'arn:aws:s3:::example-logs/*'],
                  },
                ],
              },
            },
          ],
        },
      },
      [`${id}Stream`]: {
        Type: 'AWS::KinesisFirehose::DeliveryStream',
        Properties: {
          DeliveryStreamType: 'DirectPut',
          S3DestinationConfiguration: {
            BucketARN: 'arn:aws:s3:::example-logs',
            Prefix: `${ctx.team}/${String(ctx.n)}/`,
            RoleARN: getAtt(`${id}StreamRole`, 'Arn'),
            BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
          },
        },
      },
      [`${id}Task`]: task,
      [`${id}SecurityGroup`]: securityGroup(ctx, port),
      [`${id}Service`]: service(ctx, `${id}Task`, `${id}SecurityGroup`, port),
    },
    generated: 3,
  };
};

/** EC2 bridge-mode worker, Datadog through a Custom destination with a secret: router log group and execution role. */
const fireLensDatadogWorker = (ctx: BlockContext): Block => {
  const id = `Worker${String(ctx.n)}`;
  const task: JsonObject = {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: {
      Family: `${ctx.team}-worker-${String(ctx.n)}`,
      RequiresCompatibilities: ['EC2'],
      Memory: '1024',
      ContainerDefinitions: [{ ...appContainer(ctx, 'app', 8000), Memory: 512, PortMappings: [{ ContainerPort: 8000, HostPort: 0 }] }],
      FireLens: {
        Destination: {
          Custom: {
            Name: 'datadog',
            Options: {
              Host: 'http-intake.logs.datadoghq.com',
              TLS: 'on',
              compress: 'gzip',
              dd_service: `${ctx.team}-worker`,
              dd_source: 'python',
              provider: 'ecs',
            },
            SecretOptions: [{ Name: 'apikey', ValueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog/api-key-AbCdEf' }],
          },
        },
      },
    },
  };
  return { resources: { [`${id}Task`]: task, [`${id}Service`]: service(ctx, `${id}Task`, undefined, 8000) }, generated: 2 };
};

/** A service whose log router is written by hand (no macro): task and execution roles grant what it needs. */
const handWrittenRouterService = (ctx: BlockContext): Block => {
  const id = `Legacy${String(ctx.n)}`;
  const port = 3000;
  const app = appContainer(ctx, 'app', port);
  app['LogConfiguration'] = {
    LogDriver: 'awsfirelens',
    Options: {
      Name: 'cloudwatch_logs',
      region: ref('AWS::Region'),
      log_group_name: ref(`${id}LogGroup`),
      log_stream_prefix: 'app/',
      auto_create_group: 'false',
      'log-driver-buffer-limit': '16384',
    },
  };
  app['DependsOn'] = [{ ContainerName: 'log_router', Condition: 'START' }];
  const router: JsonObject = {
    Name: 'log_router',
    Image: ROUTER_IMAGE,
    Essential: true,
    MemoryReservation: 50,
    StopTimeout: 30,
    FirelensConfiguration: { Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } },
    LogConfiguration: {
      LogDriver: 'awslogs',
      Options: { 'awslogs-group': ref(`${id}LogGroup`), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': 'firelens' },
    },
  };
  const task = fargateTask(ctx, [router, app], {
    TaskRoleArn: getAtt(`${id}TaskRole`, 'Arn'),
    ExecutionRoleArn: getAtt(`${id}ExecutionRole`, 'Arn'),
  });
  const logStatement = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: getAtt(`${id}LogGroup`, 'Arn') };
  return {
    resources: {
      [`${id}LogGroup`]: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
      [`${id}TaskRole`]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trustEcsTasks,
          Policies: [{ PolicyName: 'app', PolicyDocument: { Version: '2012-10-17', Statement: [logStatement, ...appStatements(ctx)] } }],
        },
      },
      [`${id}ExecutionRole`]: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: trustEcsTasks,
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'],
          // The app's DB_PASSWORD secret: ECS reads it with the execution role before the task starts (FL1603).
          Policies: [
            {
              PolicyName: 'app-secrets',
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: 'secretsmanager:GetSecretValue',
                    Resource: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${ctx.team}/db-${String(ctx.n)}-??????`,
                  },
                ],
              },
            },
          ],
        },
      },
      [`${id}Task`]: task,
      [`${id}SecurityGroup`]: securityGroup(ctx, port),
      [`${id}Service`]: service(ctx, `${id}Task`, `${id}SecurityGroup`, port),
    },
    generated: 0,
  };
};

/** A plain awslogs service: no FireLens at all. */
const awslogsService = (ctx: BlockContext): Block => {
  const id = `Plain${String(ctx.n)}`;
  const port = 8081;
  const app = appContainer(ctx, 'app', port);
  app['LogConfiguration'] = {
    LogDriver: 'awslogs',
    Options: { 'awslogs-group': ref(`${id}LogGroup`), 'awslogs-region': ref('AWS::Region'), 'awslogs-stream-prefix': 'app' },
  };
  return {
    resources: {
      [`${id}LogGroup`]: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } },
      [`${id}Task`]: fargateTask(ctx, [app], { ExecutionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole' }),
      [`${id}SecurityGroup`]: securityGroup(ctx, port),
      [`${id}Service`]: service(ctx, `${id}Task`, `${id}SecurityGroup`, port),
    },
    generated: 0,
  };
};

/** Inline Lambda code as templates carry it for small glue functions (custom resources, alarms to chat). */
const lambdaCode = (team: string, id: string): string =>
  [
    "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');",
    'const sns = new SNSClient({});',
    `const TOPIC = process.env.TOPIC_ARN; // ${team} ${id}`,
    'exports.handler = async (event) => {',
    '  const records = Array.isArray(event.Records) ? event.Records : [event];',
    '  for (const record of records) {',
    "    const body = typeof record.body === 'string' ? JSON.parse(record.body) : record;",
    `    const subject = \`[${team}] \${body.detail?.state?.value ?? 'event'} \${body.detail?.alarmName ?? ''}\`.slice(0, 99);`,
    '    await sns.send(new PublishCommand({ TopicArn: TOPIC, Subject: subject, Message: JSON.stringify(body, null, 2) }));',
    '  }',
    '  return { statusCode: 200, body: JSON.stringify({ forwarded: records.length }) };',
    '};',
    '',
  ].join('\n');

/** One resource unrelated to ECS (CloudFormation templates are mostly such). */
const unrelated = (ctx: BlockContext): Block => {
  const id = String(ctx.n);
  // The kind follows the position in the cycle, so every cycle holds the same kinds.
  const kind = ((ctx.n - 1) % 15) % 6;
  const resource: JsonObject =
    kind === 0
      ? {
          Type: 'AWS::S3::Bucket',
          Properties: {
            BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              BlockPublicPolicy: true,
              IgnorePublicAcls: true,
              RestrictPublicBuckets: true,
            },
            LifecycleConfiguration: { Rules: [{ Id: 'expire', Status: 'Enabled', ExpirationInDays: ctx.rng.int(30, 400) }] },
            Tags: [{ Key: 'team', Value: ctx.team }],
          },
        }
      : kind === 1
        ? {
            Type: 'AWS::SQS::Queue',
            Properties: {
              VisibilityTimeout: 60,
              MessageRetentionPeriod: 345_600,
              KmsMasterKeyId: 'alias/aws/sqs',
              Tags: [{ Key: 'team', Value: ctx.team }],
            },
          }
        : kind === 2
          ? { Type: 'AWS::SNS::Topic', Properties: { DisplayName: `${ctx.team} alerts ${id}`, KmsMasterKeyId: 'alias/aws/sns' } }
          : kind === 3
            ? {
                Type: 'AWS::DynamoDB::Table',
                Properties: {
                  BillingMode: 'PAY_PER_REQUEST',
                  AttributeDefinitions: [
                    { AttributeName: 'pk', AttributeType: 'S' },
                    { AttributeName: 'sk', AttributeType: 'S' },
                  ],
                  KeySchema: [
                    { AttributeName: 'pk', KeyType: 'HASH' },
                    { AttributeName: 'sk', KeyType: 'RANGE' },
                  ],
                  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
                  SSESpecification: { SSEEnabled: true },
                },
              }
            : kind === 4
              ? {
                  Type: 'AWS::CloudWatch::Alarm',
                  Properties: {
                    AlarmDescription: `${ctx.team} 5xx ${id}`,
                    Namespace: 'AWS/ApplicationELB',
                    MetricName: 'HTTPCode_Target_5XX_Count',
                    Statistic: 'Sum',
                    Period: 60,
                    EvaluationPeriods: 5,
                    Threshold: ctx.rng.int(5, 50),
                    ComparisonOperator: 'GreaterThanThreshold',
                    Dimensions: [{ Name: 'LoadBalancer', Value: 'app/example/0123456789abcdef' }],
                  },
                }
              : {
                  Type: 'AWS::Lambda::Function',
                  Properties: {
                    Runtime: 'nodejs22.x',
                    Handler: 'index.handler',
                    Role: sub('arn:aws:iam::${AWS::AccountId}:role/lambda-basic'),
                    Timeout: 30,
                    Code: { ZipFile: lambdaCode(ctx.team, id) },
                    Environment: { Variables: { TEAM: ctx.team, TABLE: `${ctx.team}-${id}` } },
                  },
                };
  return { resources: { [`${ctx.team[0]?.toUpperCase() ?? 'X'}${ctx.team.slice(1)}Resource${id}`]: resource }, generated: 0 };
};

type BlockFactory = (ctx: BlockContext) => Block;

/**
 * The mix, as a fixed cycle of 48 resources (after expansion): two CloudWatch FireLens services, one
 * Firehose, one Datadog worker, one hand-written router, one awslogs service and nine unrelated resources.
 * A fixed cycle (rather than random picks) keeps bytes and FireLens tasks per resource the same at every
 * size, so time at 500 over time at 50 measures the code, not a different mix.
 */
const CYCLE: readonly BlockFactory[] = [
  fireLensCloudWatchService,
  unrelated,
  fireLensFirehoseService,
  unrelated,
  fireLensDatadogWorker,
  unrelated,
  fireLensCloudWatchService,
  unrelated,
  awslogsService,
  unrelated,
  handWrittenRouterService,
  unrelated,
  unrelated,
  unrelated,
  unrelated,
];

const sizeOf = (block: Block): number => Object.keys(block.resources).length + block.generated;

export interface GeneratedTemplate {
  /** The template as written (with `Transform: FireLensMacro`). */
  readonly template: JsonObject;
  /** Resources after expansion: the count CloudFormation's limit applies to. */
  readonly resources: number;
  /** Resources as written. */
  readonly writtenResources: number;
  /** Task definitions carrying the `FireLens` property. */
  readonly fireLensTasks: number;
}

const SHARED_RESOURCES: Readonly<Record<string, JsonObject>> = {
  Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] } },
  LoadBalancerSecurityGroup: {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'load balancer',
      VpcId: ref('VpcId'),
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
    },
  },
};

/**
 * A template of exactly `resources` resources after expansion (at least 20, at most CloudFormation's
 * 500), mixing FireLens services with everything else a service stack holds.
 */
export const generateTemplate = (resources: number, seed = 20_260_101): GeneratedTemplate => {
  if (!Number.isInteger(resources) || resources < 20 || resources > 500) {
    throw new RangeError(`resources must be an integer from 20 to 500, got ${String(resources)}`);
  }
  const rng = rngOf(seed ^ resources);
  const all: Record<string, Json> = { ...SHARED_RESOURCES };
  let count = Object.keys(SHARED_RESOURCES).length;
  let fireLensTasks = 0;
  for (let n = 1; count < resources; n += 1) {
    const ctx: BlockContext = { rng, n, team: rng.pick(TEAMS) };
    const preferred = CYCLE[(n - 1) % CYCLE.length] ?? unrelated;
    const candidate = preferred(ctx);
    const block = count + sizeOf(candidate) <= resources ? candidate : unrelated(ctx);
    Object.assign(all, block.resources);
    count += sizeOf(block);
    fireLensTasks += Object.values(block.resources).filter(
      (r) => (r['Properties'] as JsonObject | undefined)?.['FireLens'] !== undefined,
    ).length;
  }
  const template: JsonObject = {
    AWSTemplateFormatVersion: '2010-09-09',
    Transform: 'FireLensMacro',
    Description: `Generated benchmark template: ${String(resources)} resources after expansion (seed ${String(seed)})`,
    Parameters: {
      VpcId: { Type: 'AWS::EC2::VPC::Id' },
      SubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>' },
    },
    Resources: all,
    Outputs: { ClusterName: { Value: ref('Cluster') } },
  };
  return { template, resources: count, writtenResources: Object.keys(all).length, fireLensTasks };
};
