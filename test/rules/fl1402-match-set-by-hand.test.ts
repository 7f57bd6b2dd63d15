import { fl1402MatchSetByHand } from '../../functions/shared/rules/catalog/fl1402-match-set-by-hand';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1402MatchSetByHand, {
  valid: [...GOOD_TEMPLATES],
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
