import { fl1401OutputOptionMissing } from '../../functions/shared/rules/catalog/fl1401-output-option-missing';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

const NAME = ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options'];

ruleTester(fl1401OutputOptionMissing, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1403/task-id-on-cloudwatch-logs.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1401/cloudwatch-logs-without-group.yaml',
      findings: [
        {
          ruleId: 'FL1401',
          path: [...NAME, 'Name'],
          line: 18,
          column: 15,
          message: 'app uses the cloudwatch_logs output without log_group_name',
        },
        { ruleId: 'FL1401', path: [...NAME, 'Name'], line: 18, column: 15, message: 'without one of log_stream_name, log_stream_prefix' },
      ],
    },
    {
      fixture: 'bad/FL1401/secret-option-in-one-branch.yaml',
      findings: [
        {
          ruleId: 'FL1401',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2, 'LogConfiguration', 'Options', 'Name'],
          line: 36,
          column: 15,
          message: 'prod-only uses the datadog output without apikey (when condition IsProd is false)',
        },
      ],
    },
    {
      fixture: 'bad/FL1401/firehose-without-stream.yaml',
      findings: [
        {
          ruleId: 'FL1401',
          path: [...NAME, 'name'],
          line: 18,
          column: 15,
          message: 'app uses the firehose output without delivery_stream',
        },
      ],
    },
    {
      fixture: 'bad/FL1401/empty-region.yaml',
      findings: [
        { ruleId: 'FL1401', path: [...NAME, 'Name'], line: 18, column: 15, message: 'app uses the kinesis_firehose output without region' },
      ],
    },
  ],
});
