import { fl1007RouterNotEssential } from '../../functions/shared/rules/catalog/fl1007-router-not-essential';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1007RouterNotEssential, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1007/router-not-essential.yaml',
      findings: [
        {
          ruleId: 'FL1007',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Essential'],
          line: 13,
          column: 11,
          message: 'Log router log_router is not essential: if it stops, the task keeps running without logs',
        },
      ],
    },
  ],
});
