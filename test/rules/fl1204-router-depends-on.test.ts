import { fl1204RouterDependsOn } from '../../functions/shared/rules/catalog/fl1204-router-depends-on';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1204RouterDependsOn, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-datadog.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
    'bad/FL1202/router-has-depends-on.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1204/awsvpc-router-depends-on.yaml',
      findings: [
        {
          ruleId: 'FL1204',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'DependsOn'],
          line: 13,
          column: 11,
          message: 'Log router log_router declares DependsOn, so ECS no longer starts it before (or stops it after) app',
        },
      ],
    },
  ],
});
