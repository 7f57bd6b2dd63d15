import fc from 'fast-check';

import { LOG_GROUP_RETENTION_DAYS } from '../../functions/shared/firelens/property-schema';
import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';

/**
 * fast-check arbitraries for the property-based tests (issue #6): CloudFormation templates that use
 * FireLensMacro, built from the FireLens property's definition (functions/shared/firelens/property-schema.ts),
 * the golden fixtures, the example and the macro events, and random mutations of them.
 *
 * A valid case is one the macro must accept: every value stays inside what the property's definition,
 * the macro's checks (memory, stop timeout, roles, router, ports) and the FireLens rules allow. Support
 * resources, parameters and conditions are added for whatever the generated values reference, so
 * every Ref / GetAtt / Fn::If points at something the template defines.
 */

/** One generated template, as the user writes it and as CloudFormation hands it to the macro. */
export interface FireLensTemplateCase {
  /** The template, with `Transform` naming FireLensMacro (alone or with other transforms). */
  readonly template: JsonObject;
  /** What CloudFormation passes the macro for a template-level transform: the template without `Transform`. */
  readonly fragment: JsonObject;
  /** A short description of the shape, for failure reports. */
  readonly shape: string;
  /** Logical ids of the task definitions that carry a task-level `FireLens` property. */
  readonly taskIds: readonly string[];
}

/** A valid case with random changes applied; `mutations` says which, in order. */
export interface MutatedTemplateCase extends FireLensTemplateCase {
  readonly mutations: readonly string[];
}

export const MACRO_NAME = 'FireLensMacro';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const APP_NAMES = ['web', 'api', 'worker', 'sidecar', 'metrics', 'app', 'audit', 'proxy-2', 'job_runner'] as const;
const TASK_IDS = ['WebTask', 'ApiTask', 'WorkerTask', 'Task', 'OrdersTask', 'BatchJob', 'T1', 'LogTask9'] as const;
const MIB = 1_048_576;

/** Fargate's CPU/memory pairs (MiB), smallest first. */
const FARGATE_SIZES: readonly (readonly [string, number])[] = [
  ['256', 512],
  ['256', 1024],
  ['256', 2048],
  ['512', 1024],
  ['512', 2048],
  ['512', 3072],
  ['512', 4096],
  ['1024', 2048],
  ['1024', 4096],
  ['1024', 8192],
  ['2048', 4096],
  ['2048', 8192],
  ['2048', 16384],
  ['4096', 8192],
  ['4096', 30720],
];

const IF_PROD = (a: Json, b: Json): Json => ({ 'Fn::If': ['IsProd', a, b] });

/** Support resources a generated value may reference, each added once when something refers to it. */
const SUPPORT_RESOURCES: Readonly<Record<string, JsonObject>> = {
  AppLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/ecs/${AWS::StackName}/app' }, RetentionInDays: 90 } },
  RouterLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
  LogStream: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
  LogBucket: {
    Type: 'AWS::S3::Bucket',
    DeletionPolicy: 'Retain',
    Properties: {
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    },
  },
  Delivery: {
    Type: 'AWS::KinesisFirehose::DeliveryStream',
    Properties: {
      DeliveryStreamType: 'DirectPut',
      S3DestinationConfiguration: {
        BucketARN: { 'Fn::GetAtt': ['LogBucket', 'Arn'] },
        RoleARN: { 'Fn::ImportValue': 'firehose-delivery-role-arn' },
      },
    },
  },
  SharedTaskRole: {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      Tags: [{ Key: 'team', Value: 'platform' }],
    },
  },
  SharedExecutionRole: {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
      ManagedPolicyArns: [{ 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' }],
      // The app containers' own Secrets (DB_PASSWORD below): the macro grants only what FireLens adds, and
      // without this ECS could not start the task (FL1603).
      Policies: [
        {
          PolicyName: 'app-secrets',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'ssm:GetParameters',
                Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/db' },
              },
            ],
          },
        },
      ],
    },
  },
  AppSecret: { Type: 'AWS::SecretsManager::Secret', Properties: { Description: 'API key of the log destination' } },
  LogsKey: {
    Type: 'AWS::KMS::Key',
    Properties: {
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
            Action: 'kms:*',
            Resource: '*',
          },
        ],
      },
    },
  },
};

const PARAMETERS: Readonly<Record<string, JsonObject>> = {
  Stage: { Type: 'String', AllowedValues: ['dev', 'prod'], Default: 'dev' },
  AppImage: { Type: 'String', Default: 'public.ecr.aws/nginx/nginx:1.27' },
  RouterImage: { Type: 'String', Default: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.5' },
  LogGroupParam: { Type: 'String', Default: '/ecs/from-parameter' },
  SecretArn: { Type: 'String' },
  KmsKeyArn: { Type: 'String' },
  ConfigObjectArn: { Type: 'String', Default: 'arn:aws:s3:::acme-config/fluent-bit/extra.conf' },
  ExternalRoleArn: { Type: 'String' },
  StopSeconds: { Type: 'Number', Default: 60 },
  AppMemory: { Type: 'Number', Default: 128 },
};

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** The value one time in `oneIn` (default: half the time), else undefined (the key left out). */
const optional = <T>(arb: fc.Arbitrary<T>, oneIn = 2): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 1, arbitrary: arb }, { weight: oneIn - 1, arbitrary: fc.constant(undefined) });

/** A string value: literal, or one of the intrinsics CloudFormation resolves to a string. */
const stringValue = (literal: string, alternative: string): fc.Arbitrary<Json> =>
  fc.constantFrom<Json>(
    literal,
    literal,
    literal,
    { 'Fn::Sub': `${literal}-\${AWS::StackName}` },
    IF_PROD(literal, alternative),
    { 'Fn::Join': ['', [literal, '-', { Ref: 'Stage' }]] },
    { 'Fn::ImportValue': { 'Fn::Sub': '${AWS::StackName}-shared' } },
  );

const regionValue: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  'eu-west-1',
  'us-east-1',
  { Ref: 'AWS::Region' },
  IF_PROD('eu-west-1', 'eu-central-1'),
);

/** Retention in days as the property's definition allows it (the periods CloudWatch Logs accepts). */
const logRetention: fc.Arbitrary<number> = fc.constantFrom(...LOG_GROUP_RETENTION_DAYS);

const logGroupName: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  '/ecs/orders',
  '/ecs/app/access',
  { Ref: 'AppLogs' },
  { Ref: 'LogGroupParam' },
  { 'Fn::Sub': '/ecs/${AWS::StackName}/app' },
  IF_PROD('/ecs/prod', '/ecs/dev'),
  { 'Fn::ImportValue': 'shared-log-group' },
);

const secretArn: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  'arn:aws:secretsmanager:eu-west-1:111122223333:secret:logs/api-key-AbCdEf',
  'arn:aws:ssm:eu-west-1:111122223333:parameter/logs/api-key',
  '/logs/api-key',
  { Ref: 'AppSecret' },
  { Ref: 'SecretArn' },
);

type Described<T> = { readonly json: T; readonly label: string };

// ---------------------------------------------------------------------------------------------
// Destinations
// ---------------------------------------------------------------------------------------------

const cloudWatchLogs = fc
  .record(
    {
      LogGroupName: logGroupName,
      LogStreamPrefix: stringValue('app/', 'dev/'),
      RetentionInDays: logRetention,
      Region: regionValue,
      Options: fc.constantFrom<JsonObject>(
        { log_key: 'log' },
        { log_format: 'json/emf' },
        { auto_create_group: false },
        { log_group_class: 'STANDARD', log_retention_days: 7 },
      ),
    },
    { requiredKeys: [] },
  )
  .map((settings): Described<JsonObject> => ({
    json: { CloudWatchLogs: settings },
    label: `CloudWatchLogs(${settings.LogGroupName === undefined ? 'created' : 'named'})`,
  }));

const firehose = fc
  .record(
    {
      DeliveryStreamName: fc.constantFrom<Json>(
        'app-logs',
        { Ref: 'Delivery' },
        { 'Fn::Sub': '${AWS::StackName}-logs' },
        IF_PROD('prod-logs', 'dev-logs'),
      ),
      Region: optional(regionValue),
      Options: optional(
        fc.constantFrom<JsonObject>(
          { time_key: 'time' },
          { compression: 'gzip' },
          { role_arn: 'arn:aws:iam::444455556666:role/log-delivery' },
          { log_key: 'log', time_key_format: '%Y-%m-%dT%H:%M:%S' },
        ),
      ),
    },
    { requiredKeys: ['DeliveryStreamName'] },
  )
  .map((settings): Described<JsonObject> => ({ json: { Firehose: dropUndefined(settings) }, label: 'Firehose' }));

const kinesisStreams = fc
  .record(
    {
      StreamName: fc.constantFrom<Json>('app-stream', { Ref: 'LogStream' }, { 'Fn::Sub': '${AWS::StackName}-stream' }),
      Region: optional(regionValue),
      Options: optional(fc.constantFrom<JsonObject>({ time_key: 'ts' }, { simple_aggregation: true }, { log_key: 'log' })),
    },
    { requiredKeys: ['StreamName'] },
  )
  .map((settings): Described<JsonObject> => ({ json: { KinesisStreams: dropUndefined(settings) }, label: 'KinesisStreams' }));

const s3 = fc
  .record(
    {
      BucketName: fc.constantFrom<Json>('acme-logs', { Ref: 'LogBucket' }, { 'Fn::Sub': '${AWS::StackName}-logs' }),
      KeyFormat: optional(
        fc.constantFrom<Json>('/logs/$TAG/%Y/%m/%d/$UUID.gz', '/app/${ECS_TASK_ID}/%H-%M-%S', 'flat/$UUID', {
          'Fn::Sub': '/${AWS::StackName}/$TAG/%Y/',
        }),
      ),
      Region: optional(regionValue),
      Options: optional(
        fc.constantFrom<JsonObject>(
          { total_file_size: '10M', upload_timeout: '1m' },
          { use_put_object: 'On' },
          { compression: 'gzip' },
          { store_dir: '/tmp/fluent-bit/s3' },
        ),
      ),
    },
    { requiredKeys: ['BucketName'] },
  )
  .map((settings): Described<JsonObject> => ({ json: { S3: dropUndefined(settings) }, label: 'S3' }));

const openSearch = fc
  .record({
    serverless: fc.boolean(),
    Index: fc.constantFrom<Json>('app-logs', { 'Fn::Sub': '${AWS::StackName}-logs' }),
    Region: optional(regionValue),
    Options: optional(
      fc.constantFrom<JsonObject>({ Logstash_Format: 'On' }, { Trace_Error: 'On' }, { Replace_Dots: 'On', Generate_ID: 'On' }),
    ),
  })
  .map(({ serverless, Index, Region, Options }): Described<JsonObject> => {
    const Endpoint = serverless ? 'abc123xyz.eu-west-1.aoss.amazonaws.com' : 'search-logs-abc123.eu-west-1.es.amazonaws.com';
    return {
      json: { OpenSearch: dropUndefined({ Endpoint, Index, Serverless: serverless ? true : undefined, Region, Options }) },
      label: serverless ? 'OpenSearch(Serverless)' : 'OpenSearch',
    };
  });

