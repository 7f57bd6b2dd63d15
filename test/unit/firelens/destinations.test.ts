import { expandTemplate } from '../../../functions/shared/firelens';
import type { Json, JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';
import { fargateTaskTemplate } from '../../helpers/fixtures';

/** The expansion of a Fargate task whose one container `app` routes to `destination`. */
const expandWith = (destination: string, extraResources = ''): JsonObject => {
  const result = expandTemplate(fargateTaskTemplate(destination, extraResources));
  if (!result.ok) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.fragment;
};

const resources = (fragment: JsonObject): Record<string, JsonObject> => fragment['Resources'] as Record<string, JsonObject>;
const appOptions = (fragment: JsonObject): Json =>
  (
    ((resources(fragment)['Task']?.['Properties'] as JsonObject)['ContainerDefinitions'] as JsonObject[])[1]?.[
      'LogConfiguration'
    ] as JsonObject
  )['Options'] ?? null;
const taskStatements = (fragment: JsonObject): Json =>
  (
    ((resources(fragment)['TaskFireLensTaskRole']?.['Properties'] as JsonObject)['Policies'] as JsonObject[])[0]?.[
      'PolicyDocument'
    ] as JsonObject
  )['Statement'] ?? null;

describe('destinations', () => {
  it('S3: a bucket of the template, scoped to the literal prefix of the key format', () => {
    // Act
    const fragment = expandWith('{S3: {BucketName: !Ref Logs, KeyFormat: /app/$TAG/%Y/%m/%d/$UUID.gz}}', '  Logs: {Type: AWS::S3::Bucket}');

    // Assert
    expect(appOptions(fragment)).toEqual({
      Name: 's3',
      region: { Ref: 'AWS::Region' },
      bucket: { Ref: 'Logs' },
      s3_key_format: '/app/$TAG/%Y/%m/%d/$UUID.gz',
    });
    expect(taskStatements(fragment)).toEqual([
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: [{ 'Fn::Sub': '${Logs.Arn}/app/*' }] },
    ]);
  });

  it('KinesisStreams: a stream by name in another region', () => {
    const fragment = expandWith('{KinesisStreams: {StreamName: app-stream, Region: eu-west-1}}');

    expect(appOptions(fragment)).toEqual({ Name: 'kinesis_streams', region: 'eu-west-1', stream: 'app-stream' });
    expect(taskStatements(fragment)).toEqual([
      {
        Effect: 'Allow',
        Action: ['kinesis:PutRecords'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:kinesis:eu-west-1:${AWS::AccountId}:stream/app-stream' }],
      },
    ]);
  });

  it('OpenSearch: a managed domain from its endpoint, with SigV4 on port 443', () => {
    const fragment = expandWith('{OpenSearch: {Endpoint: search-logs-abc123.eu-west-1.es.amazonaws.com, Index: app}}');

    expect(appOptions(fragment)).toEqual({
      Name: 'opensearch',
      Host: 'search-logs-abc123.eu-west-1.es.amazonaws.com',
      Port: '443',
      Index: 'app',
      tls: 'On',
      AWS_Auth: 'On',
      AWS_Region: { Ref: 'AWS::Region' },
      Suppress_Type_Name: 'On',
    });
    expect(taskStatements(fragment)).toEqual([
      {
        Effect: 'Allow',
        Action: ['es:ESHttpPost', 'es:ESHttpPut'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:es:eu-west-1:${AWS::AccountId}:domain/logs/*' }],
      },
    ]);
  });

  it('OpenSearch Serverless: the collection from its endpoint', () => {
    const fragment = expandWith(
      '{OpenSearch: {Endpoint: abc123xyz.eu-west-1.aoss.amazonaws.com, Index: app, Serverless: true, Region: eu-west-1}}',
    );

    expect(appOptions(fragment)).toMatchObject({ AWS_Service_Name: 'aoss', AWS_Region: 'eu-west-1' });
    expect(taskStatements(fragment)).toEqual([
      {
        Effect: 'Allow',
        Action: ['aoss:APIAccessAll'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:aoss:eu-west-1:${AWS::AccountId}:collection/abc123xyz' }],
      },
    ]);
  });

  it('Custom with a Go plugin and role_arn: only sts:AssumeRole on that role', () => {
    const fragment = expandWith(
      "{Custom: {Name: firehose, Options: {region: us-west-2, delivery_stream: shared, role_arn: 'arn:aws:iam::999988887777:role/log-writer'}}}",
    );

    expect(taskStatements(fragment)).toEqual([
      { Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: ['arn:aws:iam::999988887777:role/log-writer'] },
    ]);
  });

  it('CloudWatchLogs: run-time templating in the group name is scoped to its literal prefix', () => {
    const fragment = expandWith(
      '{Custom: {Name: cloudwatch, Options: {region: us-east-1, log_group_name: /ecs/app-$(ecs_task_id), log_stream_prefix: s-}}}',
    );

    expect(JSON.stringify(taskStatements(fragment))).toContain('log-group:/ecs/app-*');
  });

  it('Custom with an output Fluent Bit would reject fails the expansion', () => {
    expect(() => expandWith('{Custom: {Name: kinesis_firehose, Options: {region: us-east-1}}}')).toThrow(
      '`kinesis_firehose` needs `delivery_stream`',
    );
  });

  it('never grants on "*" except ecr:GetAuthorizationToken, which accepts no narrower resource', () => {
    // Arrange
    const destinations = [
      '{CloudWatchLogs: {}}',
      '{CloudWatchLogs: {LogGroupName: !Ref Group}}',
      '{Firehose: {DeliveryStreamName: !Ref Param}}',
      '{KinesisStreams: {StreamName: !Sub "${AWS::StackName}-logs"}}',
      '{S3: {BucketName: my-bucket}}',
      '{OpenSearch: {Endpoint: !ImportValue SearchHost, Index: app}}',
      '{Custom: {Name: cloudwatch, Options: {region: eu-west-1, log_group_name: $(tag), log_stream_name: x, auto_create_group: true}}}',
    ];

    // Act
    const wildcards = destinations.flatMap((destination) => {
      const fragment = expandWith(destination, '  Group: {Type: AWS::Logs::LogGroup}');
      const found: string[] = [];
      const walk = (value: Json, actions: Json): void => {
        if (Array.isArray(value)) {
          value.forEach((v) => {
            walk(v, actions);
          });
        } else if (value !== null && typeof value === 'object') {
          if (Array.isArray(value['Resource']) && value['Resource'].includes('*')) {
            found.push(JSON.stringify(value['Action']));
          }
          Object.values(value).forEach((v) => {
            walk(v, actions);
          });
        }
      };
      walk(fragment, null);
      return found;
    });

    // Assert
    expect([...new Set(wildcards)]).toEqual(['["ecr:GetAuthorizationToken"]']);
  });
});

describe('secrets', () => {
  it('gives the execution role read access to exactly the secrets, and kms:Decrypt only on a named key', () => {
    // Arrange
    const yaml = (kms: string): string => `Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [EC2]
      ContainerDefinitions:
        - {Name: app, Image: public.ecr.aws/docker/library/nginx:1.27, Memory: 128}
      FireLens:
${kms}
        Destination:
          Custom:
            Name: datadog
            Options: {Host: http-intake.logs.datadoghq.com}
            SecretOptions:
              - {Name: apikey, ValueFrom: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-api-AbCdEf'}
`;
    const statementsOf = (text: string): Json => {
      const result = expandTemplate(loadTemplate(text).template);
      if (!result.ok) {
        throw new Error(JSON.stringify(result.problems));
      }
      const role = resources(result.fragment)['TaskFireLensExecutionRole']?.['Properties'] as JsonObject;
      return ((role['Policies'] as JsonObject[])[0]?.['PolicyDocument'] as JsonObject)['Statement'] ?? null;
    };

    // Act
    const withoutKey = statementsOf(yaml(''));
    const withKey = statementsOf(
      yaml("        SecretsKmsKey: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'"),
    );

    // Assert
    const secretRead = {
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-api-AbCdEf'],
    };
    expect(withoutKey).toContainEqual(secretRead);
    expect(JSON.stringify(withoutKey)).not.toContain('kms:Decrypt');
    expect(withKey).toContainEqual(secretRead);
    expect(JSON.stringify(withKey)).toContain('"kms:Decrypt"');
    expect(JSON.stringify(withKey)).toContain('key/1234abcd-12ab-34cd-56ef-1234567890ab');
  });
});
