import { fl1103BufferExceedsTaskMemory } from '../../functions/shared/rules/catalog/fl1103-buffer-exceeds-task-memory';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1103BufferExceedsTaskMemory, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1104/buffers-without-memory.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1103/gigabyte-form.yaml',
      findings: [
        {
          ruleId: 'FL1103',
          path: ['Resources', 'Task', 'Properties', 'Memory'],
          line: 7,
          column: 7,
          message: 'Task memory 1024 MiB of Task is not larger than its containers (1024 MiB) plus log driver buffers (at least 1.0 MiB)',
        },
      ],
    },
    {
      fixture: 'bad/FL1103/task-memory-too-small.yaml',
      findings: [
        {
          ruleId: 'FL1103',
          path: ['Resources', 'Task', 'Properties', 'Memory'],
          line: 7,
          column: 7,
          message: 'Task memory 512 MiB of Task is not larger than its containers (512 MiB) plus log driver buffers (at least 1.0 MiB)',
        },
      ],
    },
  ],
});
