/**
 * Every field whose value becomes an IAM resource, written with a wildcard: the macro must refuse each
 * one naming the field (unless AllowWildcardResources accepts it), in every form a value can take.
 * Shared by the expandFragment tests and the macro handler tests.
 */
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';

export interface WildcardCase {
  readonly name: string;
  /** The template, without the Transform section (what the macro receives). */
  readonly fragment: JsonObject;
  /** `Task.Properties.…: message start`, as the macro's error message lists it. */
  readonly problem: string;
  /** Refused even with AllowWildcardResources: true (a role to assume). */
  readonly always?: boolean;
}

interface TaskShape {
  readonly fireLens: string;
  readonly containers?: string;
  readonly fargate?: boolean;
  readonly extraProperties?: string;
  readonly parameters?: string;
}

/** A task definition with FireLens; `fireLens` is the YAML body under `FireLens:` (indented by 8). */
export const wildcardTemplate = (shape: TaskShape, allow = false): JsonObject =>
  loadTemplate(`${shape.parameters === undefined ? '' : `Parameters:\n${shape.parameters}\n`}Conditions:
  Prod: !Equals [!Ref 'AWS::StackName', prod]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
${shape.fargate === false ? '      NetworkMode: bridge\n      RequiresCompatibilities: [EC2]' : '      RequiresCompatibilities: [FARGATE]\n      NetworkMode: awsvpc\n      Cpu: 256\n      Memory: 512'}
${shape.extraProperties ?? ''}
      ContainerDefinitions:
${shape.containers ?? '        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}'}
      FireLens:
${allow ? '        AllowWildcardResources: true\n' : ''}${shape.fireLens}
`).template;

const firehose = (name: string, extra = ''): string => `        Destination: {Firehose: {DeliveryStreamName: ${name}${extra}}}`;
const secretOptions = (valueFrom: string): string =>
  `        Destination:\n          Custom:\n            Name: datadog\n            SecretOptions: [{Name: apikey, ValueFrom: '${valueFrom}'}]`;
const WIDE = 'contains a wildcard (* or ?); it would grant access';