/** A Custom output's `Name` for a label (every output below names itself with a string). */
const outputName = (output: JsonObject): string => {
  const name = output['Name'];
  return typeof name === 'string' ? name : JSON.stringify(name ?? null);
};

const CUSTOM_OUTPUTS: readonly JsonObject[] = [
  {
    Name: 'datadog',
    Options: { Host: 'http-intake.logs.datadoghq.eu', TLS: 'on', dd_service: 'app', provider: 'ecs' },
    SecretOptions: [{ Name: 'apikey', ValueFrom: 'SECRET' }],
  },
  { Name: 'http', Options: { Host: 'logs.example.com', Port: 443, URI: '/ingest', Format: 'json', tls: 'On' } },
  { Name: 'loki', Options: { host: 'loki.example.com', port: '3100', labels: 'job=firelens' } },
  {
    Name: 'splunk',
    Options: { Host: 'hec.example.com', Port: '8088', TLS: 'On' },
    SecretOptions: [{ Name: 'Splunk_Token', ValueFrom: 'SECRET' }],
  },
  {
    Name: 'newrelic',
    Options: { endpoint: 'https://log-api.eu.newrelic.com/log/v1' },
    SecretOptions: [{ Name: 'licenseKey', ValueFrom: 'SECRET' }],
  },
  { Name: 'forward', Options: { Host: 'aggregator.internal', Port: '24224' } },
  { Name: 'kafka', Options: { Brokers: 'b-1.kafka.internal:9092', Topics: 'logs' } },
  { Name: 'null' },
  { Name: 'stdout', Options: { Format: 'json_lines' } },
  {
    Name: 'cloudwatch',
    Options: { region: 'eu-west-1', log_group_name: '/ecs/go-plugin', log_stream_prefix: 'go/', auto_create_group: 'true' },
  },
  { Name: 'kinesis_firehose', Options: { region: { Ref: 'AWS::Region' }, delivery_stream: 'custom-stream' } },
  { Name: 'cloudwatch_logs', Options: { region: 'us-east-1', log_group_name: { Ref: 'AppLogs' }, log_stream_name: 'fixed' } },
  {
    Name: 'es',
    Options: { Host: 'search-x-abc123.eu-west-1.es.amazonaws.com', Port: '443', AWS_Auth: 'On', AWS_Region: 'eu-west-1', tls: 'On' },
  },
  { Name: 'my_plugin', Options: { anything: 'goes', level: 3, enabled: true } },
];

const custom = fc
  .record({ output: fc.constantFrom(...CUSTOM_OUTPUTS), secret: secretArn })
  .map(({ output, secret }): Described<JsonObject> => {
    const json = structuredClone(output);
    if (Array.isArray(json['SecretOptions'])) {
      json['SecretOptions'] = json['SecretOptions'].map((s) => (isObject(s) ? { ...s, ValueFrom: secret } : s));
    }
    return { json: { Custom: json }, label: `Custom(${outputName(output)})` };
  });

const anyDestination = fc.oneof(cloudWatchLogs, firehose, kinesisStreams, s3, openSearch, custom);

/** Fluentd takes Custom destinations only; its `Name` becomes the `@type`. */
const fluentdDestination = fc
  .constantFrom<JsonObject>(
    {
      Name: 'cloudwatch_logs',
      Options: { region: 'eu-west-1', log_group_name: '/ecs/fluentd', log_stream_name: 'app', auto_create_stream: 'true' },
    },
    { Name: 'stdout' },
    { Name: 'forward', Options: { host: 'aggregator.internal' } },
  )
  .map((json): Described<JsonObject> => ({ json: { Custom: json }, label: `Custom(fluentd ${outputName(json)})` }));

/** A buffer in log lines (BufferLimit) or in MiB (BufferMemory), with or without a line size; or only a line size. */
const buffer: fc.Arbitrary<JsonObject> = fc.constantFrom<JsonObject>(
  { BufferLimit: 0 },
  { BufferLimit: 4096 },
  { BufferLimit: 16_384 },
  { BufferLimit: '8192' },
  { BufferLimit: IF_PROD(16_384, 1024) },
  { BufferLimit: { Ref: 'AppMemory' } },
  { BufferMemory: 16 },
  { BufferMemory: 32, AverageLogLineBytes: 512 },
  { BufferLimit: 2048, AverageLogLineBytes: 4096 },
  { AverageLogLineBytes: 1024 },
);

const BUFFER_KEYS = ['BufferLimit', 'BufferMemory'];

/**
 * The memory a routed container's buffer is counted at, in MiB: lines × its line size, never below 2048 bytes
 * (the macro's count, the most the rules over its output may count). A buffer limit that is a Ref counts as
 * 32 MiB (neither can read it); an Fn::If as its larger branch.
 */
const bufferMiBOf = (own: JsonObject | undefined, task: JsonObject | undefined): number => {
  const source = own !== undefined && BUFFER_KEYS.some((k) => k in own) ? own : task;
  const lineBytes = integerOf(own?.['AverageLogLineBytes'] ?? task?.['AverageLogLineBytes']) ?? 2048;
  const countedBytes = Math.max(lineBytes, 2048);
  const memory = integerOf(source?.['BufferMemory']);
  if (memory !== undefined) {
    return (Math.floor((memory * MIB) / lineBytes) * countedBytes) / MIB;
  }
  const limit = source?.['BufferLimit'];
  if (limit === undefined) {
    return 0;
  }
  const branches = isObject(limit) && Array.isArray(limit['Fn::If']) ? limit['Fn::If'].slice(1) : [limit];
  const lines = Math.max(...branches.map((b) => integerOf(b) ?? (32 * MIB) / countedBytes));
  return (lines * countedBytes) / MIB;
};

const pattern: fc.Arbitrary<Json> = fc.constantFrom<Json>('^(?!.*health)', 'ERROR|WARN', '\\bDEBUG\\b', IF_PROD('^INFO', '.*'));

// ---------------------------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------------------------

interface OverrideChoice {
  readonly destination: Described<JsonObject> | undefined;
  readonly buffer: JsonObject | undefined;
  readonly includePattern: Json | undefined;
  readonly excludePattern: Json | undefined;
}

type Logging =
  | { readonly kind: 'task' }
  | { readonly kind: 'own-awslogs' }
  | { readonly kind: 'opt-out' }
  | { readonly kind: 'override'; readonly override: OverrideChoice };

interface AppChoice {
  readonly image: Json;
  readonly essential: boolean | undefined;
  readonly memory: { readonly key: 'Memory' | 'MemoryReservation'; readonly value: Json } | undefined;
  readonly cpu: number | undefined;
  readonly port: number | undefined;
  readonly environment: Json | undefined;
  readonly secrets: boolean;
  readonly stopTimeout: Json | undefined;
  readonly dependsOnPrevious: boolean;
  readonly healthCheck: boolean;
  readonly logging: Logging;
}

const overrideChoice = (destination: fc.Arbitrary<Described<JsonObject>>): fc.Arbitrary<OverrideChoice> =>
  fc.record({
    destination: optional(destination),
    buffer: optional(buffer),
    includePattern: optional(pattern, 4),
    excludePattern: optional(pattern, 4),
  });

const appChoice = (destination: fc.Arbitrary<Described<JsonObject>>): fc.Arbitrary<AppChoice> =>
  fc.record({
    image: fc.constantFrom<Json>(
      'public.ecr.aws/nginx/nginx:1.27',
      'public.ecr.aws/docker/library/python:3.12-slim',
      '111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:4.2.0',
      { Ref: 'AppImage' },
      { 'Fn::Sub': '${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:latest' },
      'busybox:1.36',
    ),
    essential: optional(fc.boolean()),
    memory: optional(
      fc.record({
        key: fc.constantFrom<'Memory' | 'MemoryReservation'>('Memory', 'MemoryReservation'),
        value: fc.constantFrom<Json>(64, 128, 256, { Ref: 'AppMemory' }),
      }),
    ),
    cpu: optional(fc.constantFrom(0, 64, 128)),
    port: optional(fc.constantFrom(80, 443, 8080, 9000)),
    environment: optional(
      fc.constantFrom<Json>(
        [{ Name: 'STAGE', Value: { Ref: 'Stage' } }],
        [
          { Name: 'LOG_LEVEL', Value: 'info' },
          { Name: 'BUCKET', Value: { 'Fn::GetAtt': ['LogBucket', 'Arn'] } },
        ],
        IF_PROD([{ Name: 'MODE', Value: 'prod' }], { Ref: 'AWS::NoValue' }),
        [{ Name: 'REGION', Value: { 'Fn::FindInMap': ['RegionSettings', { Ref: 'AWS::Region' }, 'Tier'] } }],
      ),
    ),
    secrets: fc.boolean(),
    stopTimeout: optional(fc.constantFrom<Json>(10, 45, 90, 120, { Ref: 'StopSeconds' }), 3),
    dependsOnPrevious: fc.boolean(),
    healthCheck: fc.boolean(),
    logging: fc.oneof(
      { weight: 5, arbitrary: fc.constant<Logging>({ kind: 'task' }) },
      { weight: 1, arbitrary: fc.constant<Logging>({ kind: 'own-awslogs' }) },
      { weight: 1, arbitrary: fc.constant<Logging>({ kind: 'opt-out' }) },
      { weight: 2, arbitrary: overrideChoice(destination).map((override): Logging => ({ kind: 'override', override })) },
    ),
  });

// ---------------------------------------------------------------------------------------------
// Routers
// ---------------------------------------------------------------------------------------------

interface RouterChoice {
  readonly type: 'fluentbit' | 'fluentd';
  readonly image: 'default' | 'tag' | 'custom' | 'param';
  readonly imageTag: string;
  readonly name: string | undefined;
  readonly memoryReservation: Json | undefined;
  readonly memory: Json | undefined;
  readonly cpu: Json | undefined;
  readonly enableEcsLogMetadata: boolean | undefined;
  readonly configFile: 'none' | 'file' | 's3' | 'file-intrinsic' | 's3-intrinsic';
  readonly logGroup: Json | undefined;
  readonly logRetentionInDays: number | undefined;
  readonly environment: Json | undefined;
  readonly secrets: Json | undefined;
  readonly healthCheck: boolean | undefined;
  readonly stopTimeout: number | undefined;
  readonly extras: RouterExtrasChoice;
}

/** The router settings of issue #15: config files through the init image, presets, container settings. */
interface RouterExtrasChoice {
  readonly configFiles: 'none' | 'mixed' | 'ref-typed';
  readonly presets: readonly string[] | undefined;
  readonly healthCheckObject: boolean;
  readonly essential: boolean | undefined;
  readonly user: string | undefined;
  readonly dependsOn: boolean;
  readonly mountPoints: boolean;
  readonly portMappings: boolean;
  readonly readonlyRootFilesystem: boolean | undefined;
}

