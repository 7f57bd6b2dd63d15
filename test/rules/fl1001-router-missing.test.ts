import { fl1001RouterMissing } from '../../functions/shared/rules/catalog/fl1001-router-missing';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1001RouterMissing, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1011/include-router.yaml', 'bad/FL1011/include-inside-container.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1001/driver-without-router.yaml',
      findings: [
        {
          ruleId: 'FL1001',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'LogConfiguration', 'LogDriver'],
          line: 11,
          column: 13,
          message: 'Container app logs to awsfirelens but no container in Task has a FirelensConfiguration',
        },
      ],
    },
  ],
});
