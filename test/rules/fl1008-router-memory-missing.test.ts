import { fl1008RouterMemoryMissing } from '../../functions/shared/rules/catalog/fl1008-router-memory-missing';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1008RouterMemoryMissing, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1008/router-without-memory.yaml',
      findings: [
        {
          ruleId: 'FL1008',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0],
          line: 8,
          column: 11,
          message: 'Log router log_router sets neither Memory nor MemoryReservation',
        },
      ],
    },
  ],
});
