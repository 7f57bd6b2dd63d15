import type { Json, JsonObject } from '../template/intrinsics';
import { getAttTarget, isIntrinsic, isObject, literalInteger, literalString } from '../template/intrinsics';
import type { ArnContext, ArnKind } from './arn';
import { arnKindTypes, buildArn, contextResource } from './arn';
import type { PolicyStatement } from './iam';
import { allow } from './iam';
import { literalFlag, optionValue } from './options';

/**
 * Task-role statements per destination. Each builder reads the (case-insensitive) options and
 * returns the statements the plugin's API calls need, scoped to the resource the options name.
 * Sources for the API calls each plugin makes are cited on the builders.
 */
export interface StatementsResult {
  readonly statements: PolicyStatement[];
  readonly notes: string[];
}

export type StatementsBuilder = (options: JsonObject, context: ArnContext) => StatementsResult;

export const NO_STATEMENTS: StatementsResult = { statements: [], notes: [] };

/** A flag that is an intrinsic may be on at deploy time: grant, and say so. */
const flagMayBeOn = (options: JsonObject, key: string, notes: string[]): boolean => {
  const value = optionValue(options, key);
  if (value !== undefined && isIntrinsic(value)) {
    notes.push(`\`${key}\` is only known at deploy time; the permissions it needs are granted in case it is on.`);
    return true;
  }
  return literalFlag(value) === true;
};

const arnFor = (
  kind: ArnKind,
  option: string,
  value: Json,
  options: JsonObject,
  context: ArnContext,
  suffix = '',
  notes: string[] = [],
): Json => {
  const built = buildArn({ kind, value, option, suffix, region: optionValue(options, 'region') }, context);
  notes.push(...built.notes);
  return built.arn;
};

const missing = (option: string): StatementsResult => ({
  statements: [],
  notes: [`\`${option}\` is not set, so no destination permissions can be derived.`],
});

/**
 * CloudWatch Logs. IAM wants the `log-group:<name>:*` form of the group ARN for every logs action
 * except the tagging ones, which take the form without `:*` (CloudWatch Logs user guide, "CloudWatch
 * Logs resources and operations"; LogGroup.arn vs logGroupArn in the API reference). PutLogEvents
 * acts on a log stream: `log-group:<name>:log-stream:*`.
 * - C `cloudwatch_logs` calls CreateLogStream and PutLogEvents; CreateLogGroup (+ PutRetentionPolicy
 *   when log_retention_days > 0) only with auto_create_group (fluent-bit plugins/out_cloudwatch_logs,
 *   docs "Amazon CloudWatch", Permissions section lists the same four).
 * - Go `cloudwatch` also calls DescribeLogStreams (amazon-cloudwatch-logs-for-fluent-bit README,
 *   "Permissions"), skips CreateLogStream with auto_create_stream false, and sends tags on
 *   CreateLogGroup when new_log_group_tags is set (tagging permission: unverified, granted).
 */
export const cloudWatchLogsStatements =
  (implementation: 'c' | 'go'): StatementsBuilder =>
  (options, context) => {
    const notes: string[] = [];
    const groupName = optionValue(options, 'log_group_name');
    if (groupName === undefined) {
      return missing('log_group_name');
    }
    const groups: { option: string; value: Json }[] = [{ option: 'log_group_name', value: groupName }];
    const template = optionValue(options, 'log_group_template');
    if (implementation === 'c' && template !== undefined) {
      groups.push({ option: 'log_group_template', value: template });
    }
    const fallback = optionValue(options, 'default_log_group_name');
    if (implementation === 'go' && typeof groupName === 'string' && groupName.includes('$(')) {
      // The Go plugin writes to default_log_group_name when a template variable cannot be resolved.
      groups.push({ option: 'default_log_group_name', value: fallback ?? 'fluentbit-default' });
    }
    const autoCreate = flagMayBeOn(options, 'auto_create_group', notes);
    const retention = optionValue(options, 'log_retention_days');
    const retentionSet = retention !== undefined && (isIntrinsic(retention) || (literalInteger(retention) ?? 0) > 0);
    if (retentionSet && !autoCreate) {
      notes.push('`log_retention_days` only applies to log groups the plugin creates; without `auto_create_group` it has no effect.');
    }
    const createStream = implementation === 'c' || literalFlag(optionValue(options, 'auto_create_stream')) !== false;
    const groupActions = [
      ...(createStream ? ['logs:CreateLogStream'] : []),
      ...(implementation === 'go' ? ['logs:DescribeLogStreams'] : []),
      ...(autoCreate ? ['logs:CreateLogGroup'] : []),
      ...(autoCreate && retentionSet ? ['logs:PutRetentionPolicy'] : []),
    ];
    const groupArns = groups.map((g) => arnFor('logGroup', g.option, g.value, options, context, ':*', notes));
    const streamArns = groups.map((g) => arnFor('logGroup', g.option, g.value, options, context, ':log-stream:*'));
    const tags = implementation === 'go' && autoCreate && optionValue(options, 'new_log_group_tags') !== undefined;
    const tagArns = tags ? groups.map((g) => arnFor('logGroup', g.option, g.value, options, context)) : [];
    const statements = [
      allow(groupActions, groupArns),
      allow(['logs:PutLogEvents'], streamArns),
      ...(tags ? [allow(['logs:TagLogGroup', 'logs:TagResource'], [...tagArns, ...groupArns])] : []),
    ];
    return { statements, notes: [...new Set(notes)] };
  };

