import { fl1602S3ConfigExecutionRole } from '../../functions/shared/rules/catalog/fl1602-s3-config-execution-role';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1602S3ConfigExecutionRole, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1602/execution-role-lacks-get-bucket-location.yaml',
      findings: [
        {
          ruleId: 'FL1602',
          path: ['Resources', 'Task', 'Properties', 'ExecutionRoleArn'],
          line: 6,
          column: 7,
          message: 'Execution role ExecutionRole of Task lacks s3:GetBucketLocation, needed to fetch the S3 config file of log_router',
        },
      ],
    },
    {
      fixture: 'bad/FL1602/no-execution-role.yaml',
      findings: [
        {
          ruleId: 'FL1602',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-type'],
          line: 12,
          column: 15,
          message: 'log_router loads its config from S3 but Task has no ExecutionRoleArn',
        },
      ],
    },
  ],
});
