import { fl1201BridgeDependencyMissing } from '../../functions/shared/rules/catalog/fl1201-bridge-dependency-missing';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1201BridgeDependencyMissing, {
  valid: [
    'good/fargate-service-complete.yaml',
    'bad/FL1202/router-has-depends-on.yaml',
    'bad/FL1204/awsvpc-router-depends-on.yaml',
    'bad/FL1006/lower-case-fargate.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1201/bridge-without-depends-on.yaml',
      findings: [
        {
          ruleId: 'FL1201',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1],
          line: 12,
          column: 11,
          message: 'Container app logs to awsfirelens in bridge mode without DependsOn log_router (START or HEALTHY)',
        },
      ],
    },
    {
      fixture: 'bad/FL1201/explicit-bridge-other-dependency.yaml',
      findings: [
        {
          ruleId: 'FL1201',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2],
          line: 17,
          column: 11,
          message: 'Container app logs to awsfirelens in bridge mode without DependsOn log_router (START or HEALTHY)',
        },
      ],
    },
    {
      // AWS's own example leaves bridge-mode ordering implicit: a warning, never an error.
      fixture: 'good/aws-example-cloudwatch-logs.yaml',
      findings: [
        {
          ruleId: 'FL1201',
          path: ['Resources', 'TaskDefinition', 'Properties', 'ContainerDefinitions', 1],
          line: 25,
          column: 11,
          message: 'Container app logs to awsfirelens in bridge mode without DependsOn log_router',
        },
      ],
    },
  ],
});