const routerExtrasChoice: fc.Arbitrary<RouterExtrasChoice> = fc.record({
  configFiles: fc.constantFrom<RouterExtrasChoice['configFiles']>('none', 'none', 'none', 'mixed', 'ref-typed'),
  presets: optional(fc.constantFrom<readonly string[]>(['parse-json'], ['minimize-log-loss'], ['parse-json', 'minimize-log-loss']), 3),
  healthCheckObject: fc.boolean(),
  essential: optional(fc.boolean(), 3),
  user: optional(fc.constantFrom('0', '1000:1000'), 3),
  dependsOn: fc.boolean(),
  mountPoints: fc.boolean(),
  portMappings: fc.boolean(),
  readonlyRootFilesystem: optional(fc.boolean(), 3),
});

const routerChoice: fc.Arbitrary<RouterChoice> = fc.record({
  type: fc.constantFrom<'fluentbit' | 'fluentd'>('fluentbit', 'fluentbit', 'fluentbit', 'fluentbit', 'fluentd'),
  image: fc.constantFrom<RouterChoice['image']>('default', 'default', 'tag', 'custom', 'param'),
  imageTag: fc.constantFrom('2.32.5', '2.34.3.20260623', '3.0.0', 'stable'),
  name: optional(fc.constantFrom('log_router', 'fluentbit', 'firelens-router', 'router_1')),
  memoryReservation: optional(fc.constantFrom<Json>(32, 50, 64, 128, IF_PROD(128, 64))),
  memory: optional(fc.constantFrom<Json>(64, 128, 256), 3),
  cpu: optional(fc.constantFrom<Json>(0, 32, 64, { Ref: 'AWS::NoValue' }), 3),
  enableEcsLogMetadata: optional(fc.boolean()),
  configFile: fc.constantFrom<RouterChoice['configFile']>('none', 'none', 'none', 'file', 's3', 'file-intrinsic', 's3-intrinsic'),
  logGroup: optional(
    fc.constantFrom<Json>(
      '/ecs/log-routers',
      { Ref: 'RouterLogs' },
      false,
      { 'Fn::Sub': '/ecs/${AWS::StackName}/router' },
      { Ref: 'LogGroupParam' },
    ),
  ),
  logRetentionInDays: optional(logRetention),
  environment: optional(
    fc.constantFrom<Json>(
      [{ Name: 'FLB_LOG_LEVEL', Value: 'debug' }],
      [{ Name: 'STAGE', Value: { Ref: 'Stage' } }],
      IF_PROD([{ Name: 'X', Value: '1' }], []),
    ),
    3,
  ),
  secrets: optional(
    secretArn.map((valueFrom): Json => [{ Name: 'ROUTER_TOKEN', ValueFrom: valueFrom }]),
    3,
  ),
  healthCheck: optional(fc.boolean()),
  stopTimeout: optional(fc.constantFrom(30, 60, 120), 3),
  extras: routerExtrasChoice,
});

interface ExistingRouterChoice {
  readonly type: 'fluentbit' | 'fluentd';
  readonly name: string;
  readonly memoryReservation: number;
  readonly metadata: string | undefined;
  readonly configFile: boolean;
  readonly logGroup: Json | undefined;
  readonly stopTimeout: number | undefined;
}

const existingRouterChoice: fc.Arbitrary<ExistingRouterChoice> = fc.record({
  type: fc.constantFrom<'fluentbit' | 'fluentd'>('fluentbit', 'fluentbit', 'fluentbit', 'fluentd'),
  name: fc.constantFrom('fluent-bit', 'log_router', 'firelens'),
  memoryReservation: fc.constantFrom(32, 50, 64),
  metadata: optional(fc.constantFrom('true', 'false')),
  configFile: fc.boolean(),
  logGroup: optional(fc.constantFrom<Json>({ Ref: 'RouterLogs' }, '/ecs/existing-router', { Ref: 'LogGroupParam' }), 3),
  stopTimeout: optional(fc.constantFrom(30, 60, 120), 3),
});

// ---------------------------------------------------------------------------------------------
// Task definitions
// ---------------------------------------------------------------------------------------------

type Platform = 'fargate' | 'fargate+ec2' | 'ec2-bridge' | 'ec2-default' | 'ec2-awsvpc' | 'ec2-host';
type RoleChoice = 'none' | 'getatt' | 'ref' | 'external' | 'param';

interface TaskChoice {
  readonly platform: Platform;
  readonly sizePick: number;
  readonly memoryStyle: 'literal' | 'gb' | 'intrinsic' | 'absent';
  readonly family: Json | undefined;
  readonly conditional: boolean;
  readonly metadata: boolean;
  readonly resourceDependsOn: 'none' | 'string' | 'list';
  readonly apps: readonly AppChoice[];
  readonly appNames: readonly string[];
  readonly existing: boolean;
  readonly writeRouter: boolean;
  readonly router: RouterChoice;
  readonly existingRouter: ExistingRouterChoice;
  readonly destination: Described<JsonObject>;
  readonly fluentdDestination: Described<JsonObject>;
  readonly buffer: JsonObject | undefined;
  readonly includePattern: Json | undefined;
  readonly excludePattern: Json | undefined;
  readonly explicitContainers: boolean;
  readonly secretsKmsKey: Json | undefined;
  readonly externalRolesGranted: boolean | undefined;
  /** Written either way: the valid templates hold no wildcard, so the flag changes nothing. */
  readonly allowWildcardResources: boolean | undefined;
  readonly taskRole: RoleChoice;
  readonly executionRole: RoleChoice;
  readonly runtimePlatform: boolean;
  readonly tags: boolean;
  readonly keyOrderSeed: number;
}

const taskChoice: fc.Arbitrary<TaskChoice> = fc.integer({ min: 1, max: 4 }).chain((count) =>
  fc.record({
    platform: fc.constantFrom<Platform>(
      'fargate',
      'fargate',
      'fargate',
      'fargate+ec2',
      'ec2-bridge',
      'ec2-default',
      'ec2-awsvpc',
      'ec2-host',
    ),
    sizePick: fc.nat({ max: 3 }),
    memoryStyle: fc.constantFrom<TaskChoice['memoryStyle']>('literal', 'literal', 'literal', 'gb', 'intrinsic', 'absent'),
    family: optional(fc.constantFrom<Json>('orders', 'web-app', { 'Fn::Sub': '${AWS::StackName}-task' })),
    conditional: fc.boolean(),
    metadata: fc.boolean(),
    resourceDependsOn: fc.constantFrom<TaskChoice['resourceDependsOn']>('none', 'none', 'string', 'list'),
    apps: fc.array(appChoice(anyDestination), { minLength: count, maxLength: count }),
    appNames: fc.shuffledSubarray([...APP_NAMES], { minLength: count, maxLength: count }),
    existing: fc.constant(false), // drawn in weightedTaskChoice
    writeRouter: fc.boolean(),
    router: routerChoice,
    existingRouter: existingRouterChoice,
    destination: anyDestination,
    fluentdDestination,
    buffer: optional(buffer),
    includePattern: optional(pattern, 4),
    excludePattern: optional(pattern, 4),
    explicitContainers: fc.boolean(),
    secretsKmsKey: optional(
      fc.constantFrom<Json>(
        'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
        { 'Fn::GetAtt': ['LogsKey', 'Arn'] },
        { Ref: 'KmsKeyArn' },
      ),
      4,
    ),
    externalRolesGranted: optional(fc.boolean(), 4),
    allowWildcardResources: optional(fc.boolean(), 4),
    taskRole: fc.constantFrom<RoleChoice>('none', 'none', 'getatt', 'ref', 'external', 'param'),
    executionRole: fc.constantFrom<RoleChoice>('none', 'none', 'getatt', 'ref', 'external', 'param'),
    runtimePlatform: fc.boolean(),
    tags: fc.boolean(),
    keyOrderSeed: fc.nat({ max: 5 }),
  }),
);

/** A task-level choice with the existing-router shape drawn one time in four. */
const weightedTaskChoice: fc.Arbitrary<TaskChoice> = fc
  .tuple(taskChoice, fc.nat({ max: 3 }))
  .map(([choice, roll]) => ({ ...choice, existing: roll === 0 }));

const isFargate = (platform: Platform): boolean => platform === 'fargate' || platform === 'fargate+ec2';

const integerOf = (value: Json | undefined): number | undefined =>
  typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;

/** An integer, or the largest integer branch of an Fn::If. */
const largestBranch = (value: Json | undefined): number | undefined =>
  isObject(value) && Array.isArray(value['Fn::If'])
    ? Math.max(...value['Fn::If'].slice(1).map((branch) => integerOf(branch) ?? 0))
    : integerOf(value);

/** What one built task needs from the template around it, and how it reads in a shape description. */
interface BuiltTask {
  readonly resource: JsonObject;
  readonly label: string;
}

interface RouterExtrasContext {
  readonly fluentd: boolean;
  readonly defaultImage: boolean;
  readonly fargate: boolean;
  readonly configFile: RouterChoice['configFile'];
  /** The application containers written so far (the router's DependsOn may name one that is not routed). */
  readonly containers: readonly JsonObject[];
  readonly hostMode: boolean;
}

/**
 * The #15 router settings, kept valid: config files and presets only for a fluentbit router, and only where
 * the init image they may need is possible (the default image); no read-only root with the init image; a
 * DependsOn only on an opted-out container that waits for nothing; port 2020 (never 24224).
 */
