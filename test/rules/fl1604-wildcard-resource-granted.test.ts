import { fl1604WildcardResourceGranted } from '../../functions/shared/rules/catalog/fl1604-wildcard-resource-granted';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1604WildcardResourceGranted, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1604/templated-prefix-unmarked.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1604/accepted-wildcard-stream.yaml',
      findings: [
        {
          ruleId: 'FL1604',
          path: ['Resources', 'TaskFireLensTaskRole', 'Properties', 'Policies', 0, 'PolicyDocument', 'Statement', 0],
          line: 18,
          column: 17,
          message:
            'Generated IAM policy of role TaskFireLensTaskRole grants a wildcard resource (…AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/logs-*) for firehose:PutRecordBatch',
        },
        {
          ruleId: 'FL1604',
          path: ['Resources', 'TaskFireLensExecutionPolicy', 'Properties', 'PolicyDocument', 'Statement', 1],
          line: 34,
          column: 13,
          message:
            'Generated IAM policy of role ExecRole grants a wildcard resource (arn:aws:ssm:eu-west-1:111122223333:parameter/app/?) for ssm:GetParameters',
        },
      ],
    },
  ],
});
