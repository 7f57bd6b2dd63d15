import { fl1402MatchSetByHand } from '../../functions/shared/rules/catalog/fl1402-match-set-by-hand';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1402MatchSetByHand, {
  valid: [
    'good/aws-example-cloudwatch-logs.yaml',
    'good/aws-example-config-file-type-file.yaml',
    'good/aws-example-datadog.yaml',
    'good/aws-example-health-check.yaml',
    'good/aws-example-log-driver-buffer-limit.yaml',
    'good/aws-example-send-to-multiple-destinations.yaml',
    'good/fargate-service-complete.yaml',
  ],
  invalid: [
    {
      fixture: 'bad/FL1402/match-star.yaml',
      findings: [
        {
          ruleId: 'FL1402',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'Match'],
          line: 22,
          column: 15,
          message: 'app sets Match in its awsfirelens options; FireLens generates Match itself',
        },
      ],
    },
  ],
});