const routerExtras = (r: RouterChoice, ctx: RouterExtrasContext): { fields: JsonObject; init: boolean; flushSeconds: number } => {
  const x = r.extras;
  const fields: JsonObject = {};
  const single = ctx.configFile !== 'none' ? 1 : 0;
  const listed = !ctx.fluentd && ctx.defaultImage && single === 0 && x.configFiles !== 'none';
  if (listed) {
    fields['ConfigFiles'] =
      x.configFiles === 'mixed'
        ? [
            '/fluent-bit/configs/plugin-metrics-parser.conf',
            'arn:aws:s3:::acme-logging-config/fluent-bit/extra.conf',
            { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::acme-${AWS::Region}/fluent-bit/outputs.conf' },
          ]
        : [{ Ref: 'ConfigObjectArn' }];
    if (x.configFiles === 'ref-typed') {
      fields['ConfigFilesType'] = 's3';
    }
  }
  const presets = ctx.fluentd ? [] : (x.presets ?? []);
  const wantsHealthCheck = !ctx.fluentd && r.healthCheck === true;
  const files = presets.length + (wantsHealthCheck ? 1 : 0) + single + (listed ? 1 : 0);
  const needsInit = listed || files > 1 || (ctx.fargate && ctx.configFile.startsWith('s3'));
  const keepFiles = !needsInit || ctx.defaultImage;
  if (keepFiles && presets.length > 0) {
    fields['Presets'] = [...presets];
  }
  const healthCheck = keepFiles && wantsHealthCheck;
  if (healthCheck) {
    fields['HealthCheck'] = x.healthCheckObject
      ? {
          Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/health || exit 1'],
          Interval: 15,
          Timeout: 3,
          Retries: 4,
          StartPeriod: 30,
        }
      : true;
  } else if (r.healthCheck === false) {
    fields['HealthCheck'] = false;
  }
  const init = keepFiles ? needsInit : ctx.fargate && ctx.configFile.startsWith('s3');
  Object.assign(fields, routerContainerSettings(x, ctx, init));
  const flushSeconds = (keepFiles && presets.length > 0) || healthCheck ? 35 : 0;
  return { fields, init, flushSeconds };
};

const routerContainerSettings = (x: RouterExtrasChoice, ctx: RouterExtrasContext, init: boolean): JsonObject => {
  const fields: JsonObject = {};
  if (x.essential !== undefined) {
    fields['Essential'] = x.essential;
  }
  if (x.user !== undefined) {
    fields['User'] = x.user;
  }
  const waitFor = ctx.containers.find((c) => c['FireLens'] === false && c['DependsOn'] === undefined);
  if (x.dependsOn && typeof waitFor?.['Name'] === 'string') {
    fields['DependsOn'] = [{ ContainerName: waitFor['Name'], Condition: 'START' }];
  }
  if (x.mountPoints) {
    fields['MountPoints'] = [{ SourceVolume: 'flb-state', ContainerPath: '/var/fluent-bit/state', ReadOnly: false }];
  }
  if (x.portMappings) {
    fields['PortMappings'] = [
      { ContainerPort: 2020, ...(ctx.hostMode ? { HostPort: 2020 } : {}), Protocol: 'tcp', Name: 'fluent-bit-http', AppProtocol: 'http' },
    ];
  }
  if (x.readonlyRootFilesystem === false || (x.readonlyRootFilesystem === true && !init)) {
    fields['ReadonlyRootFilesystem'] = x.readonlyRootFilesystem;
  }
  return fields;
};

const buildTask = (logicalId: string, choice: TaskChoice, supportIds: readonly string[]): BuiltTask => {
  const fargate = isFargate(choice.platform);
  const existing = choice.existing ? choice.existingRouter : undefined;
  const routerType = existing?.type ?? choice.router.type;
  const taskDestination = routerType === 'fluentd' ? choice.fluentdDestination : choice.destination;

  // Containers, with the routing each one gets.
  const containers: JsonObject[] = [];
  const routedNames: string[] = [];
  const routedBuffers: number[] = [];
  const routedStopTimeouts: Json[] = [];
  const taskBuffer = choice.buffer;
  choice.apps.forEach((app, i) => {
    const name = choice.appNames[i] ?? `app${String(i)}`;
    const container: JsonObject = { Name: name, Image: app.image };
    if (app.essential !== undefined) {
      container['Essential'] = app.essential;
    }
    if (app.cpu !== undefined) {
      container['Cpu'] = app.cpu;
    }
    if (app.memory !== undefined) {
      container[app.memory.key] = app.memory.value;
    } else if (!fargate && choice.memoryStyle === 'absent') {
      container['Memory'] = 128; // EC2 needs memory at task or container level
    }
    if (app.port !== undefined) {
      container['PortMappings'] = [
        choice.platform === 'ec2-bridge' || choice.platform === 'ec2-default'
          ? { ContainerPort: app.port, HostPort: 0, Protocol: 'tcp' }
          : { ContainerPort: app.port, Protocol: 'tcp' },
      ];
    }
    if (app.environment !== undefined) {
      container['Environment'] = app.environment;
    }
    if (app.secrets) {
      container['Secrets'] = [
        { Name: 'DB_PASSWORD', ValueFrom: { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/db' } },
      ];
    }
    if (app.stopTimeout !== undefined) {
      container['StopTimeout'] = app.stopTimeout;
    }
    const previous = i > 0 ? choice.appNames[i - 1] : undefined;
    if (app.dependsOnPrevious && previous !== undefined) {
      container['DependsOn'] = [{ ContainerName: previous, Condition: 'START' }];
    }
    if (app.healthCheck) {
      container['HealthCheck'] = { Command: ['CMD-SHELL', 'exit 0'], Interval: 30, Retries: 3 };
    }
    let logging = app.logging;
    if (logging.kind === 'override' && routerType === 'fluentd' && logging.override.destination !== undefined) {
      logging = { kind: 'override', override: { ...logging.override, destination: choice.fluentdDestination } };
    }
    switch (logging.kind) {
      case 'own-awslogs':
        container['LogConfiguration'] = {
          LogDriver: 'awslogs',
          Options: { 'awslogs-group': { Ref: 'AppLogs' }, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': name },
        };
        break;
      case 'opt-out':
        container['FireLens'] = false;
        break;
      case 'override': {
        const o = logging.override;
        container['FireLens'] = dropUndefined({
          Destination: o.destination?.json,
          ...o.buffer,
          IncludePattern: o.includePattern,
          ExcludePattern: o.excludePattern,
        });
        break;
      }
      case 'task':
        break;
    }
    containers.push(container);
  });

  // Which app containers are routed: without Containers, every one without its own logging that does not
  // opt out; with Containers, the listed ones (never one with its own LogConfiguration).
  const candidates = choice.apps.flatMap((app, i) => (app.logging.kind === 'task' || app.logging.kind === 'override' ? [i] : []));
  if (candidates.length === 0) {
    // Nothing would be routed: the first app logs through FireLens after all.
    const first = containers[0];
    if (first !== undefined) {
      delete first['LogConfiguration'];
      delete first['FireLens'];
    }
    candidates.push(0);
  }
  const listed = choice.explicitContainers ? candidates.filter((_, k) => k % 2 === 0 || candidates.length === 1) : undefined;
  const routed = listed ?? candidates;
  // Settings on a container that Containers leaves out would have no effect, and the macro refuses them.
  for (const i of candidates.filter((c) => !routed.includes(c))) {
    if (isObject(containers[i]?.['FireLens'])) {
      delete containers[i]['FireLens'];
    }
  }
  for (const i of routed) {
    const container = containers[i];
    const name = choice.appNames[i] ?? '';
    routedNames.push(name);
    const override = isObject(container?.['FireLens']) ? container['FireLens'] : undefined;
    routedBuffers.push(bufferMiBOf(override, taskBuffer));
    const stop = container?.['StopTimeout'];
    if (stop !== undefined) {
      routedStopTimeouts.push(stop);
    }
  }

  // The router: one the user wrote (reused), or the macro's.
  const fireLens: JsonObject = { Destination: taskDestination.json };
  let routerMemory: number;
  let routerLabel: string;
  let routerVolume = false;
  const stopCap = fargate ? 120 : Number.POSITIVE_INFINITY;
  const longestRoutedStop = Math.max(0, ...routedStopTimeouts.map((s) => integerOf(s) ?? 120));
  if (existing !== undefined) {
    const firelensOptions: JsonObject = {};
    if (existing.metadata !== undefined) {
      firelensOptions['enable-ecs-log-metadata'] = existing.metadata;
    }
    if (existing.configFile && existing.type === 'fluentbit') {
      firelensOptions['config-file-type'] = 'file';
      firelensOptions['config-file-value'] = '/fluent-bit/etc/extra.conf';
    }
    const router: JsonObject = {
      Name: existing.name,
      Image:
        existing.type === 'fluentd'
          ? 'public.ecr.aws/aws-observability/fluentd:v1.16-1'
          : 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.5',
      Essential: true,
      MemoryReservation: existing.memoryReservation,
      FirelensConfiguration:
        Object.keys(firelensOptions).length > 0 ? { Type: existing.type, Options: firelensOptions } : { Type: existing.type },
    };
    if (existing.logGroup !== undefined) {
      router['LogConfiguration'] = {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': existing.logGroup, 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'router' },
      };
    }
    // On EC2 a routed StopTimeout given by an intrinsic needs an explicit one on the router.
    const unknownRoutedStop = routedStopTimeouts.some((s) => integerOf(s) === undefined);
    const stopTimeout = existing.stopTimeout ?? (unknownRoutedStop && !fargate ? 120 : undefined);
    if (stopTimeout !== undefined) {
      router['StopTimeout'] = Math.min(stopCap, Math.max(stopTimeout, longestRoutedStop));
    }
    containers.splice(existing.name.length % 2 === 0 ? 0 : containers.length, 0, router);
    routerMemory = existing.memoryReservation;
    routerLabel = `existing ${existing.type} router`;
  } else {
    const r = choice.router;
    const router: JsonObject = {};
    const fluentd = r.type === 'fluentd';
    if (fluentd) {
      router['Type'] = 'fluentd';
      router['Image'] = r.image === 'param' ? { Ref: 'RouterImage' } : 'public.ecr.aws/aws-observability/fluentd:v1.16-1';
    } else {
      if (choice.keyOrderSeed === 1) {
        router['Type'] = 'fluentbit';
      }
      if (r.image === 'tag') {
        router['ImageTag'] = r.imageTag;
      } else if (r.image === 'custom') {
        router['Image'] = '111122223333.dkr.ecr.eu-west-1.amazonaws.com/custom-fluent-bit:1.4';
      } else if (r.image === 'param') {
        router['Image'] = { Ref: 'RouterImage' };
      }
    }
    if (r.name !== undefined) {
      router['Name'] = r.name;
    }
    if (r.memoryReservation !== undefined) {
      router['MemoryReservation'] = r.memoryReservation;
    }
    if (r.memory !== undefined) {
      router['Memory'] = r.memory;
      if (r.memoryReservation !== undefined && (largestBranch(r.memoryReservation) ?? 0) >= (integerOf(r.memory) ?? 0)) {
        delete router['MemoryReservation']; // ECS wants the soft limit below the hard one, in every branch
      }
    }
    if (r.cpu !== undefined) {
      router['Cpu'] = r.cpu;
    }
    if (r.enableEcsLogMetadata !== undefined) {
      router['EnableEcsLogMetadata'] = r.enableEcsLogMetadata;
    }
    const defaultImage = router['Image'] === undefined;
    const configFile = !fluentd && !(r.configFile.startsWith('s3') && fargate && !defaultImage) ? r.configFile : 'none';
    switch (configFile) {
      case 'file':
        router['ConfigFile'] = '/fluent-bit/configs/parse-json.conf';
        break;
      case 's3':
        router['ConfigFile'] = 'arn:aws:s3:::acme-logging-config/fluent-bit/extra.conf';
        break;
      case 'file-intrinsic':
        router['ConfigFile'] = { 'Fn::Sub': '/fluent-bit/configs/${Stage}.conf' };
        router['ConfigFileType'] = 'file';
        break;
      case 's3-intrinsic':
        router['ConfigFile'] = { Ref: 'ConfigObjectArn' };
        router['ConfigFileType'] = 's3';
        break;
      case 'none':
        break;
    }
    if (r.logGroup !== undefined) {
      router['LogGroup'] = r.logGroup;
    }
    if (r.logRetentionInDays !== undefined && r.logGroup === undefined) {
      router['LogRetentionInDays'] = r.logRetentionInDays;
    }
    const extras = routerExtras(r, { fluentd, defaultImage, fargate, configFile, containers, hostMode: choice.platform === 'ec2-host' });
    Object.assign(router, extras.fields);
    routerVolume = extras.fields['MountPoints'] !== undefined;
    const initEnvironment = extras.init;
    if (r.environment !== undefined && !(initEnvironment && !Array.isArray(r.environment))) {
      router['Environment'] = r.environment;
    }
    if (r.secrets !== undefined) {
      router['Secrets'] = r.secrets;
    }

    const unknownRoutedStop = routedStopTimeouts.some((s) => integerOf(s) === undefined);
    const stopTimeout = r.stopTimeout ?? (unknownRoutedStop && !fargate ? 90 : undefined);
    if (stopTimeout !== undefined) {
      router['StopTimeout'] = Math.min(stopCap, Math.max(stopTimeout, longestRoutedStop, extras.flushSeconds));
    }
    if (choice.writeRouter || Object.keys(router).length > 0) {
      fireLens['Router'] = router;
    }
    // The rules count a container at its MemoryReservation, else its Memory, and judge each Fn::If branch:
    // the larger one must fit.
    const memoryValue = router['MemoryReservation'] ?? router['Memory'] ?? 50;
    routerMemory = largestBranch(memoryValue) ?? 0;
    routerLabel = `${fluentd ? 'fluentd' : 'fluentbit'} router${configFile === 'none' ? '' : ` +${configFile} config`}`;
  }

  Object.assign(fireLens, taskBuffer);
  if (choice.includePattern !== undefined) {
    fireLens['IncludePattern'] = choice.includePattern;
  }
  if (choice.excludePattern !== undefined) {
    fireLens['ExcludePattern'] = choice.excludePattern;
  }
  if (listed !== undefined) {
    fireLens['Containers'] = listed.map((i) => choice.appNames[i] ?? '');
  }
  if (choice.secretsKmsKey !== undefined) {
    fireLens['SecretsKmsKey'] = choice.secretsKmsKey;
  }
  const externalRole =
    choice.taskRole === 'external' ||
    choice.taskRole === 'param' ||
    choice.executionRole === 'external' ||
    choice.executionRole === 'param';
  if (externalRole) {
    fireLens['ExternalRolesGranted'] = true;
  } else if (choice.externalRolesGranted !== undefined) {
    fireLens['ExternalRolesGranted'] = choice.externalRolesGranted;
  }
  if (choice.allowWildcardResources !== undefined) {
    fireLens['AllowWildcardResources'] = choice.allowWildcardResources;
  }

  // Memory: the task's must exceed the containers' (router included) plus the buffers.
  const properties: Record<string, Json | undefined> = {};
  if (choice.family !== undefined) {
    properties['Family'] = choice.family;
  }
  const needMiB =
    containers.reduce(
      (sum, c) => sum + (integerOf(c['Memory'] ?? c['MemoryReservation']) ?? 0),
      existing === undefined ? routerMemory : 0,
    ) + Math.ceil(routedBuffers.reduce((sum, mib) => sum + mib, 0));
  const unknownMemory = containers.some(
    (c) => (c['Memory'] ?? c['MemoryReservation']) !== undefined && integerOf(c['Memory'] ?? c['MemoryReservation']) === undefined,
  );
  const budget = unknownMemory ? needMiB + 512 : needMiB;
  switch (choice.platform) {
    case 'fargate':
    case 'fargate+ec2': {
      properties['RequiresCompatibilities'] = choice.platform === 'fargate' ? ['FARGATE'] : ['EC2', 'FARGATE'];
      properties['NetworkMode'] = 'awsvpc';
      const fits = FARGATE_SIZES.filter(([, mib]) => mib > budget);
      const [cpu, mib] = fits[Math.min(choice.sizePick, fits.length - 1)] ?? ['4096', 30720];
      properties['Cpu'] = cpu;
      properties['Memory'] = taskMemory(choice.memoryStyle === 'absent' ? 'literal' : choice.memoryStyle, mib);
      break;
    }
    case 'ec2-awsvpc':
    case 'ec2-bridge':
    case 'ec2-default':
    case 'ec2-host': {
      properties['RequiresCompatibilities'] = choice.platform === 'ec2-default' ? undefined : ['EC2'];
      const mode = { 'ec2-bridge': 'bridge', 'ec2-default': undefined, 'ec2-awsvpc': 'awsvpc', 'ec2-host': 'host' }[choice.platform];
      if (mode !== undefined) {
        properties['NetworkMode'] = mode;
      }
      if (choice.memoryStyle !== 'absent') {
        const mib = [1024, 2048, 4096].find((m) => m > budget) ?? 8192;
        properties['Memory'] = taskMemory(choice.memoryStyle, mib);
      }
      break;
    }
  }
  if (properties['RequiresCompatibilities'] === undefined) {
    delete properties['RequiresCompatibilities'];
  }
  if (routerVolume) {
    properties['Volumes'] = [{ Name: 'flb-state' }];
  }
  if (choice.runtimePlatform && isFargate(choice.platform)) {
    properties['RuntimePlatform'] = { OperatingSystemFamily: 'LINUX', CpuArchitecture: choice.keyOrderSeed % 2 === 0 ? 'X86_64' : 'ARM64' };
  }
  if (choice.platform === 'ec2-host') {
    for (const c of containers) {
      const mappings = c['PortMappings'];
      if (Array.isArray(mappings)) {
        c['PortMappings'] = mappings.map((m) => (isObject(m) ? { ...m, HostPort: m['ContainerPort'] ?? null } : m));
      }
    }
  }
  {
    // Two containers of one task cannot listen on the same port (awsvpc, host).
    const seen = new Set<Json>();
    for (const c of containers) {
      const mappings = c['PortMappings'];
      const port = Array.isArray(mappings) && isObject(mappings[0]) ? mappings[0]['ContainerPort'] : undefined;
      if (port !== undefined && seen.has(port ?? null)) {
        delete c['PortMappings'];
      }
      seen.add(port ?? null);
    }
  }
  properties['ContainerDefinitions'] = containers;
  properties['TaskRoleArn'] = roleValue(choice.taskRole, 'SharedTaskRole', 'task');
  properties['ExecutionRoleArn'] = roleValue(choice.executionRole, 'SharedExecutionRole', 'execution');
  if (choice.tags) {
    properties['Tags'] = [
      { Key: 'stack', Value: { Ref: 'AWS::StackName' } },
      { Key: 'owner', Value: 'logs' },
    ];
  }
  properties['FireLens'] = fireLens;
  const ordered = reorder(dropUndefined(properties), choice.keyOrderSeed);

  const resource: JsonObject = { Type: 'AWS::ECS::TaskDefinition' };
  if (choice.conditional) {
    resource['Condition'] = 'IsProd';
  }
  if (choice.metadata) {
    resource['Metadata'] = { Owner: 'platform-team', 'cfn-lint': { config: { ignore_checks: ['W3005'] } } };
  }
  const dependency = supportIds[0];
  if (choice.resourceDependsOn !== 'none' && dependency !== undefined) {
    resource['DependsOn'] = choice.resourceDependsOn === 'string' ? dependency : [dependency];
  }
  resource['Properties'] = ordered;
  const label = `${logicalId}: ${choice.platform}, ${String(containers.length)} containers (${String(routedNames.length)} routed), ${routerLabel}, ${taskDestination.label}${listed ? ', Containers' : ''}${choice.taskRole === 'none' ? '' : `, task role ${choice.taskRole}`}${choice.executionRole === 'none' ? '' : `, execution role ${choice.executionRole}`}${choice.conditional ? ', Condition' : ''}`;
  return { resource, label };
};

const taskMemory = (style: Exclude<TaskChoice['memoryStyle'], 'absent'>, mib: number): Json => {
  switch (style) {
    case 'literal':
      return String(mib);
    case 'gb':
      return mib % 1024 === 0 ? `${String(mib / 1024)} GB` : String(mib);
    case 'intrinsic':
      return IF_PROD(String(mib), String(mib));
  }
};

const roleValue = (choice: RoleChoice, roleId: string, kind: 'task' | 'execution'): Json | undefined => {
  switch (choice) {
    case 'none':
      return undefined;
    case 'getatt':
      return { 'Fn::GetAtt': [roleId, 'Arn'] };
    case 'ref':
      return { Ref: roleId };
    case 'external':
      return `arn:aws:iam::111122223333:role/shared-${kind}-role`;
    case 'param':
      return { Ref: 'ExternalRoleArn' };
  }
};

// ---------------------------------------------------------------------------------------------
// Unrelated resources, outputs, the template
// ---------------------------------------------------------------------------------------------

type Unrelated =
  'topic' | 'security-group' | 'service' | 'cluster' | 'function' | 'plain-task' | 'custom-resource' | 'managed-policy' | 'wait-handle';

const UNRELATED_KINDS: readonly Unrelated[] = [
  'topic',
  'security-group',
  'service',
  'cluster',
  'function',
  'plain-task',
  'custom-resource',
  'managed-policy',
  'wait-handle',
];

const unrelatedResources = (
  kinds: readonly Unrelated[],
  firstTask: { id: string; fargate: boolean; conditional: boolean } | undefined,
): Record<string, JsonObject> => {
  const out: Record<string, JsonObject> = {};
  for (const kind of kinds) {
    switch (kind) {
      case 'topic':
        out['AlarmTopic'] = {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: { 'Fn::Sub': '${AWS::StackName}-alarms' }, Tags: [{ Key: 'FireLens', Value: 'not-a-property' }] },
        };
        break;
      case 'security-group':
        out['ServiceSecurityGroup'] = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'HTTPS in',
            VpcId: { 'Fn::ImportValue': 'network-vpc-id' },
            SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }],
          },
        };
        break;
      case 'service':
        if (firstTask !== undefined) {
          out['AppService'] = {
            Type: 'AWS::ECS::Service',
            ...(firstTask.conditional ? { Condition: 'IsProd' } : {}),
            Properties: {
              Cluster: { 'Fn::ImportValue': 'ecs-cluster-name' },
              TaskDefinition: { Ref: firstTask.id },
              DesiredCount: 2,
              ...(firstTask.fargate
                ? {
                    LaunchType: 'FARGATE',
                    PlatformVersion: 'LATEST',
                    NetworkConfiguration: {
                      AwsvpcConfiguration: {
                        Subnets: { 'Fn::Split': [',', { 'Fn::ImportValue': 'private-subnets' }] },
                        SecurityGroups: [{ 'Fn::ImportValue': 'app-sg' }],
                      },
                    },
                  }
                : { LaunchType: 'EC2' }),
            },
          };
        }
        break;
      case 'cluster':
        out['Cluster'] = { Type: 'AWS::ECS::Cluster', Properties: { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] } };
        break;
      case 'function':
        out['Notifier'] = {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            Role: { 'Fn::ImportValue': 'lambda-role-arn' },
            Code: { ZipFile: "exports.handler = async () => 'ok';" },
            Environment: { Variables: { TOPIC: { 'Fn::Select': [0, [{ Ref: 'AWS::StackName' }, 'x']] } } },
          },
        };
        break;
      case 'plain-task':
        out['PlainTask'] = {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            RequiresCompatibilities: ['FARGATE'],
            NetworkMode: 'awsvpc',
            Cpu: '256',
            Memory: '512',
            ExecutionRoleArn: { 'Fn::ImportValue': 'execution-role-arn' },
            ContainerDefinitions: [
              {
                Name: 'cron',
                Image: 'public.ecr.aws/docker/library/alpine:3.20',
                LogConfiguration: {
                  LogDriver: 'awslogs',
                  Options: { 'awslogs-group': '/ecs/cron', 'awslogs-region': { Ref: 'AWS::Region' }, 'awslogs-stream-prefix': 'cron' },
                },
              },
            ],
          },
        };
        break;
      case 'custom-resource':
        out['Seed'] = {
          Type: 'Custom::Seed',
          Properties: {
            ServiceToken: { 'Fn::ImportValue': 'seed-function-arn' },
            FireLens: { Destination: 'untouched: not a task definition' },
          },
        };
        break;
      case 'managed-policy':
        out['ReadLogsPolicy'] = {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:GetLogEvents'], Resource: '*' }] },
          },
        };
        break;
      case 'wait-handle':
        out['Handle'] = { Type: 'AWS::CloudFormation::WaitConditionHandle' };
        break;
    }
  }
  return out;
};

