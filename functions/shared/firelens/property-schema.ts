import { MAX_BUFFER_LIMIT_LINES } from '../template/task-memory';
import { FLUENT_FORWARD_PORT } from './constants';
import { PRESET_NAMES } from './presets';

/**
 * The one definition of the `FireLens` property. It drives validation (validate.ts) and the JSON
 * Schema published in schema/firelens.schema.json (json-schema.ts), so editors and the macro always
 * agree on what is accepted. Same idea as SAM's `property_types` table.
 */
export type FieldSpec =
  | {
      readonly kind: 'string';
      readonly description: string;
      readonly enum?: readonly string[];
      readonly pattern?: RegExp;
      readonly intrinsic?: boolean;
    }
  | {
      readonly kind: 'integer';
      readonly description: string;
      readonly minimum: number;
      readonly maximum: number;
      /** When set, only these values (within minimum..maximum) are accepted. */
      readonly enum?: readonly number[];
      readonly intrinsic?: boolean;
    }
  | { readonly kind: 'boolean'; readonly description: string }
  /** A string, an intrinsic, or `false` (switched off). */
  | { readonly kind: 'string-or-false'; readonly description: string }
  /** Plugin options: keys are free, values are strings (numbers and booleans are turned into strings), or intrinsics. */
  | { readonly kind: 'options'; readonly description: string }
  /** A list of literal strings (container names). */
  | { readonly kind: 'string-list'; readonly description: string }
  /**
   * A list: passed through to the container (Environment, Secrets) as a list or an intrinsic; with
   * `literal`, the macro reads each item, so the list itself must be written out (its items may still be
   * intrinsics where `items` allows them).
   */
  | { readonly kind: 'list'; readonly description: string; readonly items: FieldSpec; readonly literal?: boolean }
  | ObjectSpec;

export interface ObjectSpec {
  readonly kind: 'object';
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly required?: readonly string[];
  /** Exactly one of these keys must be present. */
  readonly exactlyOne?: readonly string[];
  /** At most one of these keys may be present (two ways of saying the same thing). */
  readonly atMostOne?: readonly string[];
  /** Also accept `false` in place of the object (a container opting out). */
  readonly allowFalse?: boolean;
  /** Also accept `true` or `false` in place of the object (a switch with an optional detailed form). */
  readonly allowBoolean?: boolean;
}

const region: FieldSpec = {
  kind: 'string',
  intrinsic: true,
  description: "Region of the destination; default: the stack's region (`AWS::Region`).",
};
const options: FieldSpec = {
  kind: 'options',
  description: 'Extra Fluent Bit output options, merged last (for options that have no short name here).',
};
/** The name pattern of AWS::Logs::LogGroup (its provider schema); an ARN is not a name, and awslogs-group takes the name. */
export const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

/** The retention periods AWS::Logs::LogGroup accepts for RetentionInDays (any other value fails the deploy). */
export const LOG_GROUP_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const logRetention: FieldSpec = {
  kind: 'integer',
  minimum: 1,
  maximum: 3653,
  enum: LOG_GROUP_RETENTION_DAYS,
  description: 'Retention in days of the log group the macro creates (one of the periods CloudWatch Logs accepts).',
};

const cloudWatchLogs: ObjectSpec = {
  kind: 'object',
  description: 'Amazon CloudWatch Logs through the `cloudwatch_logs` output.',
  fields: {
    LogGroupName: {
      kind: 'string',
      intrinsic: true,
      description: 'Log group to write to; absent: the macro creates one (with a retention).',
    },
    LogStreamPrefix: { kind: 'string', intrinsic: true, description: 'Prefix of the log streams; default `<container name>/`.' },
    RetentionInDays: logRetention,
    Region: region,
    Options: options,
  },
};

const firehose: ObjectSpec = {
  kind: 'object',
  description: 'Amazon Data Firehose through the `kinesis_firehose` output.',
  required: ['DeliveryStreamName'],
  fields: {
    DeliveryStreamName: {
      kind: 'string',
      intrinsic: true,
      description: 'Name of the delivery stream (a name, or `!Ref` to one in the template).',
    },
    Region: region,
    Options: options,
  },
};

const kinesisStreams: ObjectSpec = {
  kind: 'object',
  description: 'Amazon Kinesis Data Streams through the `kinesis_streams` output.',
  required: ['StreamName'],
  fields: {
    StreamName: { kind: 'string', intrinsic: true, description: 'Name of the stream (a name, or `!Ref` to one in the template).' },
    Region: region,
    Options: options,
  },
};

