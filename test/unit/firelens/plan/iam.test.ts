import { deriveTask } from '../../../../functions/shared/firelens/derive/derive-task';
import { planIam } from '../../../../functions/shared/firelens/plan/iam';
import type { JsonObject } from '../../../../functions/shared/template/intrinsics';
import { specAndTask, taskYaml } from '../helpers';

const plan = (yaml: string) => {
  const { spec, task } = specAndTask(yaml);
  return planIam(spec, task, deriveTask(spec, task));
};

/** The actions of the inline policy of a generated role, or of a generated policy. */
const actionsOf = (resource: JsonObject | undefined): string[] => {
  const properties = resource?.['Properties'] as JsonObject | undefined;
  const document = (properties?.['PolicyDocument'] ?? (properties?.['Policies'] as JsonObject[] | undefined)?.[0]?.['PolicyDocument']) as
    { Statement: { Action: string[] }[] } | undefined;
  return (document?.Statement ?? []).flatMap((s) => s.Action);
};

const FIREHOSE = '        Destination: {Firehose: {DeliveryStreamName: logs}}';

describe('planIam', () => {
  it('creates both roles for a task that names none, and points the task at them', () => {
    // Act
    const { properties, resources, dependsOn } = plan(taskYaml({ fireLens: FIREHOSE }));

    // Assert
    expect(properties).toEqual({
      TaskRoleArn: { 'Fn::GetAtt': ['TaskFireLensTaskRole', 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': ['TaskFireLensExecutionRole', 'Arn'] },
    });
    expect(resources.map((r) => r.logicalId)).toEqual(['TaskFireLensTaskRole', 'TaskFireLensExecutionRole']);
    expect(actionsOf(resources[0]?.resource)).toEqual(['firehose:PutRecordBatch']);
    expect(actionsOf(resources[1]?.resource)).toEqual(
      expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents', 'ecr:GetAuthorizationToken', 'ecr:BatchGetImage']),
    );
    expect(dependsOn).toEqual([]);
  });

  it('attaches a policy to a role of the template, and makes the task wait for it', () => {
    // Act
    const { properties, resources, dependsOn } = plan(
      taskYaml({
        properties: `      RequiresCompatibilities: [FARGATE]
      TaskRoleArn: !GetAtt AppRole.Arn
      ExecutionRoleArn: arn:aws:iam::123456789012:role/exec`,
        fireLens: `        ExternalRolesGranted: true\n${FIREHOSE}`,
        extraResources: '  AppRole:\n    Type: AWS::IAM::Role\n    Properties: {AssumeRolePolicyDocument: {}}',
      }),
    );

    // Assert
    expect(properties).toEqual({});
    expect(resources.map((r) => [r.logicalId, r.resource['Type']])).toEqual([['TaskFireLensTaskPolicy', 'AWS::IAM::Policy']]);
    expect((resources[0]?.resource['Properties'] as JsonObject)['Roles']).toEqual([{ Ref: 'AppRole' }]);
    expect(dependsOn).toEqual(['TaskFireLensTaskPolicy']);
  });

  it('derives no task-role statements for a fluentd router (its outputs are not in the Fluent Bit catalogue)', () => {
    // Act
    const { properties, resources } = plan(
      taskYaml({
        fireLens: '        Router: {Type: fluentd, Image: fluent/fluentd, LogGroup: false}\n        Destination: {Custom: {Name: forward}}',
      }),
    );

    // Assert
    expect(properties).toEqual({});
    expect(resources).toEqual([]);
  });

  it('gives a created execution role read access to the app containers’ own Secrets', () => {
    // Act
    const { resources } = plan(
      taskYaml({
        containers: `        - Name: app
          Image: x
          Secrets: [{Name: DB, ValueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db'}]`,
      }),
    );

    // Assert
    const execution = resources.find((r) => r.logicalId === 'TaskFireLensExecutionRole');
    expect(actionsOf(execution?.resource)).toContain('ssm:GetParameters');
  });
});
