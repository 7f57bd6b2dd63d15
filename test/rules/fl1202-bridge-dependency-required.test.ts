import { fl1202BridgeDependencyRequired } from '../../functions/shared/rules/catalog/fl1202-bridge-dependency-required';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1202BridgeDependencyRequired, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1201/bridge-without-depends-on.yaml', 'bad/FL1204/awsvpc-router-depends-on.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1202/router-has-depends-on.yaml',
      findings: [
        {
          ruleId: 'FL1202',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2],
          line: 20,
          column: 11,
          message:
            'Container app must declare DependsOn log_router (START or HEALTHY): the router has DependsOn of its own, so ECS adds no implicit dependency',
        },
      ],
    },
  ],
});
