import type { OptionKind } from './options';
import type { StatementsBuilder } from './permissions';
import {
  cloudWatchLogsStatements,
  firehoseStatements,
  kinesisStatements,
  NO_STATEMENTS,
  openSearchStatements,
  s3Statements,
} from './permissions';

/**
 * The Fluent Bit output plugins FireLens users name in `logConfiguration.options.Name`.
 *
 * Versions: the table matches AWS for Fluent Bit 2.x (Fluent Bit 1.9.10, Go plugins cloudwatch
 * 1.9.x, firehose 1.7.x, kinesis 1.10.x) and 3.x (Fluent Bit 3.x/4.x line, same Go plugins). Options
 * added after Fluent Bit 1.9 are marked `since` in comments; the catalogue accepts them, since the
 * image version is not known here.
 *
 * Sources (read with the project's search tool, 2026 snapshot):
 * - Fluent Bit manual, outputs: docs.fluentbit.io/manual/pipeline/outputs/{cloudwatch,firehose,
 *   kinesis,s3,opensearch,elasticsearch,datadog,http,loki,splunk,new-relic,forward,kafka,null,
 *   standard-output} (1.9, 2.2, 3.1, 4.x and 5.0 versions of the pages).
 * - aws/amazon-cloudwatch-logs-for-fluent-bit README ("Plugin Options", "Permissions", "Templating
 *   Log Group and Stream Names"), aws/amazon-kinesis-firehose-for-fluent-bit README,
 *   aws/amazon-kinesis-streams-for-fluent-bit README.
 * - aws/aws-for-fluent-bit troubleshooting/debugging.md (Go → C migration list).
 * - /work/shared/reference/firelens-facts.md §2.
 */
export type Implementation = 'c' | 'go';

/** One line of the docs' "permissions" column: what is granted, on what, and when. */
export interface PermissionDoc {
  readonly actions: readonly string[];
  readonly on: string;
  readonly when?: string;
}

export interface OutputPlugin {
  /** The `Name` value, lower case (Fluent Bit matches plugin names case-insensitively). */
  readonly name: string;
  readonly title: string;
  readonly implementation: Implementation;
  /** Each inner list: at least one of these must be set. */
  readonly required: readonly (readonly string[])[];
  /** Each inner list: at most one of these may be set. */
  readonly exclusive: readonly (readonly string[])[];
  /** Known options, lower-case keys, with the kind of value each takes. */
  readonly options: Readonly<Record<string, OptionKind>>;
  /**
   * Options of this plugin whose value is a credential and belongs in `secretOptions` (lower-case keys;
   * the TLS key password and basic-auth password shared by many outputs are also in `CORE_SECRET_OPTIONS`). Checked against
   * each plugin's page of the Fluent Bit manual: loki `http_passwd`/`bearer_token`, datadog `apikey`,
   * splunk `splunk_token`/`http_passwd`, es `http_passwd`/`cloud_auth`, opensearch and http
   * `http_passwd`, nrlogs `api_key`/`license_key`, New Relic's plugin `apiKey`/`licenseKey`, forward
   * `shared_key`/`password`, kafka `rdkafka.sasl.password`. The AWS plugins take none: they sign with the
   * task role.
   */
  readonly secretOptions: readonly string[];
  /** True when the plugin expands `$(ecs_task_id)`-style variables in names (Go cloudwatch). */
  readonly ecsTemplating: boolean;
  /** The option holding a role to assume, for plugins that sign AWS requests. */
  readonly roleOption?: string;
  /** The other implementation of the same destination (`cloudwatch` ↔ `cloudwatch_logs`). */
  readonly sibling?: string;
  readonly permissions: readonly PermissionDoc[];
  readonly statements: StatementsBuilder;
  readonly docsUrl: string;
}

const AWS_COMMON: Readonly<Record<string, OptionKind>> = {
  region: 'string',
  role_arn: 'string',
  endpoint: 'string',
  sts_endpoint: 'string',
};

