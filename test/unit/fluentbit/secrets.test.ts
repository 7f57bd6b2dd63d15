import { secretArnOf, secretStatements, secretStatementsWithNotes } from '../../../functions/shared/fluentbit/outputs';

const resources = {
  ApiKey: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
  Token: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/logging/token', Type: 'String', Value: 'x' } },
  Key: { Type: 'AWS::KMS::Key', Properties: {} },
};

describe('secretStatements', () => {
  it('grants GetSecretValue on the secret of an ARN with a JSON key suffix', () => {
    // Act
    const statements = secretStatements(
      [{ Name: 'apikey', ValueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:datadog-AbC123:api_key::' }],
      { resources },
    );

    // Assert
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: ['arn:aws:secretsmanager:us-east-1:111122223333:secret:datadog-AbC123'],
      },
    ]);
  });

  it('grants GetParameters on SSM parameter ARNs and names', () => {
    // Act
    const statements = secretStatements(
      [
        { Name: 'a', ValueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/logging/key' },
        { Name: 'b', ValueFrom: '/logging/other' },
        { Name: 'c', ValueFrom: 'plain-name' },
      ],
      { resources },
    );

    // Assert
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [
          'arn:aws:ssm:us-east-1:111122223333:parameter/logging/key',
          { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/logging/other' },
          { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/plain-name' },
        ],
      },
    ]);
  });

  it('uses Ref of a same-template secret and the name of a same-template parameter', () => {
    // Act
    const statements = secretStatements(
      [
        { Name: 'apikey', ValueFrom: { Ref: 'ApiKey' } },
        { Name: 'token', ValueFrom: { Ref: 'Token' } },
      ],
      { resources },
    );

    // Assert
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [{ Ref: 'ApiKey' }] },
      {
        Effect: 'Allow',
        Action: ['ssm:GetParameters'],
        Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/logging/token' }],
      },
    ]);
  });

  it('tells Secrets Manager from SSM in an Fn::Sub ARN', () => {
    // Arrange
    const secret = { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:dd-AbC123' };
    const parameter = { 'Fn::Sub': 'arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/dd' };

    // Act
    const statements = secretStatements(
      [
        { Name: 'a', ValueFrom: secret },
        { Name: 'b', valueFrom: parameter },
      ],
      { resources },
    );

    // Assert
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [secret] },
      { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [parameter] },
    ]);
  });

  it('grants both read actions on a parameter value it cannot classify, and says so', () => {
    // Act
    const result = secretStatementsWithNotes([{ Name: 'a', ValueFrom: { Ref: 'SecretArn' } }], { resources });

    // Assert
    expect(result).toEqual({
      statements: [
        { Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [{ Ref: 'SecretArn' }] },
        { Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [{ Ref: 'SecretArn' }] },
      ],
      notes: ['A secret `ValueFrom` is only known at deploy time; it must be a full ARN, and both read actions are granted on it.'],
    });
  });

  it('adds kms:Decrypt only when a key is named', () => {
    // Arrange
    const secrets = [{ Name: 'a', ValueFrom: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:dd-AbC123' }];

    // Act
    const without = secretStatements(secrets, { resources });
    const withKey = secretStatements(secrets, { resources, kmsKeyArn: { Ref: 'Key' } });
    const withId = secretStatements(secrets, { resources, kmsKeyArn: '1234abcd-12ab-34cd-56ef-1234567890ab' });

    // Assert
    expect(without.map((s) => s.Action)).toEqual([['secretsmanager:GetSecretValue']]);
    expect(withKey[1]).toEqual({ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [{ 'Fn::GetAtt': ['Key', 'Arn'] }] });
    expect(withId[1]).toEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab' }],
    });
  });

  it('matches a key named by alias through the kms:ResourceAliases condition', () => {
    // Act
    const statements = secretStatements([{ Name: 'a', ValueFrom: '/p' }], { resources, kmsKeyArn: 'alias/logging' });

    // Assert
    expect(statements[1]).toEqual({
      Effect: 'Allow',
      Action: ['kms:Decrypt'],
      Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*' }],
      Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/logging' } },
    });
  });

  it('returns nothing for an empty or absent list', () => {
    // Act
    const empty = secretStatements([], { resources, kmsKeyArn: 'alias/x' });
    const absent = secretStatements(null, { resources });

    // Assert
    expect([empty, absent]).toEqual([[], []]);
  });
});

describe('secretArnOf', () => {
  it.each([
    ['arn:aws:secretsmanager:us-east-1:1:secret:app-AbC123', 'arn:aws:secretsmanager:us-east-1:1:secret:app-AbC123'],
    ['arn:aws:secretsmanager:us-east-1:1:secret:app-AbC123:key:AWSCURRENT:', 'arn:aws:secretsmanager:us-east-1:1:secret:app-AbC123'],
    ['arn:aws:secretsmanager:us-east-1:1:secret:app', 'arn:aws:secretsmanager:us-east-1:1:secret:app-??????'],
  ])('%s → %s', (valueFrom, expected) => {
    // Act
    const arn = secretArnOf(valueFrom);

    // Assert
    expect(arn).toBe(expected);
  });
});