/** Firehose: both plugins send with PutRecordBatch only (Fluent Bit docs "Amazon Kinesis Data Firehose"; Go plugin README "Permissions"). */
export const firehoseStatements: StatementsBuilder = (options, context) => {
  const stream = optionValue(options, 'delivery_stream');
  if (stream === undefined) {
    return missing('delivery_stream');
  }
  const notes: string[] = [];
  return {
    statements: [allow(['firehose:PutRecordBatch'], [arnFor('deliveryStream', 'delivery_stream', stream, options, context, '', notes)])],
    notes,
  };
};

/** Kinesis Data Streams: both plugins send with PutRecords only (Fluent Bit docs "Amazon Kinesis Data Streams"; Go plugin README). */
export const kinesisStatements: StatementsBuilder = (options, context) => {
  const stream = optionValue(options, 'stream');
  if (stream === undefined) {
    return missing('stream');
  }
  const notes: string[] = [];
  return { statements: [allow(['kinesis:PutRecords'], [arnFor('kinesisStream', 'stream', stream, options, context, '', notes)])], notes };
};

/** Fluent Bit's default s3_key_format (docs "Amazon S3", 1.9 and later). */
const S3_DEFAULT_KEY_FORMAT = '/fluent-bit-logs/$TAG/%Y/%m/%d/%H/%M/%S';

/**
 * S3. Multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) are authorised
 * by `s3:PutObject` (Amazon S3 user guide, "Multipart upload API and permissions"), so one action
 * covers both upload modes. Aborting an upload is the separate `s3:AbortMultipartUpload`; recent
 * Fluent Bit calls AbortMultipartUpload for uploads it gives up on (fluent/fluent-bit
 * plugins/out_s3/s3_multipart.c, abort_multipart_upload), so it is granted unless
 * `use_put_object` is on. A `canned_acl` is sent as the x-amz-acl header, which also needs
 * `s3:PutObjectAcl` (S3 API reference, PutObject "Permissions"). The key starts at s3_key_format;
 * the plugin drops its leading `/` when it builds the object key.
 */