const s3: ObjectSpec = {
  kind: 'object',
  description: 'Amazon S3 through the `s3` output.',
  required: ['BucketName'],
  fields: {
    BucketName: { kind: 'string', intrinsic: true, description: 'Bucket name (a name, or `!Ref` to a bucket in the template).' },
    KeyFormat: {
      kind: 'string',
      intrinsic: true,
      description: 'Object key format (`s3_key_format`); its literal prefix scopes the IAM grant.',
    },
    Region: region,
    Options: options,
  },
};

const openSearch: ObjectSpec = {
  kind: 'object',
  description: 'Amazon OpenSearch Service (managed or Serverless) through the `opensearch` output, with AWS SigV4 auth.',
  required: ['Endpoint', 'Index'],
  fields: {
    Endpoint: { kind: 'string', intrinsic: true, description: 'Domain or collection endpoint host name (no `https://`).' },
    Index: { kind: 'string', intrinsic: true, description: 'Index to write to.' },
    Serverless: { kind: 'boolean', description: 'True for an OpenSearch Serverless collection (`AWS_Service_Name aoss`).' },
    Region: region,
    Options: options,
  },
};

const custom: ObjectSpec = {
  kind: 'object',
  description: 'Any Fluent Bit output, written verbatim.',
  required: ['Name'],
  fields: {
    Name: { kind: 'string', description: 'The output plugin name (`Name`), e.g. `datadog`, `http`, `loki`.' },
    Options: options,
    SecretOptions: {
      kind: 'list',
      description: 'Options whose values come from Secrets Manager or SSM (`[{Name, ValueFrom}]`); the execution role gets read access.',
      items: {
        kind: 'object',
        description: 'One secret option.',
        required: ['Name', 'ValueFrom'],
        fields: {
          Name: { kind: 'string', description: 'Option name.' },
          ValueFrom: { kind: 'string', intrinsic: true, description: 'Secret or SSM parameter ARN (or SSM parameter name).' },
        },
      },
    },
  },
};

export const DESTINATION_KEYS = ['CloudWatchLogs', 'Firehose', 'KinesisStreams', 'S3', 'OpenSearch', 'Custom'] as const;
export type DestinationKey = (typeof DESTINATION_KEYS)[number];

const destination: ObjectSpec = {
  kind: 'object',
  description: "Where the routed containers' logs go: exactly one of the keys.",
  exactlyOne: DESTINATION_KEYS,
  fields: {
    CloudWatchLogs: cloudWatchLogs,
    Firehose: firehose,
    KinesisStreams: kinesisStreams,
    S3: s3,
    OpenSearch: openSearch,
    Custom: custom,
  },
};

const bufferLimit: FieldSpec = {
  kind: 'integer',
  minimum: 0,
  maximum: MAX_BUFFER_LIMIT_LINES,
  intrinsic: true,
  description:
    '`log-driver-buffer-limit` on each routed container: the number of log lines buffered in memory (ECS: 0 ≤ lines < 536870912, default 1048576; EC2 and Fargate platform 1.4.0+). The buffer takes up to lines × line size. Not with BufferMemory.',
};

const bufferMemory: FieldSpec = {
  kind: 'integer',
  minimum: 1,
  maximum: 65_536,
  description:
    'Buffer memory in MiB per routed container; the macro sets `log-driver-buffer-limit` to this many MiB of AverageLogLineBytes lines (rounded down). Not with BufferLimit.',
};

const averageLogLineBytes: FieldSpec = {
  kind: 'integer',
  minimum: 1,
  maximum: 1_048_576,
  description:
    "Average size of a log line in bytes (default 2048, the ECS guide's example): turns BufferMemory into lines; the macro's memory check counts lines at this size, never below 2048 (what lint and the hook count them at by default).",
};

const BUFFER_KEYS = ['BufferLimit', 'BufferMemory'];

const pattern = (what: string): FieldSpec => ({
  kind: 'string',
  intrinsic: true,
  description: `Regular expression on the \`log\` field: ${what} (\`${what === 'keep only matching lines' ? 'include' : 'exclude'}-pattern\`).`,
});

const seconds = (minimum: number, maximum: number, what: string): FieldSpec => ({
  kind: 'integer',
  minimum,
  maximum,
  intrinsic: true,
  description: `${what} (ECS: ${String(minimum)}–${String(maximum)}).`,
});

