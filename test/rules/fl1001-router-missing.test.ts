import { fl1001RouterMissing } from '../../functions/shared/rules/catalog/fl1001-router-missing';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1001RouterMissing, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-datadog.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1001/driver-without-router.yaml',
      findings: [
        {
          ruleId: 'FL1001',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'LogDriver'],
          line: 11,
          column: 13,
          message: 'Container app logs to awsfirelens but no container in Task has a FirelensConfiguration',
        },
      ],
    },
  ],
});
