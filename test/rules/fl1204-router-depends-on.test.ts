import { fl1204RouterDependsOn } from '../../functions/shared/rules/catalog/fl1204-router-depends-on';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1204RouterDependsOn, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1202/router-has-depends-on.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1204/awsvpc-router-depends-on.yaml',
      findings: [
        {
          ruleId: 'FL1204',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'DependsOn'],
          line: 13,
          column: 11,
          message: 'Log router log_router declares DependsOn, so ECS no longer starts it before (or stops it after) app',
        },
      ],
    },
  ],
});
