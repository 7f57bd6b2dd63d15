import { fl1007RouterNotEssential } from '../../functions/shared/rules/catalog/fl1007-router-not-essential';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1007RouterNotEssential, {
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
      fixture: 'bad/FL1007/router-not-essential.yaml',
      findings: [
        {
          ruleId: 'FL1007',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Essential'],
          line: 13,
          column: 11,
          message: 'Log router log_router is not essential: if it stops, the task keeps running without logs',
        },
      ],
    },
  ],
});