type TransformChoice = 'single' | 'list' | 'with-sam' | 'after-language-extensions';

const transformValue = (choice: TransformChoice): Json => {
  switch (choice) {
    case 'single':
      return MACRO_NAME;
    case 'list':
      return [MACRO_NAME];
    case 'with-sam':
      return [MACRO_NAME, 'AWS::Serverless-2016-10-31'];
    case 'after-language-extensions':
      return ['AWS::LanguageExtensions', MACRO_NAME];
  }
};

interface TemplateChoice {
  readonly taskIds: readonly string[];
  readonly tasks: readonly TaskChoice[];
  readonly unrelated: readonly Unrelated[];
  readonly transform: TransformChoice;
  readonly formatVersion: boolean;
  readonly description: boolean;
  readonly outputs: boolean;
  readonly metadata: boolean;
  readonly mappings: boolean;
  readonly tasksFirst: boolean;
}

const templateChoice: fc.Arbitrary<TemplateChoice> = fc.integer({ min: 1, max: 3 }).chain((count) =>
  fc.record({
    taskIds: fc.uniqueArray(
      fc.oneof(
        fc.constantFrom(...TASK_IDS),
        fc
          .tuple(fc.constantFrom('Edge', 'Queue', 'Report', 'Ingest', 'X'), fc.nat({ max: 99 }))
          .map(([stem, n]) => `${stem}Td${String(n)}`),
      ),
      { minLength: count, maxLength: count },
    ),
    tasks: fc.array(weightedTaskChoice, { minLength: count, maxLength: count }),
    unrelated: fc.subarray([...UNRELATED_KINDS]),
    transform: fc.constantFrom<TransformChoice>('single', 'single', 'list', 'with-sam', 'after-language-extensions'),
    formatVersion: fc.boolean(),
    description: fc.boolean(),
    outputs: fc.boolean(),
    metadata: fc.boolean(),
    mappings: fc.boolean(),
    tasksFirst: fc.boolean(),
  }),
);