const cases: readonly (Omit<WildcardCase, 'fragment'> & { readonly shape: TaskShape })[] = [
  {
    name: 'Firehose.DeliveryStreamName',
    shape: { fireLens: firehose("'logs-*'") },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: "logs-*" ${WIDE} to every matching Firehose delivery stream`,
  },
  {
    name: 'KinesisStreams.StreamName',
    shape: { fireLens: "        Destination: {KinesisStreams: {StreamName: 'app-?'}}" },
    problem: `Task.Properties.FireLens.Destination.KinesisStreams.StreamName: "app-?" ${WIDE} to every matching Kinesis data stream`,
  },
  {
    name: 'S3.BucketName',
    shape: { fireLens: "        Destination: {S3: {BucketName: 'logs-*'}}" },
    problem: `Task.Properties.FireLens.Destination.S3.BucketName: "logs-*" ${WIDE} to every matching S3 bucket and object`,
  },
  {
    name: 'S3.KeyFormat (before its strftime templating)',
    shape: { fireLens: "        Destination: {S3: {BucketName: logs, KeyFormat: '/*/%Y/%m'}}" },
    problem: `Task.Properties.FireLens.Destination.S3.KeyFormat: "/*/%Y/%m" ${WIDE}`,
  },
  {
    name: 'CloudWatchLogs.LogGroupName',
    shape: { fireLens: "        Destination: {CloudWatchLogs: {LogGroupName: '/ecs/*'}}" },
    problem: `Task.Properties.FireLens.Destination.CloudWatchLogs.LogGroupName: "/ecs/*" ${WIDE} to every matching log group`,
  },
  {
    name: 'Region',
    shape: { fireLens: firehose('app', ", Region: '*'") },
    problem: `Task.Properties.FireLens.Destination.Firehose.Region: "*" ${WIDE} in every matching region`,
  },
  {
    name: 'the raw option form (Firehose.Options.delivery_stream)',
    shape: { fireLens: firehose('app', ", Options: {delivery_stream: 'a*'}") },
    problem: `Task.Properties.FireLens.Destination.Firehose.Options.delivery_stream: "a*" ${WIDE}`,
  },
  {
    name: 'a Custom destination (any case of the option name)',
    shape: { fireLens: "        Destination: {Custom: {Name: kinesis_streams, Options: {region: eu-west-1, Stream: 'x*'}}}" },
    problem: `Task.Properties.FireLens.Destination.Custom.Options.Stream: "x*" ${WIDE} to every matching Kinesis data stream`,
  },
  {
    name: "role_arn: '*'",
    shape: { fireLens: firehose('app', ", Options: {role_arn: '*'}") },
    problem: `Task.Properties.FireLens.Destination.Firehose.Options.role_arn: "*" ${WIDE} to every matching IAM role: name the role to assume exactly`,
    always: true,
  },
  {
    name: 'a role ARN with a wildcard (Custom cloudwatch_logs role_arn)',
    shape: {
      fireLens:
        "        Destination: {Custom: {Name: cloudwatch_logs, Options: {region: eu-west-1, log_group_name: g, log_stream_prefix: app-, role_arn: 'arn:aws:iam::111122223333:role/log-*'}}}",
    },
    problem: `Task.Properties.FireLens.Destination.Custom.Options.role_arn: "arn:aws:iam::111122223333:role/log-*" ${WIDE} to every matching IAM role`,
    always: true,
  },
  {
    name: 'SecretsKmsKey',
    shape: {
      fireLens: `${secretOptions('arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-AbCdEf')}\n        SecretsKmsKey: 'arn:aws:kms:eu-west-1:111122223333:key/*'`,
    },
    problem: `Task.Properties.FireLens.SecretsKmsKey: "arn:aws:kms:eu-west-1:111122223333:key/*" ${WIDE} to every matching KMS key`,
  },
  {
    name: 'a secret ValueFrom (Secrets Manager ARN)',
    shape: { fireLens: secretOptions('arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-*') },
    problem: `Task.Properties.FireLens.Destination.Custom.SecretOptions[0].ValueFrom: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-*" ${WIDE} to every matching Secrets Manager secret`,
  },
  {
    name: 'a secret ValueFrom (SSM parameter name)',
    shape: { fireLens: secretOptions('/app/?') },
    problem: `Task.Properties.FireLens.Destination.Custom.SecretOptions[0].ValueFrom: "/app/?" ${WIDE} to every matching SSM parameter`,
  },
  {
    name: 'Router.Secrets',
    shape: {
      fireLens: `${firehose('app')}\n        Router: {Secrets: [{Name: TOKEN, ValueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/fb/*'}]}`,
    },
    problem: `Task.Properties.FireLens.Router.Secrets[0].ValueFrom: "arn:aws:ssm:eu-west-1:111122223333:parameter/fb/*" ${WIDE}`,
  },
  {
    name: "an app container's own Secrets (read by the execution role the macro creates)",
    shape: {
      fireLens: firehose('app'),
      containers:
        "        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27, Secrets: [{Name: A, ValueFrom: '/app/x'}, {Name: B, ValueFrom: '/app/*'}]}",
    },
    problem: `Task.Properties.ContainerDefinitions[0].Secrets[1].ValueFrom: "/app/*" ${WIDE} to every matching SSM parameter`,
  },
  {
    name: 'Router.ConfigFile (Fargate: the init image reads it with the task role)',
    shape: { fireLens: `${firehose('app')}\n        Router: {ConfigFile: 'arn:aws:s3:::*/*'}` },
    problem: `Task.Properties.FireLens.Router.ConfigFile: "arn:aws:s3:::*/*" ${WIDE} to every matching S3 bucket and object`,
  },
  {
    name: 'Router.ConfigFile (EC2: the execution role reads it)',
    shape: { fireLens: `${firehose('app')}\n        Router: {ConfigFile: 'arn:aws:s3:::conf/fluent-bit-?.conf'}`, fargate: false },
    problem: `Task.Properties.FireLens.Router.ConfigFile: "arn:aws:s3:::conf/fluent-bit-?.conf" ${WIDE}`,
  },
  {
    name: 'the awslogs group of a router the user wrote',
    shape: {
      fireLens: firehose('app'),
      containers: `        - Name: log_router
          Image: public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4
          FirelensConfiguration: {Type: fluentbit}
          LogConfiguration: {LogDriver: awslogs, Options: {awslogs-group: 'fb-*', awslogs-region: eu-west-1, awslogs-stream-prefix: fb}}
        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27}`,
    },
    problem: `Task.Properties.ContainerDefinitions[0].LogConfiguration.Options.awslogs-group: "fb-*" ${WIDE} to every matching log group`,
  },
  {
    name: 'an Fn::Sub whose literal text holds the wildcard',
    shape: { fireLens: firehose("!Sub 'logs-${AWS::StackName}-*'") },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: the Fn::Sub text "logs-\${AWS::StackName}-*" ${WIDE}`,
  },
  {
    name: 'a Ref to a parameter whose AllowedValues hold a wildcard',
    shape: {
      fireLens: firehose('!Ref Stream'),
      parameters: "  Stream: {Type: String, Default: app, AllowedValues: [app, 'app-*']}",
    },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: parameter Stream's AllowedValues entry "app-*" ${WIDE}`,
  },
  {
    name: 'a Ref to a parameter whose Default holds a wildcard',
    shape: { fireLens: firehose('!Ref Stream'), parameters: "  Stream: {Type: String, Default: 'app-*'}" },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: parameter Stream's Default "app-*" ${WIDE}`,
  },
  {
    name: 'a part of an Fn::Join',
    shape: { fireLens: firehose("!Join ['-', [!Ref 'AWS::StackName', '*']]") },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: "*" ${WIDE}`,
  },
  {
    name: 'a branch of an Fn::If',
    shape: { fireLens: firehose("!If [Prod, prod-logs, 'dev-*']") },
    problem: `Task.Properties.FireLens.Destination.Firehose.DeliveryStreamName: "dev-*" ${WIDE}`,
  },
  {
    name: "a container override's own destination",
    shape: {
      fireLens: firehose('app'),
      containers:
        "        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27, FireLens: {Destination: {Firehose: {DeliveryStreamName: 'audit-*'}}}}",
    },
    problem: `Task.Properties.ContainerDefinitions[0].FireLens.Destination.Firehose.DeliveryStreamName: "audit-*" ${WIDE}`,
  },
];

export const WILDCARD_CASES: readonly WildcardCase[] = cases.map(({ shape, ...c }) => ({ ...c, fragment: wildcardTemplate(shape) }));

/** The same cases with FireLens.AllowWildcardResources: true. */
export const ACCEPTED_WILDCARD_CASES: readonly WildcardCase[] = cases.map(({ shape, ...c }) => ({
  ...c,
  fragment: wildcardTemplate(shape, true),
}));

/** Values that only look wide, or that the macro cannot read: each expands as before. */
export const NOT_WRITTEN_WILDCARDS: readonly (readonly [string, JsonObject])[] = [
  ['run-time templating $(tag)', wildcardTemplate({ fireLens: firehose("'logs-$(tag)'") })],
  [
    'an environment variable ${ECS_TASK_ID}',
    wildcardTemplate({ fireLens: "        Destination: {CloudWatchLogs: {LogGroupName: '/ecs/${ECS_TASK_ID}'}}" }),
  ],
  ['strftime in an S3 key', wildcardTemplate({ fireLens: "        Destination: {S3: {BucketName: logs, KeyFormat: '/app/%Y/%m/$UUID'}}" })],
  [
    'a Ref to a parameter without Default or AllowedValues',
    wildcardTemplate({ fireLens: firehose('!Ref Stream'), parameters: '  Stream: {Type: String}' }),
  ],
  [
    'a Ref to a parameter with exact AllowedValues',
    wildcardTemplate({ fireLens: firehose('!Ref Stream'), parameters: '  Stream: {Type: String, AllowedValues: [a, b]}' }),
  ],
  ['an Fn::ImportValue', wildcardTemplate({ fireLens: firehose("!ImportValue 'shared-stream'") })],
  ['an Fn::Sub of variables only', wildcardTemplate({ fireLens: firehose("!Sub '${AWS::StackName}-logs'") })],
];
