import { isObject, type Json, type JsonObject } from '../template/intrinsics';
import type { DestinationKey } from './property-schema';
import type { DestinationSpec } from './types';

/** What one routed container's `awsfirelens` LogConfiguration gets from its destination. */
export interface DestinationOutput {
  readonly options: JsonObject;
  readonly secretOptions: Json | undefined;
}

export interface DestinationContext {
  /** The routed container's Name as written: a literal, or an intrinsic function. */
  readonly containerName: Json;
  /** Logical id of the log group the macro creates for a CloudWatchLogs destination without LogGroupName. */
  readonly createdLogGroupId: string | undefined;
}

const STACK_REGION: Json = { Ref: 'AWS::Region' };

/**
 * Turns a short destination into the options of the current C output plugins (`Name` first, then the
 * must-have options, then the user's `Options` merged last). Option values must be strings for ECS, so
 * numbers and booleans from the user's map become strings, as CloudFormation would coerce them.
 */
export const destinationOutput = (destination: DestinationSpec, context: DestinationContext): DestinationOutput => {
  const s = destination.settings;
  const region = s['Region'] ?? STACK_REGION;
  const extra = stringifyOptions(s['Options']);
  switch (destination.kind) {
    case 'CloudWatchLogs':
      return withExtra(
        {
          Name: 'cloudwatch_logs',
          region,
          log_group_name: s['LogGroupName'] ?? { Ref: createdLogGroup(context) },
          log_stream_prefix: s['LogStreamPrefix'] ?? streamPrefix(context.containerName),
        },
        extra,
      );
    case 'Firehose':
      return withExtra({ Name: 'kinesis_firehose', region, delivery_stream: s['DeliveryStreamName'] ?? null }, extra);
    case 'KinesisStreams':
      return withExtra({ Name: 'kinesis_streams', region, stream: s['StreamName'] ?? null }, extra);
    case 'S3':
      return withExtra(
        {
          Name: 's3',
          region,
          bucket: s['BucketName'] ?? null,
          ...(s['KeyFormat'] === undefined ? {} : { s3_key_format: s['KeyFormat'] }),
        },
        extra,
      );
    case 'OpenSearch':
      return withExtra(
        {
          Name: 'opensearch',
          Host: s['Endpoint'] ?? null,
          Port: '443',
          Index: s['Index'] ?? null,
          tls: 'On',
          AWS_Auth: 'On',
          AWS_Region: region,
          ...(s['Serverless'] === true ? { AWS_Service_Name: 'aoss' } : {}),
          // OpenSearch 2.x rejects the `_type` field Fluent Bit would send otherwise.
          Suppress_Type_Name: 'On',
        },
        extra,
      );
    case 'Custom':
      return { options: { Name: s['Name'] ?? null, ...extra }, secretOptions: s['SecretOptions'] };
  }
};

/** `<container>/`; a Name given by an intrinsic is joined at deploy time (it was `/` for every such container). */
const streamPrefix = (containerName: Json): Json =>
  typeof containerName === 'string' ? `${containerName}/` : { 'Fn::Join': ['', [containerName, '/']] };

const withExtra = (base: JsonObject, extra: JsonObject): DestinationOutput => ({
  options: { ...base, ...extra },
  secretOptions: undefined,
});

const stringifyOptions = (options: Json | undefined): JsonObject => {
  if (!isObject(options)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(options).map(([key, value]) => [key, typeof value === 'number' || typeof value === 'boolean' ? String(value) : value]),
  );
};

/**
 * The short-form field each option of `destinationOutput` is written from, by destination: the same mapping
 * read backwards, so validation can name the field a refused option value came from.
 */
export const SHORT_FORM_FIELD_OF_OPTION: Readonly<Record<DestinationKey, Readonly<Record<string, string>>>> = {
  CloudWatchLogs: { region: 'Region', log_group_name: 'LogGroupName', log_stream_prefix: 'LogStreamPrefix' },
  Firehose: { region: 'Region', delivery_stream: 'DeliveryStreamName' },
  KinesisStreams: { region: 'Region', stream: 'StreamName' },
  S3: { region: 'Region', bucket: 'BucketName', s3_key_format: 'KeyFormat' },
  OpenSearch: { Host: 'Endpoint', Index: 'Index', AWS_Region: 'Region' },
  Custom: { Name: 'Name' },
};

/** Short forms pick the plugin; `Options` must not change it behind the user's back. */
export const overriddenPluginName = (destination: DestinationSpec): boolean =>
  destination.kind !== 'Custom' && isObject(destination.settings['Options']) && 'Name' in destination.settings['Options'];

/** expand.ts creates a log group for every CloudWatchLogs destination without LogGroupName; anything else is a bug. */
const createdLogGroup = (context: DestinationContext): string => {
  if (context.createdLogGroupId === undefined) {
    throw new Error('a CloudWatchLogs destination without LogGroupName reached destinationOutput without a created log group');
  }
  return context.createdLogGroupId;
};
