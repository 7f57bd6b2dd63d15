import { fl1601TaskRoleOutputActions } from '../../functions/shared/rules/catalog/fl1601-task-role-output-actions';
import { ruleTester } from '../helpers/rule-tester';

const TASK_ROLE = ['Resources', 'Task', 'Properties', 'TaskRoleArn'];

ruleTester(fl1601TaskRoleOutputActions, {
  valid: [
    'good/aws-example-datadog.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
    'bad/FL1601/ok-scoped-to-the-streams.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1601/firehose-without-put-record-batch.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 19,
          column: 7,
          message: 'Task role TaskRole of Task lacks firehose:PutRecordBatch, needed by the output of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/separate-policy-missing-create-group.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 22,
          column: 7,
          message: 'Task role TaskRole of Task lacks logs:CreateLogGroup',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/execution-policy-only.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 17,
          column: 7,
          message: 'Task role TaskRole of Task lacks firehose:PutRecordBatch, needed by the output of !Ref WorkloadName',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/put-record-batch-on-other-stream.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 18,
          column: 7,
          message:
            'Task role TaskRole of Task does not allow firehose:PutRecordBatch on arn:${AWS::Partition}:firehose:us-east-1:${AWS::AccountId}:deliverystream/my-stream (its statements name other resources), needed by the output of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/no-task-role-fargate.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: ['Resources', 'Task', 'Properties'],
          line: 5,
          column: 5,
          message:
            'Task has no TaskRoleArn, but the output of app needs firehose:PutRecordBatch: on Fargate the log router has no credentials',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/no-task-role-ec2.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: ['Resources', 'Task', 'Properties'],
          line: 6,
          column: 5,
          severity: 'informational',
          message: "Task has no TaskRoleArn, so on EC2 the log router would use the container instance's role",
        },
      ],
    },
    {
      fixture: 'bad/FL1601/other-managed-policy.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 13,
          column: 7,
          severity: 'informational',
          message:
            'Cannot check that task role TaskRole of Task allows firehose:PutRecordBatch on arn:${AWS::Partition}:firehose:us-east-1:${AWS::AccountId}:deliverystream/my-stream, needed by the output of app: it has managed policy arn:aws:iam::aws:policy/AmazonKinesisFirehoseFullAccess',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/role-from-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: TASK_ROLE,
          line: 10,
          column: 7,
          severity: 'informational',
          message:
            'Cannot check that task role !Ref TaskRoleArn of Task allows firehose:PutRecordBatch, needed by the output of app: the role is not defined in this template',
        },
      ],
    },
    {
      fixture: 'good/aws-example-config-file-type-file.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: ['Resources', 'TaskDefinition', 'Properties', 'TaskRoleArn'],
          line: 8,
          column: 7,
          severity: 'informational',
          message:
            'Cannot check that task role "arn:aws:iam::111122223333:role/ecs_task_iam_role" of TaskDefinition allows firehose:PutRecordBatch, needed by the output of app: the role is not defined in this template',
        },
      ],
    },
  ],
});
