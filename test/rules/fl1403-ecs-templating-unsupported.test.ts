import { fl1403EcsTemplatingUnsupported } from '../../functions/shared/rules/catalog/fl1403-ecs-templating-unsupported';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1403EcsTemplatingUnsupported, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1404/ecs-variable-without-init.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1403/task-id-on-cloudwatch-logs.yaml',
      findings: [
        {
          ruleId: 'FL1403',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log_stream_name'],
          line: 21,
          column: 15,
          message: 'app uses $(ecs_task_id) in log_stream_name, which the cloudwatch_logs plugin does not expand',
        },
      ],
    },
    {
      fixture: 'bad/FL1403/tag-variable-on-cloudwatch-logs.yaml',
      findings: [
        {
          ruleId: 'FL1403',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log_group_name'],
          line: 21,
          column: 15,
          message: 'app uses $(tag) in log_group_name, which the cloudwatch_logs plugin does not expand',
        },
      ],
    },
  ],
});
