import { fl1102BufferLimitWrongDriver } from '../../functions/shared/rules/catalog/fl1102-buffer-limit-wrong-driver';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1102BufferLimitWrongDriver, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1102/buffer-on-awslogs.yaml',
      findings: [
        {
          ruleId: 'FL1102',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2, 'LogConfiguration', 'Options', 'log-driver-buffer-limit'],
          line: 28,
          column: 15,
          message: 'sidecar sets log-driver-buffer-limit with the awslogs log driver; it is only valid with awsfirelens',
        },
      ],
    },
  ],
});