const buildTemplate = (choice: TemplateChoice): FireLensTemplateCase => {
  const resources: Record<string, JsonObject> = {};
  const first = choice.taskIds[0];
  const firstTask = choice.tasks[0];
  const unrelated = unrelatedResources(
    choice.unrelated.filter((u) => u !== 'service' || first !== undefined),
    first === undefined || firstTask === undefined
      ? undefined
      : { id: first, fargate: isFargate(firstTask.platform), conditional: firstTask.conditional },
  );
  if (choice.transform === 'with-sam') {
    unrelated['SamFunction'] = {
      Type: 'AWS::Serverless::Function',
      Properties: {
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        InlineCode: "exports.handler = async () => 'ok';",
        Events: { Tick: { Type: 'Schedule', Properties: { Schedule: 'rate(1 hour)' } } },
      },
    };
  }
  const dependencyIds = Object.keys(unrelated).filter((id) => id !== 'AppService');
  const labels: string[] = [];
  const tasks: Record<string, JsonObject> = {};
  choice.taskIds.forEach((id, i) => {
    const taskChoiceI = choice.tasks[i];
    if (taskChoiceI === undefined) {
      return;
    }
    const built = buildTask(id, taskChoiceI, dependencyIds);
    tasks[id] = built.resource;
    labels.push(built.label);
  });
  Object.assign(resources, choice.tasksFirst ? { ...tasks, ...unrelated } : { ...unrelated, ...tasks });

  const template: JsonObject = {};
  if (choice.formatVersion) {
    template['AWSTemplateFormatVersion'] = '2010-09-09';
  }
  if (choice.description) {
    template['Description'] = 'Generated FireLens template (property-based test)';
  }
  template['Transform'] = transformValue(choice.transform);
  if (choice.metadata) {
    template['Metadata'] = {
      'AWS::CloudFormation::Interface': { ParameterGroups: [] },
      'firelens-lint': { config: { ignore_checks: ['FL1501'] } },
    };
  }
  if (choice.mappings) {
    template['Mappings'] = { RegionSettings: { 'eu-west-1': { Tier: 'gold' }, 'us-east-1': { Tier: 'silver' } } };
  }
  template['Resources'] = resources;
  if (choice.outputs && first !== undefined) {
    template['Outputs'] = {
      TaskArn: {
        ...(firstTask?.conditional ? { Condition: 'IsProd' } : {}),
        Value: { Ref: first },
        Export: { Name: { 'Fn::Sub': '${AWS::StackName}-task' } },
      },
      Region: { Value: { 'Fn::Join': [':', [{ Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }]] } },
    };
  }
  addReferencedDefinitions(template);
  const fragment = withoutTransform(template);
  return {
    template,
    fragment,
    shape: `${labels.join('; ')}; unrelated: ${choice.unrelated.join(',') || 'none'}; Transform ${choice.transform}`,
    taskIds: choice.taskIds,
  };
};

/** The template minus its `Transform` section: the fragment of a template-level macro event. */
export const withoutTransform = (template: JsonObject): JsonObject => {
  const fragment: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key !== 'Transform') {
      fragment[key] = value;
    }
  }
  return fragment;
};

/** Adds the parameters, the IsProd condition, Mappings and support resources the generated values reference. */
const addReferencedDefinitions = (template: JsonObject): void => {
  const refs = new Set<string>();
  // Set inside walk(): fields, not `let`s, so the checker does not take them for constants after it.
  const uses = { isProd: false, mappings: false };
  const walk = (value: Json): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (!isObject(value)) {
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'Ref' && typeof child === 'string') {
        refs.add(child);
      } else if (key === 'Fn::GetAtt' && Array.isArray(child) && typeof child[0] === 'string') {
        refs.add(child[0]);
      } else if (key === 'Fn::If' && Array.isArray(child) && child[0] === 'IsProd') {
        uses.isProd = true;
      } else if (key === 'Condition' && child === 'IsProd') {
        uses.isProd = true;
      } else if (key === 'Fn::FindInMap') {
        uses.mappings = true;
      } else if (key === 'Fn::Sub' && typeof child === 'string') {
        for (const match of child.matchAll(/\$\{([A-Za-z0-9]+)\}/g)) {
          refs.add(match[1] ?? '');
        }
      }
      walk(child);
    }
  };
  // Support resources may reference others (Delivery → LogBucket): walk until nothing new is added.
  const resources = template['Resources'];
  if (!isObject(resources)) {
    return;
  }
  let added = true;
  while (added) {
    added = false;
    refs.clear();
    walk(template);
    for (const id of refs) {
      const support = SUPPORT_RESOURCES[id];
      if (support !== undefined && resources[id] === undefined) {
        resources[id] = structuredClone(support);
        added = true;
      }
    }
  }
  if (uses.isProd) {
    refs.add('Stage');
  }
  const parameters: JsonObject = {};
  for (const [name, definition] of Object.entries(PARAMETERS)) {
    if (refs.has(name)) {
      parameters[name] = structuredClone(definition);
    }
  }
  const ordered: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key === 'Resources') {
      if (Object.keys(parameters).length > 0) {
        ordered['Parameters'] = parameters;
      }
      if (uses.mappings && template['Mappings'] === undefined) {
        ordered['Mappings'] = { RegionSettings: { 'eu-west-1': { Tier: 'gold' }, 'us-east-1': { Tier: 'silver' } } };
      }
      if (uses.isProd) {
        ordered['Conditions'] = { IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] } };
      }
    }
    ordered[key] = value;
  }
  for (const key of Object.keys(template)) {
    delete template[key];
  }
  Object.assign(template, ordered);
};

const dropUndefined = (record: Readonly<Record<string, Json | undefined>>): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
};

/** Rotates the keys of an object, so key order varies (the macro must keep it). FireLens stays where it falls. */
const reorder = (object: JsonObject, seed: number): JsonObject => {
  const entries = Object.entries(object);
  const shift = entries.length === 0 ? 0 : seed % entries.length;
  return Object.fromEntries([...entries.slice(shift), ...entries.slice(0, shift)]);
};

/** Valid FireLens templates of every shape the property's definition and the README describe. */
export const fireLensTemplate = (): fc.Arbitrary<FireLensTemplateCase> => templateChoice.map(buildTemplate);

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

type Path = readonly (string | number)[];

/** Every path in a JSON value (the root excluded), depth first. */
const pathsOf = (value: Json, base: Path = []): Path[] => {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...base, i], ...pathsOf(item, [...base, i])]);
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => [[...base, key], ...pathsOf(child, [...base, key])]);
  }
  return [];
};

const getAt = (root: Json, path: Path): Json | undefined => {
  let current: Json | undefined = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') {
      current = current[segment];
    } else if (isObject(current) && typeof segment === 'string') {
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
};

const setAt = (root: Json, path: Path, value: Json | undefined): void => {
  const parent = getAt(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number') {
    if (value === undefined) {
      parent.splice(last, 1);
    } else {
      parent[last] = value;
    }
  } else if (isObject(parent) && typeof last === 'string') {
    if (value === undefined) {
      delete parent[last];
    } else {
      parent[last] = value;
    }
  }
};

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

const show = (path: Path): string => path.map(String).join('.');

/** Paths inside FireLens properties (task level and container level). */
const fireLensPaths = (template: JsonObject): Path[] => pathsOf(template).filter((p) => p.includes('FireLens') && p[0] === 'Resources');

const taskDefinitionIds = (template: JsonObject): string[] => {
  const resources = template['Resources'];
  return isObject(resources)
    ? Object.entries(resources).flatMap(([id, r]) => (isObject(r) && r['Type'] === 'AWS::ECS::TaskDefinition' ? [id] : []))
    : [];
};

const containerPaths = (template: JsonObject): Path[] =>
  taskDefinitionIds(template).flatMap((id) => {
    const containers = getAt(template, ['Resources', id, 'Properties', 'ContainerDefinitions']);
    return Array.isArray(containers) ? containers.map((_, i): Path => ['Resources', id, 'Properties', 'ContainerDefinitions', i]) : [];
  });

