import { fl1103BufferExceedsTaskMemory } from '../../functions/shared/rules/catalog/fl1103-buffer-exceeds-task-memory';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

const TASK_MEMORY = ['Resources', 'Task', 'Properties', 'Memory'];

ruleTester(fl1103BufferExceedsTaskMemory, {
  valid: [
    ...GOOD_TEMPLATES,
    'bad/FL1104/buffers-without-memory.yaml',
    // Containers alone already exceed the task: FL1106's finding, not this rule's.
    'bad/FL1106/reservations-exceed-task.yaml',
    // 4096 lines of 256 bytes are 1 MiB: 510 + 1 < 512.
    {
      fixture: 'bad/FL1103/buffer-lines-at-default-line-size.yaml',
      ruleOptions: { configureRules: { FL1103: { 'average-log-line-bytes': 256 } } },
    },
  ],
  invalid: [
    {
      fixture: 'bad/FL1103/gigabyte-form.yaml',
      findings: [
        {
          ruleId: 'FL1103',
          path: TASK_MEMORY,
          line: 7,
          column: 7,
          message:
            'Task memory 1024 MiB of Task is not larger than its containers (1024 MiB) plus log driver buffers (2048 MiB: 1048576 log lines × 2048 bytes)',
        },
      ],
    },
    {
      fixture: 'bad/FL1103/task-memory-too-small.yaml',
      findings: [
        {
          ruleId: 'FL1103',
          path: TASK_MEMORY,
          line: 7,
          column: 7,
          message:
            'Task memory 512 MiB of Task is not larger than its containers (512 MiB) plus log driver buffers (2048 MiB: 1048576 log lines × 2048 bytes)',
        },
      ],
    },
    {
      fixture: 'bad/FL1103/buffer-lines-at-default-line-size.yaml',
      findings: [
        {
          ruleId: 'FL1103',
          path: TASK_MEMORY,
          line: 10,
          column: 7,
          message:
            'Task memory 512 MiB of Task is not larger than its containers (510 MiB) plus log driver buffers (8 MiB: 4096 log lines × 2048 bytes)',
        },
      ],
    },
    {
      // The option changes the estimate both ways: at 512 bytes a line the 2 MiB make 512, not larger than 512.
      fixture: 'bad/FL1103/buffer-lines-at-default-line-size.yaml',
      ruleOptions: { configureRules: { FL1103: { 'average-log-line-bytes': 512 } } },
      findings: [
        {
          ruleId: 'FL1103',
          path: TASK_MEMORY,
          line: 10,
          column: 7,
          message: 'plus log driver buffers (2 MiB: 4096 log lines × 512 bytes)',
        },
      ],
    },
    {
      fixture: 'bad/FL1103/condition-branch.yaml',
      // Scenario linting: the finding sits in the branch that breaks the rule and names its condition.
      findings: [
        {
          ruleId: 'FL1103',
          path: [...TASK_MEMORY, 'Fn::If', 2],
          line: 13,
          column: 36,
          message:
            'Task memory 512 MiB of Task is not larger than its containers (450 MiB) plus log driver buffers (128 MiB: 65536 log lines × 2048 bytes); raise the task memory or lower log-driver-buffer-limit (when condition IsProd is false)',
        },
      ],
    },
  ],
});
