import type { PolicyStatement } from '../../../functions/shared/fluentbit/iam';
import { allow, buildArn, canonicalJson, mergeStatements } from '../../../functions/shared/fluentbit/iam';

describe('mergeStatements', () => {
  it('merges statements on the same resources into one with sorted, unique actions', () => {
    // Arrange
    const statements: PolicyStatement[] = [
      { Effect: 'Allow', Action: ['logs:PutLogEvents', 'logs:CreateLogStream'], Resource: ['arn:a', 'arn:b'] },
      { Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: ['arn:f'] },
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams'], Resource: ['arn:b', 'arn:a'] },
    ];

    // Act
    const merged = mergeStatements(statements);

    // Assert
    expect(merged).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'], Resource: ['arn:a', 'arn:b'] },
      { Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: ['arn:f'] },
    ]);
  });

  it('keeps statements with different conditions apart', () => {
    // Arrange
    const condition = { StringEquals: { 'aws:SourceAccount': '1' } };
    const statements: PolicyStatement[] = [
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:k'], Condition: condition },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:k'] },
    ];

    // Act
    const merged = mergeStatements(statements);

    // Assert
    expect(merged).toEqual([
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:k'], Condition: condition },
      { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: ['arn:k'] },
    ]);
  });

  it('treats intrinsic resources with the same content as equal, whatever their key order', () => {
    // Arrange
    const a = { 'Fn::Sub': ['arn:${Name}', { Name: { Ref: 'P' }, Region: 'x' }] };
    const b = { 'Fn::Sub': ['arn:${Name}', { Region: 'x', Name: { Ref: 'P' } }] };

    // Act
    const merged = mergeStatements([allow(['kinesis:PutRecords'], [a]), allow(['kinesis:PutRecords'], [b, a])]);

    // Assert
    expect(merged).toEqual([{ Effect: 'Allow', Action: ['kinesis:PutRecords'], Resource: [a] }]);
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('buildArn', () => {
  const resources = {
    Stream: { Type: 'AWS::Kinesis::Stream', Properties: {} },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    Param: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/app/key', Type: 'String', Value: 'x' } },
    Group: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
  };

  it('builds an Fn::Sub ARN from a literal name and a literal region', () => {
    // Arrange
    const input = { kind: 'deliveryStream' as const, value: 'app-logs', option: 'delivery_stream', region: 'eu-west-1' };

    // Act
    const result = buildArn(input, { resources });

    // Assert
    expect(result).toEqual({
      arn: { 'Fn::Sub': 'arn:${AWS::Partition}:firehose:eu-west-1:${AWS::AccountId}:deliverystream/app-logs' },
      notes: [],
    });
  });

  it('uses the stack region when no region is given', () => {
    // Act
    const result = buildArn({ kind: 'kinesisStream', value: 'logs', option: 'stream' }, { resources });

    // Assert
    expect(result.arn).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/logs' });
  });

  it('passes an intrinsic region as an Fn::Sub variable', () => {
    // Act
    const result = buildArn({ kind: 'kinesisStream', value: 'logs', option: 'stream', region: { Ref: 'Region' } }, { resources });

    // Assert
    expect(result.arn).toEqual({
      'Fn::Sub': ['arn:${AWS::Partition}:kinesis:${Region}:${AWS::AccountId}:stream/logs', { Region: { Ref: 'Region' } }],
    });
  });

  it('wraps any other intrinsic name in an Fn::Sub variable', () => {
    // Act
    const result = buildArn(
      { kind: 'deliveryStream', value: { 'Fn::ImportValue': 'Shared-Stream' }, option: 'delivery_stream' },
      { resources },
    );

    // Assert
    expect(result.arn).toEqual({
      'Fn::Sub': [
        'arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/${Name}',
        { Name: { 'Fn::ImportValue': 'Shared-Stream' } },
      ],
    });
  });

  it('uses GetAtt Arn for a same-template resource whose Ref returns a name', () => {
    // Act
    const result = buildArn({ kind: 'kinesisStream', value: { Ref: 'Stream' }, option: 'stream' }, { resources });

    // Assert
    expect(result.arn).toEqual({ 'Fn::GetAtt': ['Stream', 'Arn'] });
  });

  it('uses Ref for a same-template secret, whose Ref returns the ARN', () => {
    // Act
    const result = buildArn({ kind: 'secret', value: { Ref: 'Secret' }, option: 'ValueFrom' }, { resources }, true);

    // Assert
    expect(result.arn).toEqual({ Ref: 'Secret' });
  });

  it('builds a same-template SSM parameter ARN from its literal name without the leading slash', () => {
    // Act
    const result = buildArn({ kind: 'ssmParameter', value: { Ref: 'Param' }, option: 'ValueFrom' }, { resources });

    // Assert
    expect(result.arn).toEqual({ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/key' });
  });

  it('appends a suffix to a same-template resource ARN through Fn::Sub', () => {
    // Act
    const result = buildArn({ kind: 's3Bucket', value: { Ref: 'Bucket' }, option: 'bucket', suffix: '/logs/*' }, { resources });

    // Assert
    expect(result.arn).toEqual({ 'Fn::Sub': '${Bucket.Arn}/logs/*' });
  });

  it('uses a literal ARN given where a name is expected as it is', () => {
    // Act
    const result = buildArn(
      { kind: 'deliveryStream', value: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/s', option: 'delivery_stream' },
      { resources },
    );

    // Assert
    expect(result).toEqual({ arn: 'arn:aws:firehose:eu-west-1:111122223333:deliverystream/s', notes: [] });
  });

  it('scopes a run-time templated name to its literal prefix and says so', () => {
    // Act
    const result = buildArn({ kind: 'logGroup', value: '/ecs/${ECS_TASK_ID}', option: 'log_group_name', suffix: ':*' }, { resources });

    // Assert
    expect(result).toEqual({
      arn: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/ecs/*:*' },
      notes: ['`log_group_name` is only known at run time (`/ecs/${ECS_TASK_ID}`); the policy allows everything starting with `/ecs/`.'],
    });
  });

  it('notes a Ref to a same-template resource of another type and treats it as a name', () => {
    // Act
    const result = buildArn({ kind: 'kinesisStream', value: { Ref: 'Bucket' }, option: 'stream' }, { resources });

    // Assert
    expect(result).toEqual({
      arn: {
        'Fn::Sub': ['arn:${AWS::Partition}:kinesis:${AWS::Region}:${AWS::AccountId}:stream/${Name}', { Name: { Ref: 'Bucket' } }],
      },
      notes: ['`stream` refers to Bucket, a AWS::S3::Bucket, not a AWS::Kinesis::Stream.'],
    });
  });
});