const randomIntrinsic = (n: number, value: Json): Json =>
  [
    { Ref: 'Stage' },
    { Ref: 'Undeclared' },
    IF_PROD(value, { Ref: 'AWS::NoValue' }),
    { 'Fn::Sub': 'x-${AWS::Region}' },
    { 'Fn::Foo': value },
    { 'Fn::ImportValue': 'elsewhere' },
    { 'Fn::GetAtt': ['Nowhere', 'Arn'] },
    { 'Fn::If': ['NoSuchCondition', value, value] },
    { 'Fn::Select': [0, [value]] },
    { Ref: ['not', 'a', 'string'] },
  ][n % 10] ?? null;

/** Values of other types than the one found, for "retype" mutations. */
const retyped = (n: number, value: Json | undefined): Json => {
  const candidates: Json[] = [
    'text',
    '',
    0,
    -1,
    2.5,
    536_870_912,
    true,
    false,
    null,
    [],
    ['a', 1],
    {},
    { Unexpected: 'key' },
    '24224',
    '   ',
    'arn:aws:s3:::bucket',
    '/abs/path',
    'x'.repeat(300),
  ];
  const different = candidates.filter((c) => typeof c !== typeof value || Array.isArray(c) !== Array.isArray(value));
  return pick(different, n) ?? null;
};

type Mutation = (template: JsonObject, n: number, junk: Json) => string | undefined;

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  dropFireLensField: (t, n) => {
    const path = pick(fireLensPaths(t), n);
    if (path === undefined) {
      return undefined;
    }
    setAt(t, path, undefined);
    return `drop ${show(path)}`;
  },
  duplicateFireLensField: (t, n) => {
    const path = pick(
      fireLensPaths(t).filter((p) => typeof p[p.length - 1] === 'string'),
      n,
    );
    if (path === undefined) {
      return undefined;
    }
    const key = String(path[path.length - 1]);
    const siblings = [
      'Destination',
      'Router',
      'BufferLimit',
      'Firehose',
      'Custom',
      'S3',
      'Containers',
      `${key}s`,
      key.toLowerCase(),
      key.slice(0, -1),
    ];
    const target = pick(siblings, Math.floor(n / 7)) ?? 'Copy';
    setAt(t, [...path.slice(0, -1), target], structuredClone(getAt(t, path) ?? null));
    return `copy ${show(path)} to ${target}`;
  },
  retypeFireLensField: (t, n) => {
    const path = pick(fireLensPaths(t), n);
    if (path === undefined) {
      return undefined;
    }
    const value = retyped(Math.floor(n / 3), getAt(t, path));
    setAt(t, path, value);
    return `retype ${show(path)} to ${JSON.stringify(value).slice(0, 40)}`;
  },
  intrinsicInFireLens: (t, n) => {
    const path = pick(fireLensPaths(t), n);
    if (path === undefined) {
      return undefined;
    }
    const value = randomIntrinsic(Math.floor(n / 5), getAt(t, path) ?? null);
    setAt(t, path, value);
    return `intrinsic ${Object.keys(isObject(value) ? value : {})[0] ?? ''} at ${show(path)}`;
  },
  intrinsicInTask: (t, n) => {
    const paths = taskDefinitionIds(t).flatMap((id) => pathsOf(getAt(t, ['Resources', id]) ?? null, ['Resources', id]));
    const path = pick(paths, n);
    if (path === undefined) {
      return undefined;
    }
    const value = randomIntrinsic(Math.floor(n / 3), getAt(t, path) ?? null);
    setAt(t, path, value);
    return `intrinsic at ${show(path)}`;
  },
  fnIfForListOrObject: (t, n) => {
    const paths = pathsOf(t).filter((p) => p[0] === 'Resources' && (Array.isArray(getAt(t, p)) || isObject(getAt(t, p))));
    const path = pick(paths, n);
    if (path === undefined) {
      return undefined;
    }
    const value = getAt(t, path) ?? null;
    setAt(t, path, IF_PROD(structuredClone(value), Array.isArray(value) ? [] : { Ref: 'AWS::NoValue' }));
    return `Fn::If around ${show(path)}`;
  },
  removeResource: (t, n) => {
    const resources = t['Resources'];
    if (!isObject(resources)) {
      return undefined;
    }
    const id = pick(Object.keys(resources), n);
    if (id === undefined) {
      return undefined;
    }
    delete resources[id];
    return `remove resource ${id}`;
  },
  collidingLogicalId: (t, n) => {
    const resources = t['Resources'];
    const task = pick(taskDefinitionIds(t), n);
    if (!isObject(resources) || task === undefined) {
      return undefined;
    }
    const suffix =
      pick(
        [
          'FireLensLogGroup',
          'FireLensRouterLogGroup',
          'FireLensTaskRole',
          'FireLensExecutionRole',
          'FireLensTaskPolicy',
          'FireLensExecutionPolicy',
          'FireLensLogGroup2',
        ],
        Math.floor(n / 3),
      ) ?? '';
    // Half the time the id is taken by a copy of the task itself, which the macro expands too.
    resources[`${task}${suffix}`] = n % 2 === 0 ? { Type: 'AWS::SNS::Topic' } : structuredClone(resources[task] ?? null);
    return `add colliding ${task}${suffix} (${n % 2 === 0 ? 'a topic' : `a copy of ${task}`})`;
  },
  changeLaunch: (t, n, junk) => {
    const task = pick(taskDefinitionIds(t), n);
    if (task === undefined) {
      return undefined;
    }
    const base = ['Resources', task, 'Properties'];
    const choice = Math.floor(n / 2) % 12;
    const edits: [string, Json | undefined][] = [
      ['RequiresCompatibilities', ['EC2']],
      ['RequiresCompatibilities', ['FARGATE']],
      ['RequiresCompatibilities', ['EXTERNAL']],
      ['RequiresCompatibilities', undefined],
      ['NetworkMode', 'bridge'],
      ['NetworkMode', 'host'],
      ['NetworkMode', 'none'],
      ['NetworkMode', undefined],
      ['Memory', pick<Json>(['128', '512', '0.5GB', '1 GiB', 64, '-1', 'lots', IF_PROD('512', '128')], Math.floor(n / 24)) ?? '128'],
      ['Memory', undefined],
      ['RuntimePlatform', { OperatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' }],
      ['Cpu', junk],
    ];
    const [key, value] = edits[choice] ?? ['NetworkMode', 'awsvpc'];
    setAt(t, [...base, key], value);
    return `${task}.${key} = ${value === undefined ? 'removed' : JSON.stringify(value)}`;
  },
  containerEdit: (t, n, junk) => {
    const path = pick(containerPaths(t), n);
    if (path === undefined) {
      return undefined;
    }
    const edits: [string, Json | undefined][] = [
      ['PortMappings', [{ ContainerPort: 24224 }]],
      ['PortMappings', [{ ContainerPort: 8080, HostPort: '24224' }]],
      [
        'LogConfiguration',
        { LogDriver: 'awslogs', Options: { 'awslogs-group': 'x', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'x' } },
      ],
      ['LogConfiguration', { LogDriver: 'awsfirelens', Options: { Name: 'cloudwatch_logs' } }],
      ['DependsOn', [{ ContainerName: 'log_router', Condition: 'COMPLETE' }]],
      ['DependsOn', { ContainerName: 'log_router', Condition: 'START' }],
      ['StopTimeout', 600],
      ['Name', undefined],
      ['Name', 'log_router'],
      ['FirelensConfiguration', { Type: 'fluentbit' }],
      ['FirelensConfiguration', { Type: 'logstash', Options: { 'enable-ecs-log-metadata': 'yes' } }],
      ['FireLens', { Destination: { Nowhere: {} } }],
      ['FireLens', true],
      ['Memory', 100_000],
      ['Essential', 'maybe'],
      ['Image', junk],
    ];
    const [key, value] = edits[Math.floor(n / 3) % edits.length] ?? ['Name', 'x'];
    setAt(t, [...path, key], value);
    return `container ${show(path)}.${key} = ${value === undefined ? 'removed' : JSON.stringify(value).slice(0, 40)}`;
  },
  nudgeInteger: (t, n) => {
    const path = pick(
      fireLensPaths(t).filter((p) => typeof getAt(t, p) === 'number'),
      n,
    );
    if (path === undefined) {
      return undefined;
    }
    const value = getAt(t, path);
    const current = typeof value === 'number' ? value : 0;
    const next = pick([current + 1, current - 1, 1, 2, 5, 13, 29, 121, 400, 3653, 1_048_576, 536_870_911], Math.floor(n / 7)) ?? 1;
    setAt(t, path, next);
    return `${show(path)}: ${String(current)} → ${String(next)}`;
  },
  numberAsString: (t, n) => {
    const path = pick(
      fireLensPaths(t).filter((p) => typeof getAt(t, p) === 'number'),
      n,
    );
    const number = path === undefined ? undefined : getAt(t, path);
    if (path === undefined || typeof number !== 'number') {
      return undefined;
    }
    const value = String(number);
    setAt(t, path, n % 4 === 0 ? ` ${value} ` : value);
    return `${show(path)} as the string "${value}"`;
  },
  duplicateContainer: (t, n) => {
    const path = pick(containerPaths(t), n);
    if (path === undefined) {
      return undefined;
    }
    const containers = getAt(t, path.slice(0, -1));
    const container = getAt(t, path);
    if (!Array.isArray(containers) || container === undefined) {
      return undefined;
    }
    const copy = structuredClone(container);
    if (n % 3 === 0 && isObject(copy)) {
      const name = copy['Name'];
      copy['Name'] = `${typeof name === 'object' && name !== null ? JSON.stringify(name) : String(name)}-copy`;
    }
    containers.splice(n % (containers.length + 1), 0, copy);
    return `duplicate container ${show(path)}${n % 3 === 0 ? ' (renamed)' : ''}`;
  },
  junkAnywhere: (t, n, junk) => {
    const path = pick(pathsOf(t), n);
    if (path === undefined) {
      return undefined;
    }
    setAt(t, path, junk);
    return `junk at ${show(path)}`;
  },
  addCrossResourceTrouble: (t, n) => {
    const resources = t['Resources'];
    const task = pick(taskDefinitionIds(t), n);
    if (!isObject(resources) || task === undefined) {
      return undefined;
    }
    switch (n % 3) {
      case 0:
        resources['OldService'] = {
          Type: 'AWS::ECS::Service',
          Properties: { TaskDefinition: { Ref: task }, LaunchType: 'FARGATE', PlatformVersion: '1.3.0' },
        };
        return `service on platform 1.3.0 for ${task}`;
      case 1:
        resources['OpenSg'] = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'forward',
            SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 24224, ToPort: 24224, CidrIp: '0.0.0.0/0' }],
          },
        };
        resources['OpenService'] = {
          Type: 'AWS::ECS::Service',
          Properties: {
            TaskDefinition: { Ref: task },
            NetworkConfiguration: { AwsvpcConfiguration: { Subnets: ['subnet-1'], SecurityGroups: [{ Ref: 'OpenSg' }] } },
          },
        };
        return `security group opening 24224 on ${task}'s service`;
      default:
        resources['LaunchTemplate'] = {
          Type: 'AWS::EC2::LaunchTemplate',
          Properties: { LaunchTemplateData: { ImageId: '{{resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id}}' } },
        };
        return 'bottlerocket launch template';
    }
  },
  breakStructure: (t, n, junk) => {
    const task = pick(taskDefinitionIds(t), n);
    const targets: Path[] = [
      ['Resources'],
      ...(task === undefined
        ? []
        : [
            ['Resources', task],
            ['Resources', task, 'Properties'],
            ['Resources', task, 'Properties', 'ContainerDefinitions'],
            ['Resources', task, 'Type'],
          ]),
    ];
    const path = pick(targets, Math.floor(n / 2)) ?? ['Resources'];
    setAt(t, path, junk);
    return `replace ${show(path)} with ${JSON.stringify(junk).slice(0, 30)}`;
  },
};

