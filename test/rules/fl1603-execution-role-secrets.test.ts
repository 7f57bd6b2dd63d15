import { fl1603ExecutionRoleSecrets } from '../../functions/shared/rules/catalog/fl1603-execution-role-secrets';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

const EXECUTION_ROLE = ['Resources', 'Task', 'Properties', 'ExecutionRoleArn'];

ruleTester(fl1603ExecutionRoleSecrets, {
  valid: [...GOOD_TEMPLATES.filter((t) => t !== 'good/aws-example-datadog.yaml'), 'bad/FL1603/ok-reads-its-secrets.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1603/no-execution-role.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'Name'],
          line: 13,
          column: 11,
          message: 'app reads secrets but Task has no ExecutionRoleArn',
        },
      ],
    },
    {
      fixture: 'bad/FL1603/execution-policy-only.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: EXECUTION_ROLE,
          line: 13,
          column: 7,
          message:
            'Execution role ExecutionRole of Task does not allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog-api-key-AbCdEf, needed to fetch the secrets of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1603/ssm-parameter-outside-the-allowed-path.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: EXECUTION_ROLE,
          line: 18,
          column: 7,
          message:
            'does not allow ssm:GetParameters on arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db-password, needed to fetch the secrets of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1603/customer-key-without-decrypt.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: EXECUTION_ROLE,
          line: 27,
          column: 7,
          message: 'Execution role ExecutionRole of Task does not allow kms:Decrypt on ${Key.Arn}, needed to fetch the secrets of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1603/role-from-import.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: EXECUTION_ROLE,
          line: 7,
          column: 7,
          severity: 'informational',
          message:
            'Cannot check that execution role !ImportValue shared-execution-role-arn of Task allows secretsmanager:GetSecretValue on the secrets of app: the role is not defined in this template',
        },
      ],
    },
    {
      fixture: 'good/aws-example-datadog.yaml',
      findings: [
        {
          ruleId: 'FL1603',
          path: ['Resources', 'TaskDefinition', 'Properties', 'ExecutionRoleArn'],
          line: 8,
          column: 7,
          severity: 'informational',
          message: 'Cannot check that execution role "arn:aws:iam::111122223333:role/ecs_task_execution_role" of TaskDefinition allows',
        },
      ],
    },
  ],
});
