import { fl1003RouterTypeInvalid } from '../../functions/shared/rules/catalog/fl1003-router-type-invalid';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1003RouterTypeInvalid, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1003/missing-type.yaml',
      findings: [
        {
          ruleId: 'FL1003',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration'],
          line: 10,
          column: 11,
          message: 'FirelensConfiguration of log_router has no Type (fluentbit or fluentd)',
        },
      ],
    },
    {
      fixture: 'bad/FL1003/unknown-type.yaml',
      findings: [
        {
          ruleId: 'FL1003',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Type'],
          line: 11,
          column: 13,
          message: 'FirelensConfiguration Type "fluent-bit" of log_router is not fluentbit or fluentd',
        },
      ],
    },
    {
      fixture: 'bad/FL1003/type-not-a-string.yaml',
      findings: [
        {
          ruleId: 'FL1003',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Type'],
          line: 11,
          column: 13,
          message: 'FirelensConfiguration Type 2 of log_router is not fluentbit or fluentd',
        },
      ],
    },
  ],
});