/** Options of the C AWS plugins (shared aws client code in Fluent Bit). */
const AWS_C_COMMON: Readonly<Record<string, OptionKind>> = {
  ...AWS_COMMON,
  external_id: 'string',
  auto_retry_requests: 'boolean',
  profile: 'string', // since Fluent Bit 2.0
};

/** Output options every Fluent Bit output accepts (core `[OUTPUT]` properties). */
export const CORE_OUTPUT_OPTIONS: Readonly<Record<string, OptionKind>> = {
  match: 'string',
  match_regex: 'string',
  alias: 'string',
  retry_limit: 'retryLimit',
  log_level: { oneOf: ['off', 'error', 'warn', 'info', 'debug', 'trace'] },
  workers: 'integer',
  'storage.total_limit_size': 'size',
};

const TLS_OPTIONS: Readonly<Record<string, OptionKind>> = {
  tls: 'boolean',
  'tls.verify': 'boolean',
  'tls.debug': 'integer',
  'tls.ca_file': 'string',
  'tls.crt_file': 'string',
  'tls.key_file': 'string',
  'tls.key_passwd': 'string',
  'tls.vhost': 'string',
};

/**
 * Credential options that several plugins share through a common option set: the TLS layer's
 * `tls.key_passwd` (Fluent Bit manual, Administration → Transport Security: "Optional password for
 * tls.key_file file") and HTTP basic authentication's `http_passwd`. A plugin has them when its
 * `options` declare them.
 */
export const CORE_SECRET_OPTIONS: readonly string[] = ['tls.key_passwd', 'http_passwd'];

const LOGS_DOCS: readonly PermissionDoc[] = [
  { actions: ['logs:CreateLogStream'], on: 'the log group (`log-group:<name>:*`)' },
  { actions: ['logs:PutLogEvents'], on: 'its log streams (`log-group:<name>:log-stream:*`)' },
  { actions: ['logs:CreateLogGroup'], on: 'the log group', when: '`auto_create_group` is true' },
  { actions: ['logs:PutRetentionPolicy'], on: 'the log group', when: '`auto_create_group` is true and `log_retention_days` > 0' },
];

