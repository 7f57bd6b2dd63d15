import { fl1009RouterWithoutUsers } from '../../functions/shared/rules/catalog/fl1009-router-without-users';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1009RouterWithoutUsers, {
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
      fixture: 'bad/FL1009/router-without-users.yaml',
      findings: [
        {
          ruleId: 'FL1009',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration'],
          line: 10,
          column: 11,
          message: 'Log router log_router has no container to serve: none in Task uses the awsfirelens log driver',
        },
      ],
    },
  ],
});
