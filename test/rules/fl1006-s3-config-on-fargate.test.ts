import { fl1006S3ConfigOnFargate } from '../../functions/shared/rules/catalog/fl1006-s3-config-on-fargate';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1006S3ConfigOnFargate, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1602/no-execution-role.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1006/s3-config-on-fargate.yaml',
      findings: [
        {
          ruleId: 'FL1006',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-type'],
          line: 17,
          column: 15,
          message: 'log_router uses config-file-type s3 but Task requires FARGATE, which supports only file',
        },
      ],
    },
    {
      fixture: 'bad/FL1006/lower-case-fargate.yaml',
      findings: [
        {
          ruleId: 'FL1006',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FirelensConfiguration', 'Options', 'config-file-type'],
          line: 17,
          column: 15,
          message: 'log_router uses config-file-type s3 but Task requires FARGATE, which supports only file',
        },
      ],
    },
  ],
});
