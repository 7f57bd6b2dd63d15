import { fl1203DependencyConditionInvalid } from '../../functions/shared/rules/catalog/fl1203-dependency-condition-invalid';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1203DependencyConditionInvalid, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1006/lower-case-fargate.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1203/app-depends-on-router-complete.yaml',
      findings: [
        {
          ruleId: 'FL1203',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'DependsOn', 0, 'Condition'],
          line: 15,
          column: 15,
          message: 'Container app depends on the log router with COMPLETE; use START or HEALTHY',
        },
      ],
    },
    {
      fixture: 'bad/FL1203/router-depends-on-success.yaml',
      findings: [
        {
          ruleId: 'FL1203',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'DependsOn', 0, 'Condition'],
          line: 14,
          column: 15,
          message: 'Log router log_router depends on init with SUCCESS; use START or HEALTHY',
        },
      ],
    },
    {
      fixture: 'bad/FL1203/condition-not-a-string.yaml',
      findings: [
        {
          ruleId: 'FL1203',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'DependsOn', 0, 'Condition'],
          line: 15,
          column: 15,
          message: 'Container app depends on the log router with 1; use START or HEALTHY',
        },
      ],
    },
  ],
});
