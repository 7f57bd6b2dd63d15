import { fl1404EcsVariablesWithoutInit } from '../../functions/shared/rules/catalog/fl1404-ecs-variables-without-init';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1404EcsVariablesWithoutInit, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-datadog.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
    'bad/FL1403/task-id-on-cloudwatch-logs.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1404/ecs-variable-without-init.yaml',
      findings: [
        {
          ruleId: 'FL1404',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log_stream_name'],
          line: 21,
          column: 15,
          message: 'app uses ${ECS_TASK_ID} in log_stream_name, but the router image public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4 is not an init image that sets it',
        },
      ],
    },
  ],
});
