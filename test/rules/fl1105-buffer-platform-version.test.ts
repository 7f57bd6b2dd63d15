import { fl1105BufferPlatformVersion } from '../../functions/shared/rules/catalog/fl1105-buffer-platform-version';
import type { JsonObject } from '../../functions/shared/template/intrinsics';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

/** What DescribeTaskDefinition returns, in CloudFormation's PascalCase form. */
const EXTERNAL_TASK: JsonObject = {
  RequiresCompatibilities: ['FARGATE'],
  NetworkMode: 'awsvpc',
  ContainerDefinitions: [
    {
      Name: 'log_router',
      Image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
      FirelensConfiguration: { Type: 'fluentbit' },
    },
    {
      Name: 'app',
      Image: 'nginx',
      LogConfiguration: { LogDriver: 'awsfirelens', Options: { Name: 'cloudwatch_logs', 'log-driver-buffer-limit': '1048576' } },
    },
  ],
};

ruleTester(fl1105BufferPlatformVersion, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1105/capacity-provider-external-task.yaml', 'bad/FL1103/task-memory-too-small.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1105/platform-1-3-0.yaml',
      findings: [
        {
          ruleId: 'FL1105',
          path: ['Resources', 'Service', 'Properties', 'PlatformVersion'],
          line: 31,
          column: 7,
          message: 'Service Service pins Fargate platform version 1.3.0, but Task uses log-driver-buffer-limit, which needs 1.4.0 or later',
        },
      ],
    },
    {
      fixture: 'bad/FL1105/capacity-provider-external-task.yaml',
      externalTaskDefinitions: new Map([['arn:aws:ecs:us-east-1:111122223333:task-definition/app:7', EXTERNAL_TASK]]),
      findings: [
        {
          ruleId: 'FL1105',
          path: ['Resources', 'Service', 'Properties', 'PlatformVersion'],
          line: 10,
          column: 7,
          message:
            'pins Fargate platform version 1.3.0, but arn:aws:ecs:us-east-1:111122223333:task-definition/app:7 uses log-driver-buffer-limit',
        },
      ],
    },
  ],
});
