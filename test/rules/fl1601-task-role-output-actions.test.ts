import { fl1601TaskRoleOutputActions } from '../../functions/shared/rules/catalog/fl1601-task-role-output-actions';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1601TaskRoleOutputActions, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1601/firehose-without-put-record-batch.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: ['Resources', 'Task', 'Properties', 'TaskRoleArn'],
          line: 19,
          column: 7,
          message: 'Task role TaskRole of Task lacks firehose:PutRecordBatch, needed by the output of app',
        },
      ],
    },
    {
      fixture: 'bad/FL1601/separate-policy-missing-create-group.yaml',
      findings: [
        {
          ruleId: 'FL1601',
          path: ['Resources', 'Task', 'Properties', 'TaskRoleArn'],
          line: 22,
          column: 7,
          message: 'Task role TaskRole of Task lacks logs:CreateLogGroup',
        },
      ],
    },
  ],
});