const routerHealthCheck: ObjectSpec = {
  kind: 'object',
  allowBoolean: true,
  description:
    "`true`: a router health check on Fluent Bit's HTTP server (the image's output-metrics-healthcheck.conf); an object changes the container health check's settings. Routed containers then wait for HEALTHY instead of START.",
  fields: {
    Command: {
      kind: 'list',
      literal: true,
      description: 'The health-check command, `[CMD-SHELL, …]` or `[CMD, …]`; default: curl on /api/v1/uptime.',
      items: { kind: 'string', intrinsic: true, description: 'One word of the command.' },
    },
    Interval: seconds(5, 300, 'Seconds between checks; default 10'),
    Timeout: seconds(2, 60, 'Seconds a check may take; default 5'),
    Retries: seconds(1, 10, 'Failures before UNHEALTHY; default 3'),
    StartPeriod: seconds(0, 300, 'Seconds of grace after start; default 10'),
  },
};

const routerContainerSettings: Readonly<Record<string, FieldSpec>> = {
  Essential: {
    kind: 'boolean',
    description: 'Default true. `false` lets the task run on without its logs when the router stops (rule FL1007 warns).',
  },
  User: { kind: 'string', intrinsic: true, description: 'User the router runs as, passed through.' },
  DependsOn: {
    kind: 'list',
    literal: true,
    description: 'Containers the router waits for (e.g. an App Mesh envoy); never one that logs through it.',
    items: {
      kind: 'object',
      description: 'One dependency.',
      required: ['ContainerName', 'Condition'],
      fields: {
        ContainerName: { kind: 'string', description: 'A container of this task.' },
        Condition: { kind: 'string', enum: ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'], description: 'What to wait for.' },
      },
    },
  },
  MountPoints: {
    kind: 'list',
    description: 'Volumes mounted into the router, passed through.',
    items: {
      kind: 'object',
      description: 'One mount point.',
      required: ['SourceVolume', 'ContainerPath'],
      fields: {
        SourceVolume: { kind: 'string', intrinsic: true, description: 'A volume of the task.' },
        ContainerPath: { kind: 'string', intrinsic: true, description: 'Where it is mounted.' },
        ReadOnly: { kind: 'boolean', description: 'Mount read-only.' },
      },
    },
  },
  PortMappings: {
    kind: 'list',
    literal: true,
    description: `Ports of the router (e.g. 2020 for metrics); never ${String(FLUENT_FORWARD_PORT)}, FireLens's forward input.`,
    items: {
      kind: 'object',
      description: 'One port mapping.',
      required: ['ContainerPort'],
      fields: {
        ContainerPort: { kind: 'integer', minimum: 1, maximum: 65_535, description: 'Container port.' },
        HostPort: { kind: 'integer', minimum: 0, maximum: 65_535, description: 'Host port (bridge/host mode).' },
        Protocol: { kind: 'string', enum: ['tcp', 'udp'], description: 'Protocol; default tcp.' },
        Name: { kind: 'string', description: 'Port name (Service Connect).' },
        AppProtocol: { kind: 'string', enum: ['http', 'http2', 'grpc'], description: 'Application protocol (Service Connect).' },
      },
    },
  },
  ReadonlyRootFilesystem: {
    kind: 'boolean',
    description: 'Read-only root file system; refused when the router uses the init image, which writes its config under /init.',
  },
};

const router: ObjectSpec = {
  kind: 'object',
  description: 'The log router (sidecar) container the macro adds.',
  fields: {
    Type: { kind: 'string', enum: ['fluentbit', 'fluentd'], description: 'Router type; `fluentd` needs an explicit `Image`.' },
    Image: { kind: 'string', intrinsic: true, description: 'Router image; default: AWS for Fluent Bit through its public SSM parameter.' },
    ImageTag: {
      kind: 'string',
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
      description: 'Tag of the default AWS for Fluent Bit image (a version such as `2.32.5`); default: a pinned version.',
    },
    Name: { kind: 'string', pattern: /^[A-Za-z0-9_-]{1,255}$/, description: 'Container name; default `log_router`.' },
    MemoryReservation: {
      kind: 'integer',
      minimum: 6,
      maximum: 1_048_576,
      intrinsic: true,
      description: 'Soft memory limit in MiB; default 50.',
    },
    Memory: { kind: 'integer', minimum: 6, maximum: 1_048_576, intrinsic: true, description: 'Hard memory limit in MiB; default none.' },
    Cpu: {
      kind: 'integer',
      minimum: 0,
      maximum: 196_608,
      intrinsic: true,
      description: 'CPU units reserved for the router; default none.',
    },
    EnableEcsLogMetadata: { kind: 'boolean', description: '`enable-ecs-log-metadata`; default true.' },
    ConfigFile: {
      kind: 'string',
      intrinsic: true,
      description: 'Extra Fluent Bit config: an absolute path in the image (`file`) or an S3 object ARN (`s3`).',
    },
    ConfigFileType: {
      kind: 'string',
      enum: ['file', 's3'],
      description: 'Type of `ConfigFile`; inferred from a literal value, required when it is an intrinsic.',
    },
    ConfigFiles: {
      kind: 'list',
      literal: true,
      description:
        "Extra Fluent Bit config files, loaded by AWS for Fluent Bit's init image (Fargate and EC2): absolute paths in the image and S3 object ARNs; the task role reads the S3 objects.",
      items: {
        kind: 'string',
        intrinsic: true,
        description: 'An absolute path in the image (/…) or an S3 object ARN (arn:aws:s3:::bucket/key).',
      },
    },
    ConfigFilesType: {
      kind: 'string',
      enum: ['file', 's3'],
      description: 'Type of the `ConfigFiles` items that are intrinsics whose text does not show it (e.g. a `Ref`).',
    },
    Presets: {
      kind: 'list',
      literal: true,
      description:
        'Config files the AWS for Fluent Bit image ships, by name; a preset with a Grace lengthens the router StopTimeout to match.',
      items: { kind: 'string', enum: PRESET_NAMES, description: 'A preset name.' },
    },
    LogGroup: {
      kind: 'string-or-false',
      description: "The router's own awslogs log group; absent: the macro creates one; `false`: no router logging.",
    },
    LogRetentionInDays: { ...logRetention, description: 'Retention in days of the router log group the macro creates; default 30.' },
    Environment: {
      kind: 'list',
      description: 'Environment of the router container, passed through.',
      items: {
        kind: 'object',
        description: 'One variable.',
        required: ['Name', 'Value'],
        fields: { Name: { kind: 'string', description: 'Name.' }, Value: { kind: 'string', intrinsic: true, description: 'Value.' } },
      },
    },
    Secrets: {
      kind: 'list',
      description: 'Secrets of the router container, passed through; the execution role gets read access to each.',
      items: {
        kind: 'object',
        description: 'One secret.',
        required: ['Name', 'ValueFrom'],
        fields: {
          Name: { kind: 'string', description: 'Name.' },
          ValueFrom: { kind: 'string', intrinsic: true, description: 'ARN or SSM name.' },
        },
      },
    },
    HealthCheck: routerHealthCheck,
    StopTimeout: {
      kind: 'integer',
      minimum: 2,
      maximum: 86_400,
      description:
        "Seconds the router gets to flush at task stop (Fargate: at most 120); default max(30, routed containers' StopTimeout, the Grace of its presets/health-check config + 5).",
    },
    ...routerContainerSettings,
  },
};

const containerOverride: ObjectSpec = {
  kind: 'object',
  allowFalse: true,
  description: 'Per-container FireLens settings (override the task-level ones); `false` opts the container out.',
  fields: {
    Destination: destination,
    BufferLimit: bufferLimit,
    BufferMemory: bufferMemory,
    AverageLogLineBytes: averageLogLineBytes,
    IncludePattern: pattern('keep only matching lines'),
    ExcludePattern: pattern('drop matching lines'),
  },
  atMostOne: BUFFER_KEYS,
};

export const FIRELENS_PROPERTY: ObjectSpec = {
  kind: 'object',
  description: 'FireLens log routing for this task definition, expanded by the FireLensMacro transform.',
  required: ['Destination'],
  atMostOne: BUFFER_KEYS,
  fields: {
    Router: router,
    Destination: destination,
    BufferLimit: bufferLimit,
    BufferMemory: bufferMemory,
    AverageLogLineBytes: averageLogLineBytes,
    IncludePattern: pattern('keep only matching lines'),
    ExcludePattern: pattern('drop matching lines'),
    Containers: {
      kind: 'string-list',
      description: 'Names of the containers to route; default: every container without a LogConfiguration of its own.',
    },
    SecretsKmsKey: {
      kind: 'string',
      intrinsic: true,
      description:
        'Customer-managed KMS key (ARN) that encrypts the secrets of SecretOptions and Router.Secrets; the execution role gets kms:Decrypt on it.',
    },
    ExternalRolesGranted: {
      kind: 'boolean',
      description: 'The task names roles defined outside this template and you have granted the permissions yourself: do not fail on them.',
    },
    AllowWildcardResources: {
      kind: 'boolean',
      description:
        'Accept a * or ? you wrote in a name or ARN that becomes an IAM resource (it grants every matching resource; FL1604 warns). A role to assume is never accepted with a wildcard.',
    },
  },
};

export const CONTAINER_PROPERTY: ObjectSpec = containerOverride;
