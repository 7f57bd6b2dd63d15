import { fl1101BufferLimitInvalid } from '../../functions/shared/rules/catalog/fl1101-buffer-limit-invalid';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1101BufferLimitInvalid, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1101/above-maximum.yaml',
      findings: [
        {
          ruleId: 'FL1101',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'],
          line: 22,
          column: 15,
          message: 'log-driver-buffer-limit of app is "536870912"; it counts log lines and must be an integer from 0 to 536870911',
        },
      ],
    },
    {
      fixture: 'bad/FL1101/negative.yaml',
      findings: [
        {
          ruleId: 'FL1101',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'],
          line: 22,
          column: 15,
          message: 'log-driver-buffer-limit of app is "-1"; it counts log lines and must be an integer from 0 to 536870911',
        },
      ],
    },
    {
      fixture: 'bad/FL1101/not-an-integer.yaml',
      findings: [
        {
          ruleId: 'FL1101',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'],
          line: 22,
          column: 15,
          message: 'log-driver-buffer-limit of app is "2MB"; it counts log lines and must be an integer from 0 to 536870911',
        },
      ],
    },
  ],
});
