import { fl1010FirelensWithoutTransform } from '../../functions/shared/rules/catalog/fl1010-firelens-without-transform';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1010FirelensWithoutTransform, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1010/ok-with-transform.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1010/no-transform.yaml',
      findings: [
        {
          ruleId: 'FL1010',
          path: ['Resources', 'Task', 'Properties', 'FireLens'],
          line: 13,
          column: 7,
          message: 'Task uses the FireLens property but the template has no "Transform: FireLensMacro"',
        },
      ],
    },
    {
      fixture: 'bad/FL1010/other-transform-only.yaml',
      findings: [
        {
          ruleId: 'FL1010',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FireLens'],
          line: 14,
          column: 11,
          message: 'Task uses the FireLens property but the template has no "Transform: FireLensMacro"',
        },
      ],
    },
    {
      // The macro is deployed under another name: FireLensMacro in Transform does not run it.
      fixture: 'bad/FL1010/ok-with-transform.yaml',
      ruleOptions: { macroName: 'AcmeFireLens' },
      findings: [
        {
          ruleId: 'FL1010',
          path: ['Resources', 'Task', 'Properties', 'FireLens'],
          line: 14,
          column: 7,
          message: 'Task uses the FireLens property but the template has no "Transform: AcmeFireLens"',
        },
      ],
    },
  ],
});