/** Every kind of mutation `mutatedTemplate()` applies (each applied one is reported as `<kind>: <what>`). */
export const MUTATION_KINDS: readonly string[] = Object.keys(MUTATIONS);

/** Mutations weighted towards the FireLens property, where most of the macro's reading happens. */
const WEIGHTED_NAMES = [
  ...MUTATION_KINDS,
  'nudgeInteger',
  'numberAsString',
  'dropFireLensField',
  'retypeFireLensField',
  'intrinsicInFireLens',
  'containerEdit',
  'changeLaunch',
  'intrinsicInTask',
];

const mutationStep = fc.record({
  name: fc.constantFrom(...WEIGHTED_NAMES),
  n: fc.nat({ max: 100_000 }),
  junk: fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Json>(null, '', 0, [], {}, { 'Fn::If': ['IsProd', [], {}] }, '{{resolve:ssm:/x}}', '__proto__'),
    },
  ),
});

/** Valid templates with one to three random mutations; some mutations leave the template valid. */
export const mutatedTemplate = (): fc.Arbitrary<MutatedTemplateCase> =>
  fc.tuple(fireLensTemplate(), fc.array(mutationStep, { minLength: 1, maxLength: 3 })).map(([valid, steps]) => {
    const template = structuredClone(valid.template);
    const applied: string[] = [];
    for (const step of steps) {
      const mutation = MUTATIONS[step.name];
      const done = mutation === undefined ? undefined : mutation(template, step.n, structuredClone(step.junk));
      if (done !== undefined) {
        applied.push(`${step.name}: ${done}`);
      }
    }
    // None applied (no FireLens left to drop, no container to edit, …): junk somewhere, which always applies.
    const first = steps[0];
    const fallback = MUTATIONS['junkAnywhere'];
    if (applied.length === 0 && first !== undefined && fallback !== undefined) {
      const done = fallback(template, first.n, structuredClone(first.junk));
      if (done !== undefined) {
        applied.push(`junkAnywhere: ${done}`);
      }
    }
    return { ...valid, template, fragment: withoutTransform(template), mutations: applied };
  });

// ---------------------------------------------------------------------------------------------
// Hostile names (#12): a `*` or `?` in a field that becomes an IAM resource
// ---------------------------------------------------------------------------------------------

/** A valid case with one IAM-resource field of its first task set to a hostile value, and the same with an exact one. */
export interface HostileNameCase {
  /** What the macro receives (the template without Transform), with the hostile value. */
  readonly fragment: JsonObject;
  readonly shape: string;
  /** The same template with an exact name in place of the hostile one. */
  readonly clean: JsonObject;
  /** Where the value was written: `['Resources', task, 'Properties', 'FireLens', …]`. */
  readonly path: Path;
}

const HOSTILE_TEXTS = ['*', 'logs-*', 'app-?', '*-prod', 'a*b?c', 'team/*'] as const;

/** How the hostile text is written: a literal, inside an Fn::Sub's text, one branch of an Fn::If, or a parameter's AllowedValues. */
type HostileForm = 'literal' | 'sub' | 'if' | 'parameter';

interface HostileSite {
  readonly label: string;
  /** The value as written in the field, from its text (a name or an ARN of it). */
  readonly wrap: (text: string) => string;
  /** Sets `value` in the task's FireLens property; returns the path under FireLens. */
  readonly set: (fireLens: JsonObject, value: Json) => Path;
}

const destinationSite = (label: string, wrap: (t: string) => string, build: (value: Json) => JsonObject, path: Path): HostileSite => ({
  label,
  wrap,
  set: (fireLens, value) => {
    fireLens['Destination'] = build(value);
    return ['Destination', ...path];
  },
});

const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:logs/api-key-AbCdEf';
const same = (text: string): string => text;

const HOSTILE_SITES: readonly HostileSite[] = [
  destinationSite('Firehose.DeliveryStreamName', same, (v) => ({ Firehose: { DeliveryStreamName: v } }), [
    'Firehose',
    'DeliveryStreamName',
  ]),
  destinationSite('KinesisStreams.StreamName', same, (v) => ({ KinesisStreams: { StreamName: v } }), ['KinesisStreams', 'StreamName']),
  destinationSite('S3.BucketName', same, (v) => ({ S3: { BucketName: v } }), ['S3', 'BucketName']),
  destinationSite(
    'S3.KeyFormat',
    (t) => `/app/${t}/`,
    (v) => ({ S3: { BucketName: 'exact-bucket', KeyFormat: v } }),
    ['S3', 'KeyFormat'],
  ),
  destinationSite(
    'CloudWatchLogs.LogGroupName',
    (t) => `/ecs/${t}`,
    (v) => ({ CloudWatchLogs: { LogGroupName: v } }),
    ['CloudWatchLogs', 'LogGroupName'],
  ),
  destinationSite('Firehose.Region', same, (v) => ({ Firehose: { DeliveryStreamName: 'exact', Region: v } }), ['Firehose', 'Region']),
  destinationSite(
    'Firehose.Options.delivery_stream',
    same,
    (v) => ({ Firehose: { DeliveryStreamName: 'exact', Options: { delivery_stream: v } } }),
    ['Firehose', 'Options', 'delivery_stream'],
  ),
  destinationSite(
    'Custom kinesis_streams stream',
    same,
    (v) => ({ Custom: { Name: 'kinesis_streams', Options: { region: 'eu-west-1', stream: v } } }),
    ['Custom', 'Options', 'stream'],
  ),
  destinationSite(
    'role_arn',
    (t) => `arn:aws:iam::111122223333:role/${t}`,
    (v) => ({ Firehose: { DeliveryStreamName: 'exact', Options: { role_arn: v } } }),
    ['Firehose', 'Options', 'role_arn'],
  ),
  destinationSite(
    'SecretOptions ValueFrom (secret ARN)',
    (t) => `arn:aws:secretsmanager:eu-west-1:111122223333:secret:${t}`,
    (v) => ({ Custom: { Name: 'datadog', SecretOptions: [{ Name: 'apikey', ValueFrom: v }] } }),
    ['Custom', 'SecretOptions', 0, 'ValueFrom'],
  ),
  destinationSite(
    'SecretOptions ValueFrom (SSM name)',
    (t) => `/logs/${t}`,
    (v) => ({ Custom: { Name: 'datadog', SecretOptions: [{ Name: 'apikey', ValueFrom: v }] } }),
    ['Custom', 'SecretOptions', 0, 'ValueFrom'],
  ),
  {
    label: 'SecretsKmsKey',
    wrap: (t) => `arn:aws:kms:eu-west-1:111122223333:key/${t}`,
    set: (fireLens, value) => {
      fireLens['Destination'] = { Custom: { Name: 'datadog', SecretOptions: [{ Name: 'apikey', ValueFrom: SECRET_ARN }] } };
      fireLens['SecretsKmsKey'] = value;
      return ['SecretsKmsKey'];
    },
  },
  {
    label: 'Router.ConfigFile',
    wrap: (t) => `arn:aws:s3:::${t}/fluent-bit.conf`,
    set: (fireLens, value) => {
      const router = isObject(fireLens['Router']) ? fireLens['Router'] : {};
      fireLens['Router'] = { ...router, ConfigFile: value, ConfigFileType: 's3' };
      return ['Router', 'ConfigFile'];
    },
  },
];

const hostileValue = (site: HostileSite, text: string, form: HostileForm, fragment: JsonObject): Json => {
  const written = site.wrap(text);
  switch (form) {
    case 'literal':
      return written;
    case 'sub':
      return { 'Fn::Sub': `${written}-\${AWS::StackName}` };
    case 'if':
      fragment['Conditions'] = {
        ...(isObject(fragment['Conditions']) ? fragment['Conditions'] : {}),
        HostileBranch: { 'Fn::Equals': ['a', 'b'] },
      };
      return { 'Fn::If': ['HostileBranch', site.wrap('exact-name'), written] };
    case 'parameter':
      fragment['Parameters'] = {
        ...(isObject(fragment['Parameters']) ? fragment['Parameters'] : {}),
        HostileName: { Type: 'String', AllowedValues: [site.wrap('exact-name'), written] },
      };
      return { Ref: 'HostileName' };
  }
};

/** `fragment` with the hostile (or exact) value set in its first task's FireLens property, and the path it was set at. */
const withValue = (
  base: FireLensTemplateCase,
  site: HostileSite,
  text: string,
  form: HostileForm,
): { fragment: JsonObject; path: Path } => {
  const fragment = structuredClone(base.fragment);
  const taskId = base.taskIds[0] ?? '';
  const resources = fragment['Resources'] as Record<string, JsonObject>;
  const properties = resources[taskId]?.['Properties'] as JsonObject;
  const fireLens = properties['FireLens'] as JsonObject;
  // The property is about the default: AllowWildcardResources would accept the wildcard (FL1604 reports it then).
  delete fireLens['AllowWildcardResources'];
  const value = hostileValue(site, text, form, fragment);
  return { fragment, path: ['Resources', taskId, 'Properties', 'FireLens', ...site.set(fireLens, value)] };
};

/** Valid templates with a hostile name in one field that becomes an IAM resource (test/unit/firelens/iam-walk.test.ts). */
export const hostileNameTemplate = (): fc.Arbitrary<HostileNameCase> =>
  fc
    .record({
      base: fireLensTemplate().filter((c) => c.taskIds.length > 0),
      site: fc.constantFrom(...HOSTILE_SITES),
      text: fc.constantFrom(...HOSTILE_TEXTS),
      form: fc.constantFrom<HostileForm>('literal', 'literal', 'sub', 'if', 'parameter'),
    })
    .map(({ base, site, text, form }) => {
      const hostile = withValue(base, site, text, form);
      return {
        fragment: hostile.fragment,
        clean: withValue(base, site, 'exact-name', form).fragment,
        path: hostile.path,
        shape: `${base.shape} + ${site.label} = ${form} ${text}`,
      };
    });
