import { fl1005ConfigFileTypeInvalid } from '../../functions/shared/rules/catalog/fl1005-config-file-type-invalid';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1005ConfigFileTypeInvalid, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1005/unknown-type.yaml',
      findings: [
        {
          ruleId: 'FL1005',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-type'],
          line: 13,
          column: 15,
          message: 'config-file-type "https" of log_router is not file or s3',
        },
      ],
    },
    {
      fixture: 'bad/FL1005/type-not-a-string.yaml',
      findings: [
        {
          ruleId: 'FL1005',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-type'],
          line: 13,
          column: 15,
          message: 'config-file-type ["file"] of log_router is not file or s3',
        },
      ],
    },
    {
      fixture: 'bad/FL1005/value-without-type.yaml',
      findings: [
        {
          ruleId: 'FL1005',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-value'],
          line: 13,
          column: 15,
          message: 'log_router sets config-file-value without config-file-type',
        },
      ],
    },
  ],
});
