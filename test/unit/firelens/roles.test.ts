import { ecsTasksTrustPolicy, provideRole, type RoleInput } from '../../../functions/shared/firelens/roles';
import { allow } from '../../../functions/shared/fluentbit/iam';

const PUT = allow(['firehose:PutRecordBatch'], ['arn:aws:firehose:eu-west-1:123456789012:deliverystream/logs']);

const role = (overrides: Partial<RoleInput>): RoleInput => ({
  kind: 'Task',
  taskLogicalId: 'Task',
  current: undefined,
  statements: [PUT],
  managedPolicyArns: [],
  resources: { AppRole: { Type: 'AWS::IAM::Role' }, Topic: { Type: 'AWS::SNS::Topic' } },
  externalRolesGranted: false,
  ...overrides,
});

describe('provideRole', () => {
  it('creates a role trusted by ECS tasks of this account when the task names none', () => {
    // Act
    const outcome = provideRole(role({}));

    // Assert
    expect(outcome.property).toEqual({ 'Fn::GetAtt': ['TaskFireLensTaskRole', 'Arn'] });
    expect(outcome.resources).toEqual([
      {
        logicalId: 'TaskFireLensTaskRole',
        resource: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: ecsTasksTrustPolicy('Task'),
            Policies: [{ PolicyName: 'firelens-task', PolicyDocument: { Version: '2012-10-17', Statement: [PUT] } }],
          },
        },
      },
    ]);
    expect(outcome.refused).toBe(false);
  });

  it('creates an execution role with only the managed fallback policy when there are no statements', () => {
    // Act
    const outcome = provideRole(role({ kind: 'Execution', statements: [], managedPolicyArns: ['arn:aws:iam::aws:policy/X'] }));

    // Assert
    expect(outcome.resources[0]?.resource['Properties']).toEqual({
      AssumeRolePolicyDocument: ecsTasksTrustPolicy('Execution'),
      ManagedPolicyArns: ['arn:aws:iam::aws:policy/X'],
    });
  });

  it('limits the task role’s trust to ECS resources of this account and region, and the execution role’s to the account', () => {
    // Act
    const task = JSON.stringify(ecsTasksTrustPolicy('Task'));
    const execution = JSON.stringify(ecsTasksTrustPolicy('Execution'));

    // Assert
    expect(task).toContain('aws:SourceArn');
    expect(execution).not.toContain('aws:SourceArn');
    expect(execution).toContain('aws:SourceAccount');
  });

  it('attaches a policy to a role of this template named by GetAtt, and makes the task wait for it', () => {
    // Act
    const outcome = provideRole(role({ current: { 'Fn::GetAtt': ['AppRole', 'Arn'] } }));

    // Assert
    expect(outcome.property).toBeUndefined();
    expect(outcome.resources).toEqual([
      {
        logicalId: 'TaskFireLensTaskPolicy',
        resource: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'firelens-task-Task',
            PolicyDocument: { Version: '2012-10-17', Statement: [PUT] },
            Roles: [{ Ref: 'AppRole' }],
          },
        },
      },
    ]);
    expect(outcome.dependsOn).toEqual(['TaskFireLensTaskPolicy']);
  });

  it('marks a role outside the template as refused, unless the user granted it', () => {
    // Act
    const refused = provideRole(role({ current: 'arn:aws:iam::123456789012:role/app' }));
    const granted = provideRole(role({ current: 'arn:aws:iam::123456789012:role/app', externalRolesGranted: true }));

    // Assert
    expect(refused).toEqual({ property: undefined, resources: [], dependsOn: [], refused: true });
    expect(granted).toEqual({ property: undefined, resources: [], dependsOn: [], refused: false });
  });

  it('treats a Ref to a resource that is not a role as outside the template', () => {
    // Act
    const outcome = provideRole(role({ current: { Ref: 'Topic' } }));

    // Assert
    expect(outcome.refused).toBe(true);
  });

  it('leaves every role alone when nothing is needed', () => {
    // Act
    const outcome = provideRole(role({ statements: [], current: 'arn:aws:iam::123456789012:role/app' }));

    // Assert
    expect(outcome).toEqual({ property: undefined, resources: [], dependsOn: [], refused: false });
  });
});
