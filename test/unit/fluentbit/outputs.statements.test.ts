import { statementsForOutput } from '../../../functions/shared/fluentbit/outputs';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';

const resources = {
  AppLogs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
  Delivery: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: {} },
  Stream: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 1 } },
  Archive: { Type: 'AWS::S3::Bucket', Properties: {} },
  Search: { Type: 'AWS::OpenSearchService::Domain', Properties: {} },
  Collection: { Type: 'AWS::OpenSearchServerless::Collection', Properties: { Name: 'logs' } },
  Writer: { Type: 'AWS::IAM::Role', Properties: {} },
};

const run = (options: JsonObject) => statementsForOutput(options, { resources });

const logsArn = (group: string, region = 'us-east-1') => ({
  'Fn::Sub': `arn:\${AWS::Partition}:logs:${region}:\${AWS::AccountId}:log-group:${group}`,
});

describe('statementsForOutput: cloudwatch_logs', () => {
  it('scopes stream actions to a literal log group', () => {
    // Act
    const result = run({ Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: '/ecs/app', log_stream_prefix: 'app-' });

    // Assert
    expect(result).toEqual({
      statements: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: [logsArn('/ecs/app:*')] },
        { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logsArn('/ecs/app:log-stream:*')] },
      ],
      notes: [],
    });
  });

  it('adds CreateLogGroup and PutRetentionPolicy only with auto_create_group and a retention', () => {
    // Act
    const result = run({
      Name: 'cloudwatch_logs',
      region: 'us-east-1',
      log_group_name: '/ecs/app',
      log_stream_name: 'main',
      auto_create_group: 'On',
      log_retention_days: '30',
    });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutRetentionPolicy'],
        Resource: [logsArn('/ecs/app:*')],
      },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logsArn('/ecs/app:log-stream:*')] },
    ]);
  });

  it('grants no PutRetentionPolicy when the plugin does not create the group, and says why', () => {
    // Act
    const result = run({ Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: 'g', log_stream_name: 's', log_retention_days: 7 });

    // Assert
    expect(result).toEqual({
      statements: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: [logsArn('g:*')] },
        { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logsArn('g:log-stream:*')] },
      ],
      notes: ['`log_retention_days` only applies to log groups the plugin creates; without `auto_create_group` it has no effect.'],
    });
  });

  it('uses GetAtt Arn and Ref of a log group in the same template', () => {
    // Act
    const result = run({ Name: 'cloudwatch_logs', region: 'us-east-1', log_group_name: { Ref: 'AppLogs' }, log_stream_prefix: 'app-' });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: [{ 'Fn::GetAtt': ['AppLogs', 'Arn'] }] },
      {
        Effect: 'Allow',
        Action: ['logs:PutLogEvents'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AppLogs}:log-stream:*' }],
      },
    ]);
  });

  it('passes a parameter log group name and a parameter region as Fn::Sub variables', () => {
    // Act
    const result = run({
      Name: 'cloudwatch_logs',
      region: { Ref: 'LogRegion' },
      log_group_name: { Ref: 'LogGroupName' },
      log_stream_prefix: 'x',
    });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream'],
        Resource: [
          {
            'Fn::Sub': [
              'arn:${AWS::Partition}:logs:${Region}:${AWS::AccountId}:log-group:${Name}:*',
              { Name: { Ref: 'LogGroupName' }, Region: { Ref: 'LogRegion' } },
            ],
          },
        ],
      },
      {
        Effect: 'Allow',
        Action: ['logs:PutLogEvents'],
        Resource: [
          {
            'Fn::Sub': [
              'arn:${AWS::Partition}:logs:${Region}:${AWS::AccountId}:log-group:${Name}:log-stream:*',
              { Name: { Ref: 'LogGroupName' }, Region: { Ref: 'LogRegion' } },
            ],
          },
        ],
      },
    ]);
  });

  it('passes an Fn::Sub log group name as a variable', () => {
    // Arrange
    const name = { 'Fn::Sub': '/ecs/${AWS::StackName}' };

    // Act
    const result = run({ Name: 'cloudwatch_logs', region: 'eu-west-1', log_group_name: name, log_stream_prefix: 'x' });

    // Assert
    expect(result.statements[0]).toEqual({
      Effect: 'Allow',
      Action: ['logs:CreateLogStream'],
      Resource: [{ 'Fn::Sub': ['arn:${AWS::Partition}:logs:eu-west-1:${AWS::AccountId}:log-group:${Name}:*', { Name: name }] }],
    });
  });

  it('adds the literal prefix of log_group_template next to log_group_name', () => {
    // Act
    const result = run({
      Name: 'cloudwatch_logs',
      region: 'us-east-1',
      log_group_name: 'fallback',
      log_group_template: '/aws/ecs/$ecs_task_definition',
      log_stream_prefix: 'x',
    });

    // Assert
    expect(result).toEqual({
      statements: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream'], Resource: [logsArn('fallback:*'), logsArn('/aws/ecs/*:*')] },
        {
          Effect: 'Allow',
          Action: ['logs:PutLogEvents'],
          Resource: [logsArn('fallback:log-stream:*'), logsArn('/aws/ecs/*:log-stream:*')],
        },
      ],
      notes: [
        '`log_group_template` is only known at run time (`/aws/ecs/$ecs_task_definition`); the policy allows everything starting with `/aws/ecs/`.',
      ],
    });
  });

  it('grants only sts:AssumeRole with role_arn', () => {
    // Act
    const result = run({
      Name: 'cloudwatch_logs',
      region: 'us-east-1',
      log_group_name: 'g',
      log_stream_prefix: 'x',
      role_arn: 'arn:aws:iam::111122223333:role/log-writer',
    });

    // Assert
    expect(result).toEqual({
      statements: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::111122223333:role/log-writer'] }],
      notes: ['`role_arn` is set: the destination permissions belong to that role, not to the task role.'],
    });
  });
});

describe('statementsForOutput: cloudwatch (Go)', () => {
  it('adds DescribeLogStreams and scopes a $(ecs_task_id) group to its prefix plus the default group', () => {
    // Act
    const result = run({
      Name: 'cloudwatch',
      region: 'us-east-1',
      log_group_name: '/ecs/app-$(ecs_task_id)',
      log_stream_name: '$(tag)',
      auto_create_group: 'true',
    });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams'],
          Resource: [logsArn('/ecs/app-*:*'), logsArn('fluentbit-default:*')],
        },
        {
          Effect: 'Allow',
          Action: ['logs:PutLogEvents'],
          Resource: [logsArn('/ecs/app-*:log-stream:*'), logsArn('fluentbit-default:log-stream:*')],
        },
      ],
      notes: [
        '`log_group_name` is only known at run time (`/ecs/app-$(ecs_task_id)`); the policy allows everything starting with `/ecs/app-`.',
      ],
    });
  });

  it('drops CreateLogStream when auto_create_stream is false', () => {
    // Act
    const result = run({ Name: 'cloudwatch', region: 'us-east-1', log_group_name: 'g', log_stream_name: 's', auto_create_stream: 'false' });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['logs:DescribeLogStreams'], Resource: [logsArn('g:*')] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logsArn('g:log-stream:*')] },
    ]);
  });

  it('grants tagging on a created group with new_log_group_tags', () => {
    // Act
    const result = run({
      Name: 'cloudwatch',
      region: 'us-east-1',
      log_group_name: 'g',
      log_stream_name: 's',
      auto_create_group: 'true',
      new_log_group_tags: 'team=a',
    });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams'], Resource: [logsArn('g:*')] },
      { Effect: 'Allow', Action: ['logs:PutLogEvents'], Resource: [logsArn('g:log-stream:*')] },
      { Effect: 'Allow', Action: ['logs:TagLogGroup', 'logs:TagResource'], Resource: [logsArn('g'), logsArn('g:*')] },
    ]);
  });
});

describe('statementsForOutput: firehose and kinesis_firehose', () => {
  it.each(['kinesis_firehose', 'firehose', 'Kinesis_Firehose'])('%s grants PutRecordBatch on a literal delivery stream', (name) => {
    // Act
    const result = run({ Name: name, region: 'eu-west-1', delivery_stream: 'app-logs' });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['firehose:PutRecordBatch'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:firehose:eu-west-1:${AWS::AccountId}:deliverystream/app-logs' }],
        },
      ],
      notes: [],
    });
  });

  it('uses GetAtt Arn for a delivery stream of the same template, by Ref or by GetAtt', () => {
    // Act
    const byRef = run({ Name: 'kinesis_firehose', region: 'eu-west-1', delivery_stream: { Ref: 'Delivery' } });
    const byGetAtt = run({ Name: 'kinesis_firehose', region: 'eu-west-1', delivery_stream: { 'Fn::GetAtt': ['Delivery', 'Arn'] } });

    // Assert
    const expected = [{ Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: [{ 'Fn::GetAtt': ['Delivery', 'Arn'] }] }];
    expect(byRef.statements).toEqual(expected);
    expect(byGetAtt.statements).toEqual(expected);
  });

  it('wraps a parameter delivery stream name in Fn::Sub', () => {
    // Act
    const result = run({ Name: 'kinesis_firehose', region: 'eu-west-1', delivery_stream: { Ref: 'StreamName' } });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecordBatch'],
        Resource: [
          {
            'Fn::Sub': [
              'arn:${AWS::Partition}:firehose:eu-west-1:${AWS::AccountId}:deliverystream/${Name}',
              { Name: { Ref: 'StreamName' } },
            ],
          },
        ],
      },
    ]);
  });

  it('grants only sts:AssumeRole on a same-template role', () => {
    // Act
    const result = run({ Name: 'firehose', region: 'eu-west-1', delivery_stream: 'x', role_arn: { 'Fn::GetAtt': ['Writer', 'Arn'] } });

    // Assert
    expect(result.statements).toEqual([{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [{ 'Fn::GetAtt': ['Writer', 'Arn'] }] }]);
  });

  it('uses a parameter role ARN as it is', () => {
    // Act
    const result = run({ Name: 'kinesis_firehose', region: 'eu-west-1', delivery_stream: 'x', ROLE_ARN: { Ref: 'CrossAccountRole' } });

    // Assert
    expect(result.statements).toEqual([{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [{ Ref: 'CrossAccountRole' }] }]);
  });
});

describe('statementsForOutput: kinesis and kinesis_streams', () => {
  it.each(['kinesis_streams', 'kinesis'])('%s grants PutRecords on a literal stream', (name) => {
    // Act
    const result = run({ Name: name, region: 'ap-south-1', stream: 'events' });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesis:PutRecords'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:ap-south-1:${AWS::AccountId}:stream/events' }],
      },
    ]);
  });

  it('uses GetAtt Arn for a stream of the same template, whose Ref is only its name', () => {
    // Act
    const result = run({ Name: 'kinesis_streams', region: 'ap-south-1', stream: { Ref: 'Stream' } });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['kinesis:PutRecords'], Resource: [{ 'Fn::GetAtt': ['Stream', 'Arn'] }] },
    ]);
  });

  it('scopes an environment-templated stream to its prefix', () => {
    // Act
    const result = run({ Name: 'kinesis', region: 'ap-south-1', stream: 'events-${ENVIRONMENT}' });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['kinesis:PutRecords'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:ap-south-1:${AWS::AccountId}:stream/events-*' }],
        },
      ],
      notes: ['`stream` is only known at run time (`events-${ENVIRONMENT}`); the policy allows everything starting with `events-`.'],
    });
  });
});

describe('statementsForOutput: s3', () => {
  it('scopes PutObject to the literal prefix of s3_key_format', () => {
    // Act
    const result = run({ Name: 's3', region: 'us-east-1', bucket: 'my-logs', s3_key_format: '/app/$TAG/%Y/%m/%d/$UUID.gz' });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['s3:AbortMultipartUpload', 's3:PutObject'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-logs/app/*' }],
        },
      ],
      notes: [
        '`s3_key_format` is only known at run time (`app/$TAG/%Y/%m/%d/$UUID.gz`); the policy allows everything starting with `app/`.',
      ],
    });
  });

  it('scopes to the default key prefix when s3_key_format is not set, without abort for PutObject uploads', () => {
    // Act
    const result = run({ Name: 's3', bucket: 'my-logs', use_put_object: 'On' });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::my-logs/fluent-bit-logs/*' }] },
    ]);
  });

  it('adds PutObjectAcl with canned_acl and uses the Arn of a bucket of the same template', () => {
    // Act
    const result = run({
      Name: 's3',
      bucket: { Ref: 'Archive' },
      s3_key_format: '/static/file.log',
      canned_acl: 'bucket-owner-full-control',
    });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['s3:AbortMultipartUpload', 's3:PutObject', 's3:PutObjectAcl'],
          Resource: [{ 'Fn::Sub': '${Archive.Arn}/static/file.log*' }],
        },
      ],
      notes: [],
    });
  });

  it('wraps a parameter bucket name in Fn::Sub', () => {
    // Act
    const result = run({ Name: 's3', bucket: { Ref: 'BucketName' }, s3_key_format: '/logs/%Y', use_put_object: 'true' });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: [{ 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${Name}/logs/*', { Name: { Ref: 'BucketName' } }] }],
      },
    ]);
  });
});

describe('statementsForOutput: opensearch and es', () => {
  it('derives the domain from a public endpoint', () => {
    // Act
    const result = run({
      Name: 'opensearch',
      Host: 'search-app-logs-abc123def456.eu-central-1.es.amazonaws.com',
      Port: 443,
      AWS_Auth: 'On',
      AWS_Region: 'eu-central-1',
    });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['es:ESHttpPost', 'es:ESHttpPut'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:es:eu-central-1:${AWS::AccountId}:domain/app-logs/*' }],
        },
      ],
      notes: [],
    });
  });

  it('derives the domain from a VPC endpoint for the es plugin', () => {
    // Act
    const result = run({ Name: 'es', Host: 'vpc-orders-x1y2z3.us-west-2.es.amazonaws.com', aws_auth: 'on' });

    // Assert
    expect(result.statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['es:ESHttpPost', 'es:ESHttpPut'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:es:us-west-2:${AWS::AccountId}:domain/orders/*' }],
      },
    ]);
  });

  it('uses the Arn of a domain of the same template named through GetAtt DomainEndpoint', () => {
    // Act
    const result = run({ Name: 'opensearch', Host: { 'Fn::GetAtt': ['Search', 'DomainEndpoint'] }, AWS_Auth: 'On' });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['es:ESHttpPost', 'es:ESHttpPut'], Resource: [{ 'Fn::Sub': '${Search.Arn}/*' }] },
    ]);
  });

  it('grants aoss:APIAccessAll on the collection for OpenSearch Serverless', () => {
    // Act
    const result = run({ Name: 'opensearch', Host: 'k1x2y3z4.us-east-1.aoss.amazonaws.com', AWS_Auth: 'On', AWS_Service_Name: 'aoss' });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['aoss:APIAccessAll'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:aoss:us-east-1:${AWS::AccountId}:collection/k1x2y3z4' }],
        },
      ],
      notes: [
        "The collection's data access policy must also allow this role (aoss:CreateIndex, aoss:WriteDocument …); IAM alone is not enough.",
      ],
    });
  });

  it('uses the Arn of a collection of the same template', () => {
    // Act
    const result = run({
      Name: 'opensearch',
      Host: { 'Fn::GetAtt': ['Collection', 'CollectionEndpoint'] },
      AWS_Auth: 'On',
      AWS_Service_Name: 'aoss',
    });

    // Assert
    expect(result.statements).toEqual([
      { Effect: 'Allow', Action: ['aoss:APIAccessAll'], Resource: [{ 'Fn::GetAtt': ['Collection', 'Arn'] }] },
    ]);
  });

  it('falls back to every domain of the account and region for an unreadable host, and says so', () => {
    // Act
    const result = run({ Name: 'opensearch', Host: 'logs.example.com', AWS_Auth: 'On', AWS_Region: 'us-east-2' });

    // Assert
    expect(result).toEqual({
      statements: [
        {
          Effect: 'Allow',
          Action: ['es:ESHttpPost', 'es:ESHttpPut'],
          Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:es:us-east-2:${AWS::AccountId}:domain/*/*' }],
        },
      ],
      notes: [
        '`Host` does not name an Amazon OpenSearch Service domain endpoint the macro can read; the policy allows every domain of the account in that region.',
      ],
    });
  });

  it('grants nothing without AWS_Auth', () => {
    // Act
    const result = run({ Name: 'opensearch', Host: 'search-a-b.us-east-1.es.amazonaws.com', HTTP_User: 'u' });

    // Assert
    expect(result).toEqual({ statements: [], notes: [] });
  });

  it('grants only sts:AssumeRole with AWS_Role_ARN', () => {
    // Act
    const result = run({
      Name: 'opensearch',
      Host: 'search-a-b.us-east-1.es.amazonaws.com',
      AWS_Auth: 'On',
      AWS_Role_ARN: 'arn:aws:iam::444455556666:role/os-writer',
    });

    // Assert
    expect(result).toEqual({
      statements: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::444455556666:role/os-writer'] }],
      notes: ['`AWS_Role_ARN` is set: the destination permissions belong to that role, not to the task role.'],
    });
  });
});

describe('statementsForOutput: other destinations', () => {
  it.each(['datadog', 'http', 'loki', 'splunk', 'newrelic', 'forward', 'kafka', 'null', 'stdout'])(
    '%s needs nothing on the task role',
    (name) => {
      // Act
      const result = run({ Name: name, Host: 'example.com' });

      // Assert
      expect(result).toEqual({ statements: [], notes: [] });
    },
  );

  it('derives nothing for a plugin outside the catalogue and says so', () => {
    // Act
    const result = run({ Name: 'sumo_logic' });

    // Assert
    expect(result).toEqual({ statements: [], notes: ['`sumo_logic` is not in the catalogue; no destination permissions are derived.'] });
  });

  it('derives nothing when Name is an intrinsic', () => {
    // Act
    const result = run({ Name: { Ref: 'PluginName' } });

    // Assert
    expect(result).toEqual({
      statements: [],
      notes: ['The output has a `Name` known only at deploy time; no destination permissions can be derived.'],
    });
  });
});
