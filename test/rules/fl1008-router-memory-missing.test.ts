import { fl1008RouterMemoryMissing } from '../../functions/shared/rules/catalog/fl1008-router-memory-missing';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1008RouterMemoryMissing, {
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
      fixture: 'bad/FL1008/router-without-memory.yaml',
      findings: [
        {
          ruleId: 'FL1008',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0],
          line: 8,
          column: 11,
          message: 'Log router log_router sets neither Memory nor MemoryReservation',
        },
      ],
    },
  ],
});