export const s3Statements: StatementsBuilder = (options, context) => {
  const bucket = optionValue(options, 'bucket');
  if (bucket === undefined) {
    return missing('bucket');
  }
  const notes: string[] = [];
  const keyFormat = optionValue(options, 's3_key_format') ?? S3_DEFAULT_KEY_FORMAT;
  const keyText = literalString(keyFormat);
  let suffix = '/*';
  if (keyText === undefined) {
    notes.push('`s3_key_format` is only known at deploy time; the policy allows every key in the bucket.');
  } else {
    const built = buildArn(
      { kind: 's3Bucket', value: keyText.replace(/^\//, ''), option: 's3_key_format', strftime: true, written: false },
      context,
      true,
    );
    notes.push(...built.notes);
    const prefix = typeof built.arn === 'string' ? built.arn : '';
    suffix = `/${prefix.endsWith('*') ? prefix : `${prefix}*`}`;
  }
  const objectArn = arnFor('s3Bucket', 'bucket', bucket, options, context, suffix, notes);
  if (keyText !== undefined && optionValue(options, 's3_key_format') !== undefined) {
    // The key format was read as a prefix above; what it becomes is the object ARN.
    context.onResource?.({ option: 's3_key_format', value: keyText, kind: 's3Bucket', arn: objectArn, strftime: true });
  }
  const multipart = literalFlag(optionValue(options, 'use_put_object')) !== true;
  const actions = [
    's3:PutObject',
    ...(multipart ? ['s3:AbortMultipartUpload'] : []),
    ...(optionValue(options, 'canned_acl') === undefined ? [] : ['s3:PutObjectAcl']),
  ];
  return { statements: [allow(actions, [objectArn])], notes };
};

/** `search-<domain>-<id>.<region>.es.amazonaws.com` and `vpc-…`; China regions end in `.com.cn`. */
const DOMAIN_ENDPOINT = /^(?:https?:\/\/)?(?:search|vpc)-([a-z][a-z0-9-]*)-[a-z0-9]+\.([a-z0-9-]+)\.es\.amazonaws\.com(?:\.cn)?\/?$/;
/** `<collection-id>.<region>.aoss.amazonaws.com`. */
const COLLECTION_ENDPOINT = /^(?:https?:\/\/)?([a-z0-9]+)\.([a-z0-9-]+)\.aoss\.amazonaws\.com(?:\.cn)?\/?$/;

/** `!GetAtt Domain.DomainEndpoint` → `{ Ref: Domain }` when Domain is of the kind's type. */
const sameTemplateTarget = (value: Json, kind: ArnKind, context: ArnContext): Json | undefined => {
  const id = getAttTarget(value)?.[0];
  const resource = contextResource(context, id);
  const type = isObject(resource) ? literalString(resource['Type']) : undefined;
  return id !== undefined && type !== undefined && arnKindTypes(kind).includes(type) ? { Ref: id } : undefined;
};

/**
 * OpenSearch / Elasticsearch with `AWS_Auth On`: Fluent Bit signs `POST /_bulk` requests with SigV4
 * (docs "OpenSearch", "Elasticsearch"; AWS OpenSearch developer guide, "Identity and Access
 * Management": ESHttp* actions on `domain/<name>/*`). ESHttpPut is kept for index creation by
 * templates; a minimal set has not been verified (see firelens-facts §6). Serverless (`aoss`)
 * needs `aoss:APIAccessAll` on the collection in IAM; what the role may do inside the collection
 * is decided by the collection's data access policy, not by IAM.
 */
export const openSearchStatements: StatementsBuilder = (options, context) => {
  const notes: string[] = [];
  if (!flagMayBeOn(options, 'AWS_Auth', notes)) {
    return { statements: [], notes: [] };
  }
  const host = optionValue(options, 'Host');
  const serviceName = (literalString(optionValue(options, 'AWS_Service_Name')) ?? 'es').toLowerCase();
  const regionOption = optionValue(options, 'AWS_Region');
  const serverless = serviceName === 'aoss';
  const kind: ArnKind = serverless ? 'aossCollection' : 'openSearchDomain';
  const suffix = serverless ? '' : '/*';
  const hostText = literalString(host);
  const parsed = hostText === undefined ? null : (serverless ? COLLECTION_ENDPOINT : DOMAIN_ENDPOINT).exec(hostText.toLowerCase());
  let target: Json;
  let region: Json | undefined = regionOption;
  if (parsed !== null && parsed[1] !== undefined) {
    target = parsed[1];
    region = parsed[2] ?? regionOption;
  } else if (host !== undefined && sameTemplateTarget(host, kind, context) !== undefined) {
    // `!GetAtt Domain.DomainEndpoint` / `!GetAtt Collection.CollectionEndpoint`: the ARN of that resource.
    target = sameTemplateTarget(host, kind, context) ?? host;
  } else {
    target = '*';
    notes.push(
      `\`Host\` does not name an Amazon OpenSearch ${serverless ? 'Serverless collection' : 'Service domain'} endpoint the macro can read; the policy allows every ${serverless ? 'collection' : 'domain'} of the account in that region.`,
    );
  }
  if (hostText !== undefined && target === '*') {
    // A literal the macro cannot read is refused like a written wildcard (checks/iam.ts), unless accepted.
    const unreadable = unreadableEndpoint(hostText.toLowerCase(), serverless);
    const otherService = (serverless ? DOMAIN_ENDPOINT : COLLECTION_ENDPOINT).test(hostText.toLowerCase());
    context.onResource?.({ option: 'Host', value: hostText, kind, arn: '*', unreadable, otherService });
  }
  // A `*` domain is the macro's own answer to a host it cannot read (noted above), not something the user wrote.
  const built = buildArn(
    { kind, value: target, option: 'Host', suffix, region, regionOption: 'AWS_Region', written: target !== '*' },
    context,
  );
  notes.push(...built.notes);
  if (serverless) {
    notes.push(
      "The collection's data access policy must also allow this role (aoss:CreateIndex, aoss:WriteDocument …); IAM alone is not enough.",
    );
  }
  const actions = serverless ? ['aoss:APIAccessAll'] : ['es:ESHttpPost', 'es:ESHttpPut'];
  return { statements: [allow(actions, [built.arn])], notes };
};

/** Why a literal host is no endpoint of the service its options name (a Serverless one without `Serverless: true`, …). */
const unreadableEndpoint = (host: string, serverless: boolean): string => {
  if (!serverless && COLLECTION_ENDPOINT.test(host)) {
    return 'is an OpenSearch Serverless collection endpoint, but the output signs for a managed domain (set Serverless: true)';
  }
  if (serverless && DOMAIN_ENDPOINT.test(host)) {
    return 'is an OpenSearch Service domain endpoint, but the output signs for a Serverless collection (remove Serverless: true)';
  }
  return serverless
    ? 'is not a collection endpoint (<id>.<region>.aoss.amazonaws.com) the macro can read'
    : 'is not a domain endpoint (search-<name>-<id>.<region>.es.amazonaws.com) the macro can read';
};

/**
 * Cross-account delivery: with a role to assume, our task role only needs sts:AssumeRole on it;
 * the destination actions belong to that role's own policy, in the other account.
 */
export const assumeRoleStatements = (option: string, role: Json, context: ArnContext): StatementsResult => {
  const built = buildArn({ kind: 'iamRole', value: role, option }, context, true);
  return {
    statements: [allow(['sts:AssumeRole'], [built.arn])],
    notes: [...built.notes, `\`${option}\` is set: the destination permissions belong to that role, not to the task role.`],
  };
};
