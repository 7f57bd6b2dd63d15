import { fl1502RouterImageDockerHub } from '../../functions/shared/rules/catalog/fl1502-router-image-docker-hub';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1502RouterImageDockerHub, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/fargate-service-complete.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1502/docker-hub-image.yaml',
      findings: [
        {
          ruleId: 'FL1502',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message:
            'Log router log_router pulls amazon/aws-for-fluent-bit:2.32.4 from Docker Hub, which rate-limits pulls; use public.ecr.aws/aws-observability/aws-for-fluent-bit',
        },
      ],
    },
    {
      fixture: 'bad/FL1502/fluentd-router.yaml',
      findings: [
        {
          ruleId: 'FL1502',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message:
            'pulls fluent/fluentd:v1.17-1 from Docker Hub, which rate-limits pulls; pull the Fluentd image through Amazon ECR (a pull-through cache rule',
        },
      ],
    },
    {
      fixture: 'bad/FL1502/otel-collector-router.yaml',
      findings: [
        {
          ruleId: 'FL1502',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message:
            'pulls otel/opentelemetry-collector-contrib:0.114.0 from Docker Hub, which rate-limits pulls; use public.ecr.aws/aws-observability/aws-otel-collector (ADOT)',
        },
      ],
    },
  ],
});