const CLOUDWATCH_LOGS: OutputPlugin = {
  name: 'cloudwatch_logs',
  title: 'Amazon CloudWatch Logs (C)',
  implementation: 'c',
  required: [['region'], ['log_group_name'], ['log_stream_name', 'log_stream_prefix']],
  exclusive: [['log_stream_name', 'log_stream_prefix']],
  options: {
    ...AWS_C_COMMON,
    log_group_name: 'string',
    log_group_template: 'string', // since Fluent Bit 1.9
    log_stream_name: 'string',
    log_stream_prefix: 'string',
    log_stream_template: 'string', // since Fluent Bit 1.9
    log_key: 'string',
    log_format: 'string',
    auto_create_group: 'boolean',
    log_retention_days: 'integer',
    log_group_class: { oneOf: ['STANDARD', 'INFREQUENT_ACCESS'] }, // since Fluent Bit 2.2/3.x
    metric_namespace: 'string',
    metric_dimensions: 'string',
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  sibling: 'cloudwatch',
  permissions: LOGS_DOCS,
  statements: cloudWatchLogsStatements('c'),
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/cloudwatch',
};

const CLOUDWATCH_GO: OutputPlugin = {
  name: 'cloudwatch',
  title: 'Amazon CloudWatch Logs (Go)',
  implementation: 'go',
  required: [['region'], ['log_group_name'], ['log_stream_name', 'log_stream_prefix']],
  exclusive: [['log_stream_name', 'log_stream_prefix']],
  options: {
    ...AWS_COMMON,
    log_group_name: 'string',
    log_stream_name: 'string',
    log_stream_prefix: 'string',
    default_log_group_name: 'string',
    default_log_stream_name: 'string',
    log_key: 'string',
    log_format: 'string',
    new_log_group_tags: 'string',
    log_retention_days: 'integer',
    auto_create_group: 'goBoolean',
    auto_create_stream: 'goBoolean',
    credentials_endpoint: 'string',
  },
  secretOptions: [],
  ecsTemplating: true,
  roleOption: 'role_arn',
  sibling: 'cloudwatch_logs',
  permissions: [
    { actions: ['logs:DescribeLogStreams'], on: 'the log group (`log-group:<name>:*`)' },
    { actions: ['logs:CreateLogStream'], on: 'the log group', when: '`auto_create_stream` is not false' },
    LOGS_DOCS[1] ?? { actions: [], on: '' },
    { actions: ['logs:CreateLogGroup'], on: 'the log group', when: '`auto_create_group` is true' },
    { actions: ['logs:PutRetentionPolicy'], on: 'the log group', when: '`auto_create_group` is true and `log_retention_days` > 0' },
    {
      actions: ['logs:TagLogGroup', 'logs:TagResource'],
      on: 'the log group',
      when: '`auto_create_group` is true and `new_log_group_tags` is set',
    },
  ],
  statements: cloudWatchLogsStatements('go'),
  docsUrl: 'https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit#plugin-options',
};

const FIREHOSE_DOCS: readonly PermissionDoc[] = [{ actions: ['firehose:PutRecordBatch'], on: 'the delivery stream' }];

const KINESIS_FIREHOSE: OutputPlugin = {
  name: 'kinesis_firehose',
  title: 'Amazon Data Firehose (C)',
  implementation: 'c',
  required: [['region'], ['delivery_stream']],
  exclusive: [],
  options: {
    ...AWS_C_COMMON,
    delivery_stream: 'string',
    time_key: 'string',
    time_key_format: 'string',
    log_key: 'string',
    compression: { oneOf: ['gzip', 'zstd', 'snappy', 'arrow'] }, // since Fluent Bit 1.9 (gzip); zstd/snappy later
    simple_aggregation: 'boolean', // since Fluent Bit 3.x
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  sibling: 'firehose',
  permissions: FIREHOSE_DOCS,
  statements: firehoseStatements,
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/firehose',
};

const FIREHOSE_GO: OutputPlugin = {
  name: 'firehose',
  title: 'Amazon Data Firehose (Go)',
  implementation: 'go',
  required: [['region'], ['delivery_stream']],
  exclusive: [],
  options: {
    ...AWS_COMMON,
    delivery_stream: 'string',
    data_keys: 'string',
    log_key: 'string',
    time_key: 'string',
    time_key_format: 'string',
    replace_dots: 'string',
    simple_aggregation: 'goBoolean',
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  sibling: 'kinesis_firehose',
  permissions: FIREHOSE_DOCS,
  statements: firehoseStatements,
  docsUrl: 'https://github.com/aws/amazon-kinesis-firehose-for-fluent-bit#plugin-options',
};

const KINESIS_DOCS: readonly PermissionDoc[] = [{ actions: ['kinesis:PutRecords'], on: 'the stream' }];

const KINESIS_STREAMS: OutputPlugin = {
  name: 'kinesis_streams',
  title: 'Amazon Kinesis Data Streams (C)',
  implementation: 'c',
  required: [['region'], ['stream']],
  exclusive: [],
  options: {
    ...AWS_C_COMMON,
    stream: 'string',
    time_key: 'string',
    time_key_format: 'string',
    log_key: 'string',
    port: 'integer',
    simple_aggregation: 'boolean', // since Fluent Bit 3.x
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  sibling: 'kinesis',
  permissions: KINESIS_DOCS,
  statements: kinesisStatements,
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/kinesis',
};

const KINESIS_GO: OutputPlugin = {
  name: 'kinesis',
  title: 'Amazon Kinesis Data Streams (Go)',
  implementation: 'go',
  required: [['region'], ['stream']],
  exclusive: [],
  options: {
    ...AWS_COMMON,
    stream: 'string',
    partition_key: 'string',
    data_keys: 'string',
    log_key: 'string',
    append_newline: 'goBoolean',
    time_key: 'string',
    time_key_format: 'string',
    aggregation: 'goBoolean',
    compression: { oneOf: ['zlib', 'gzip'] },
    replace_dots: 'string',
    experimental_concurrency: 'integer',
    experimental_concurrency_retries: 'integer',
    http_request_timeout: 'integer',
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  sibling: 'kinesis_streams',
  permissions: KINESIS_DOCS,
  statements: kinesisStatements,
  docsUrl: 'https://github.com/aws/amazon-kinesis-streams-for-fluent-bit#plugin-options',
};

const S3: OutputPlugin = {
  name: 's3',
  title: 'Amazon S3',
  implementation: 'c',
  // region defaults to us-east-1 in Fluent Bit; only the bucket is needed to start.
  required: [['bucket']],
  exclusive: [],
  options: {
    ...AWS_C_COMMON,
    bucket: 'string',
    json_date_key: 'string',
    json_date_format: { oneOf: ['double', 'epoch', 'iso8601', 'java_sql_timestamp'] },
    total_file_size: 'size',
    upload_chunk_size: 'size',
    upload_timeout: 'time',
    store_dir: 'string',
    store_dir_limit_size: 'size',
    s3_key_format: 'string',
    s3_key_format_tag_delimiters: 'string',
    static_file_path: 'boolean',
    use_put_object: 'boolean',
    canned_acl: 'string',
    compression: { oneOf: ['gzip', 'arrow', 'parquet', 'zstd', 'snappy'] },
    content_type: 'string',
    send_content_md5: 'boolean',
    log_key: 'string',
    preserve_data_ordering: 'boolean',
    storage_class: 'string',
  },
  secretOptions: [],
  ecsTemplating: false,
  roleOption: 'role_arn',
  permissions: [
    {
      actions: ['s3:PutObject'],
      on: 'objects under the literal prefix of `s3_key_format` (`<bucket>/<prefix>*`); covers multipart uploads',
    },
    { actions: ['s3:AbortMultipartUpload'], on: 'the same objects', when: '`use_put_object` is not on' },
    { actions: ['s3:PutObjectAcl'], on: 'the same objects', when: '`canned_acl` is set' },
  ],
  statements: s3Statements,
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/s3',
};

const SEARCH_OPTIONS: Readonly<Record<string, OptionKind>> = {
  ...TLS_OPTIONS,
  host: 'string',
  port: 'integer',
  path: 'string',
  buffer_size: 'string',
  pipeline: 'string',
  aws_auth: 'boolean',
  aws_region: 'string',
  aws_sts_endpoint: 'string',
  aws_role_arn: 'string',
  aws_external_id: 'string',
  aws_service_name: { oneOf: ['es', 'aoss'] },
  aws_profile: 'string',
  http_user: 'string',
  http_passwd: 'string',
  index: 'string',
  type: 'string',
  logstash_format: 'boolean',
  logstash_prefix: 'string',
  logstash_prefix_key: 'string',
  logstash_prefix_separator: 'string',
  logstash_dateformat: 'string',
  time_key: 'string',
  time_key_format: 'string',
  time_key_nanos: 'boolean',
  include_tag_key: 'boolean',
  tag_key: 'string',
  generate_id: 'boolean',
  id_key: 'string',
  write_operation: { oneOf: ['create', 'index', 'update', 'upsert'] },
  replace_dots: 'boolean',
  trace_output: 'boolean',
  trace_error: 'boolean',
  current_time_index: 'boolean',
  suppress_type_name: 'boolean',
  compress: { oneOf: ['gzip'] },
};

const SEARCH_DOCS: readonly PermissionDoc[] = [
  { actions: ['es:ESHttpPost', 'es:ESHttpPut'], on: 'the domain (`domain/<name>/*`, from `Host`)', when: '`AWS_Auth` is on' },
  { actions: ['aoss:APIAccessAll'], on: 'the collection (from `Host`)', when: '`AWS_Auth` is on and `AWS_Service_Name` is `aoss`' },
];

const OPENSEARCH: OutputPlugin = {
  name: 'opensearch',
  title: 'OpenSearch (Amazon OpenSearch Service and Serverless)',
  implementation: 'c',
  // Host defaults to 127.0.0.1, which is never right for a FireLens sidecar.
  required: [['host']],
  exclusive: [],
  options: SEARCH_OPTIONS,
  secretOptions: ['http_passwd'],
  ecsTemplating: false,
  roleOption: 'AWS_Role_ARN',
  permissions: SEARCH_DOCS,
  statements: openSearchStatements,
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/opensearch',
};

const ES: OutputPlugin = {
  name: 'es',
  title: 'Elasticsearch (incl. Amazon OpenSearch Service, Elastic Cloud)',
  implementation: 'c',
  required: [['host', 'cloud_id']],
  exclusive: [],
  options: { ...SEARCH_OPTIONS, cloud_id: 'string', cloud_auth: 'string' },
  secretOptions: ['http_passwd', 'cloud_auth'],
  ecsTemplating: false,
  roleOption: 'AWS_Role_ARN',
  permissions: SEARCH_DOCS,
  statements: openSearchStatements,
  docsUrl: 'https://docs.fluentbit.io/manual/pipeline/outputs/elasticsearch',
};

/** A destination outside AWS: nothing for the task role; credentials go in secretOptions. */
const partner = (
  name: string,
  title: string,
  required: readonly (readonly string[])[],
  options: Readonly<Record<string, OptionKind>>,
  secretOptions: readonly string[],
  docsUrl: string,
  implementation: Implementation = 'c',
): OutputPlugin => ({
  name,
  title,
  implementation,
  required,
  exclusive: [],
  options,
  secretOptions,
  ecsTemplating: false,
  permissions: [],
  statements: () => NO_STATEMENTS,
  docsUrl,
});

const HTTP_CLIENT: Readonly<Record<string, OptionKind>> = {
  ...TLS_OPTIONS,
  host: 'string',
  port: 'integer',
  uri: 'string',
  http_user: 'string',
  http_passwd: 'string',
  proxy: 'string',
  compress: { oneOf: ['gzip', 'snappy', 'zstd'] },
  header: 'string',
  json_date_key: 'string',
  json_date_format: { oneOf: ['double', 'epoch', 'epoch_ms', 'iso8601', 'java_sql_timestamp'] },
};

const PARTNERS: readonly OutputPlugin[] = [
  partner(
    'datadog',
    'Datadog',
    [['apikey']],
    {
      ...HTTP_CLIENT,
      apikey: 'string',
      provider: 'string',
      dd_service: 'string',
      dd_source: 'string',
      dd_tags: 'string',
      dd_message_key: 'string',
      dd_hostname: 'string',
      include_tag_key: 'boolean',
      tag_key: 'string',
    },
    ['apikey'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/datadog',
  ),
  partner(
    'http',
    'HTTP',
    [['host']],
    {
      ...HTTP_CLIENT,
      format: { oneOf: ['msgpack', 'json', 'json_stream', 'json_lines', 'gelf'] },
      header_tag: 'string',
      allow_duplicated_headers: 'boolean',
      log_response_payload: 'boolean',
    },
    ['http_passwd'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/http',
  ),
  partner(
    'loki',
    'Grafana Loki',
    [['host']],
    {
      ...HTTP_CLIENT,
      tenant_id: 'string',
      labels: 'string',
      label_keys: 'string',
      remove_keys: 'string',
      line_format: { oneOf: ['json', 'key_value'] },
      auto_kubernetes_labels: 'boolean',
      drop_single_key: 'string',
      bearer_token: 'string',
    },
    ['http_passwd', 'bearer_token'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/loki',
  ),
  partner(
    'splunk',
    'Splunk HTTP Event Collector',
    [['host'], ['splunk_token', 'http_user']],
    {
      ...HTTP_CLIENT,
      splunk_token: 'string',
      splunk_send_raw: 'boolean',
      event_key: 'string',
      event_host: 'string',
      event_source: 'string',
      event_sourcetype: 'string',
      event_sourcetype_key: 'string',
      event_index: 'string',
      event_index_key: 'string',
      event_field: 'string',
      channel: 'string',
      http_buffer_size: 'size',
    },
    ['splunk_token', 'http_passwd'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/splunk',
  ),
  partner(
    'newrelic',
    "New Relic (New Relic's plugin)",
    [['apikey', 'licensekey']],
    { endpoint: 'string', apikey: 'string', licensekey: 'string', maxbuffersize: 'integer', maxrecords: 'integer', compress: 'string' },
    ['apikey', 'licensekey'],
    'https://docs.newrelic.com/docs/logs/forward-logs/aws-firelens-plugin-log-forwarding/',
    'go',
  ),
  partner(
    'nrlogs',
    'New Relic (Fluent Bit core)',
    [['api_key', 'license_key']],
    { base_uri: 'string', api_key: 'string', license_key: 'string', compress: { oneOf: ['gzip', 'false'] } },
    ['api_key', 'license_key'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/new-relic',
  ),
  partner(
    'forward',
    'Forward (Fluentd / Fluent Bit)',
    [['host', 'upstream']],
    {
      ...TLS_OPTIONS,
      host: 'string',
      port: 'integer',
      upstream: 'string',
      time_as_integer: 'boolean',
      tag: 'string',
      send_options: 'boolean',
      require_ack_response: 'boolean',
      compress: { oneOf: ['gzip'] },
      shared_key: 'string',
      empty_shared_key: 'boolean',
      self_hostname: 'string',
      username: 'string',
      password: 'string',
    },
    ['shared_key', 'password'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/forward',
  ),
  partner(
    'kafka',
    'Apache Kafka',
    [['brokers']],
    {
      brokers: 'string',
      topics: 'string',
      topic_key: 'string',
      dynamic_topic: 'boolean',
      format: { oneOf: ['json', 'msgpack', 'gelf', 'raw'] },
      message_key: 'string',
      message_key_field: 'string',
      timestamp_key: 'string',
      timestamp_format: 'string',
      queue_full_retries: 'integer',
      'rdkafka.sasl.password': 'string',
    },
    ['rdkafka.sasl.password'],
    'https://docs.fluentbit.io/manual/pipeline/outputs/kafka',
  ),
  partner('null', 'Null (discard)', [], {}, [], 'https://docs.fluentbit.io/manual/pipeline/outputs/null'),
  partner(
    'stdout',
    'Standard output',
    [],
    { format: { oneOf: ['msgpack', 'json', 'json_stream', 'json_lines'] }, json_date_key: 'string', json_date_format: 'string' },
    [],
    'https://docs.fluentbit.io/manual/pipeline/outputs/standard-output',
  ),
];

/** Every plugin, AWS destinations first, then the others; README and tests walk it in this order. */
export const OUTPUT_PLUGINS: readonly OutputPlugin[] = [
  CLOUDWATCH_LOGS,
  CLOUDWATCH_GO,
  KINESIS_FIREHOSE,
  FIREHOSE_GO,
  KINESIS_STREAMS,
  KINESIS_GO,
  S3,
  OPENSEARCH,
  ES,
  ...PARTNERS,
];

/** Every credential option of `plugin`: its own `secretOptions` plus the shared TLS ones it declares. */
export const secretOptionsOf = (plugin: OutputPlugin): readonly string[] => [
  ...plugin.secretOptions,
  ...CORE_SECRET_OPTIONS.filter((key) => plugin.options[key] !== undefined && !plugin.secretOptions.includes(key)),
];

/**
 * Option names (lower case) that carry a credential in some output plugin: every plugin's secret options
 * and the shared TLS ones, plus names other outputs use for the same thing (`api_key`, `http_api_key`,
 * `aws_secret_access_key`, …). Used for a plugin the catalogue does not know, where its own list cannot be.
 */
export const CREDENTIAL_OPTION_NAMES: readonly string[] = [
  ...new Set([
    ...OUTPUT_PLUGINS.flatMap(secretOptionsOf),
    ...CORE_SECRET_OPTIONS,
    'api_key',
    'http_api_key',
    'license_key',
    'aws_secret_access_key',
  ]),
];
