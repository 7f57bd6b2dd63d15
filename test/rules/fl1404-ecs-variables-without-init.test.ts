import { fl1404EcsVariablesWithoutInit } from '../../functions/shared/rules/catalog/fl1404-ecs-variables-without-init';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1404EcsVariablesWithoutInit, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1403/task-id-on-cloudwatch-logs.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1404/ecs-variable-without-init.yaml',
      findings: [
        {
          ruleId: 'FL1404',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log_stream_name'],
          line: 21,
          column: 15,
          message:
            'app uses ${ECS_TASK_ID} in log_stream_name, but the router image public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4 is not an init image that sets it',
        },
      ],
    },
  ],
});
