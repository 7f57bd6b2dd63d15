import { fl1701WindowsUnsupported } from '../../functions/shared/rules/catalog/fl1701-windows-unsupported';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1701WindowsUnsupported, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1006/s3-config-on-fargate.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1701/fargate-windows.yaml',
      findings: [
        {
          ruleId: 'FL1701',
          path: ['Resources', 'Task', 'Properties', 'RuntimePlatform', 'OperatingSystemFamily'],
          line: 9,
          column: 9,
          message: 'Task uses FireLens on Fargate with WINDOWS_SERVER_2019_CORE; FireLens supports only Linux tasks there',
        },
      ],
    },
  ],
});
