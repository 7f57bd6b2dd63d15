import { fl1205StopTimeoutExceedsRouter } from '../../functions/shared/rules/catalog/fl1205-stop-timeout-exceeds-router';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1205StopTimeoutExceedsRouter, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1205/app-stops-slower.yaml',
      findings: [
        {
          ruleId: 'FL1205',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'StopTimeout'],
          line: 15,
          column: 11,
          message: 'Container app may take 120s to stop but log router log_router only 30s: its last logs can be lost',
        },
      ],
    },
    {
      fixture: 'bad/FL1205/router-default-timeout.yaml',
      findings: [
        {
          ruleId: 'FL1205',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'StopTimeout'],
          line: 14,
          column: 11,
          message: 'Container app may take 60s to stop but log router log_router only 30s: its last logs can be lost',
        },
      ],
    },
  ],
});
