import { fl1701WindowsUnsupported } from '../../functions/shared/rules/catalog/fl1701-windows-unsupported';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1701WindowsUnsupported, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-datadog.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
    'bad/FL1006/s3-config-on-fargate.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1701/fargate-windows.yaml',
      findings: [
        {
          ruleId: 'FL1701',
          path: ['Resources', 'Task', 'Properties', 'RuntimePlatform', 'OperatingSystemFamily'],
          line: 9,
          column: 9,
          message: 'Task uses FireLens on Fargate with WINDOWS_SERVER_2019_CORE; FireLens supports only Linux tasks there',
        },
      ],
    },
  ],
});
