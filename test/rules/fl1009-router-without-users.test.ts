import { fl1009RouterWithoutUsers } from '../../functions/shared/rules/catalog/fl1009-router-without-users';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1009RouterWithoutUsers, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1011/include-inside-container.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1009/router-without-users.yaml',
      findings: [
        {
          ruleId: 'FL1009',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration'],
          line: 10,
          column: 11,
          message: 'Log router log_router has no container to serve: none in Task uses the awsfirelens log driver',
        },
      ],
    },
  ],
});
