import { fl1004EcsLogMetadataInvalid } from '../../functions/shared/rules/catalog/fl1004-ecs-log-metadata-invalid';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1004EcsLogMetadataInvalid, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1004/yes-instead-of-true.yaml',
      findings: [
        {
          ruleId: 'FL1004',
          path: [
            'Resources',
            'Task',
            'Properties',
            'ContainerDefinitions',
            0,
            'FirelensConfiguration',
            'Options',
            'enable-ecs-log-metadata',
          ],
          line: 13,
          column: 15,
          message: 'enable-ecs-log-metadata of log_router is "yes"; use "true" or "false" (any other value turns metadata off)',
        },
      ],
    },
    {
      fixture: 'bad/FL1004/number-instead-of-string.yaml',
      findings: [
        {
          ruleId: 'FL1004',
          path: [
            'Resources',
            'Task',
            'Properties',
            'ContainerDefinitions',
            0,
            'FirelensConfiguration',
            'Options',
            'enable-ecs-log-metadata',
          ],
          line: 13,
          column: 15,
          message: 'enable-ecs-log-metadata of log_router is 1; use "true" or "false"',
        },
      ],
    },
  ],
});
