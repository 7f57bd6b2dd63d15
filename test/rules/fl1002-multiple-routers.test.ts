import { fl1002MultipleRouters } from '../../functions/shared/rules/catalog/fl1002-multiple-routers';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1002MultipleRouters, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1002/two-routers.yaml',
      findings: [
        {
          ruleId: 'FL1002',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'FirelensConfiguration'],
          line: 15,
          column: 11,
          message: 'Container second_router is a second log router in Task (log_router already is one); a task may have only one',
        },
      ],
    },
  ],
});
